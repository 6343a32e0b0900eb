import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionIdByName, requiredCollection } from '../helpers/collectionName';
import { createCollectionsCache } from '../transport/databaseSchema';
import type { RequestSettings } from '../transport/databaseSchema';
import { databaseOf } from './databaseLocator';
import { locatorModes } from './locatorModes';

/** The collection (orders, bookings) of the chosen database, as the Database is given: from the list, by ID or by name. */
export const collectionParameter: INodeProperties = {
	displayName: 'Collection',
	name: 'collection',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The collection of subprofiles, such as orders; its fields fill the field lists',
	modes: locatorModes({ noun: 'collection', searchListMethod: 'searchCollections', idExample: '1000', nameExample: 'Orders' }),
};

/**
 * The item's collection ID. Copernica's collection paths take only IDs; a collection given by
 * name is looked up among the database's collections, once per run.
 */
export function createCollectionResolver(context: IExecuteFunctions) {
	const collectionsOf = createCollectionsCache(context);
	return async (itemIndex: number, settings: RequestSettings): Promise<string> => {
		const given = requiredCollection(context.getNodeParameter('collection', itemIndex, ''));
		if (given.byId) return given.value;
		return collectionIdByName(await collectionsOf(databaseOf(context, itemIndex), settings), given.value);
	};
}
