import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionIdByName, requiredCollection } from '../helpers/collectionName';
import { ParameterProblem } from '../helpers/parameterProblem';
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
 * name is looked up among the database's collections, once per run. One given by ID must be
 * among them too: collection paths name no database, and Copernica's IDs are per kind (a
 * database's ID is some collection's too), so an ID picked for another database, or a database
 * ID typed in, would write to another database's collection.
 */
export function createCollectionResolver(context: IExecuteFunctions) {
	const collectionsOf = createCollectionsCache(context);
	return async (itemIndex: number, settings: RequestSettings): Promise<string> => {
		const given = requiredCollection(context.getNodeParameter('collection', itemIndex, ''));
		const database = databaseOf(context, itemIndex);
		const collections = await collectionsOf(database, settings);
		if (!given.byId) return collectionIdByName(collections, given.value);
		if (!collections.some((collection) => collection.id === given.value)) {
			throw new ParameterProblem(
				`The collection ${given.value} is not in the chosen database "${database}"; nothing was sent`,
				`Pick the collection again from the list for this database, or choose the database it belongs to (its collections: ${collections.map((collection) => `${collection.name} (${collection.id})`).join(', ') || 'none'}).`,
			);
		}
		return given.value;
	};
}
