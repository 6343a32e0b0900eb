import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../helpers/parameterProblem';
import { createCollectionsCache } from '../../transport/databaseSchema';
import type { RequestSettings } from '../../transport/databaseSchema';
import { databaseOf } from '../databaseParameter';

/** The collection (orders, bookings) of the chosen database; its fields fill the field lists. */
export const collectionParameter: INodeProperties = {
	displayName: 'Collection Name or ID',
	name: 'collection',
	type: 'options',
	typeOptions: {
		loadOptionsMethod: 'getCollections',
		loadOptionsDependsOn: ['database.value'],
	},
	required: true,
	default: '',
	description:
		'The collection of subprofiles, such as orders; an expression may give its name too. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/**
 * The item's collection ID. Copernica's collection paths take only IDs; a name (from an
 * expression) is looked up among the database's collections, once per run.
 */
export function createCollectionResolver(context: IExecuteFunctions) {
	const collectionsOf = createCollectionsCache(context);
	return async (itemIndex: number, settings: RequestSettings): Promise<string> => {
		const given = String(context.getNodeParameter('collection', itemIndex, '') ?? '').trim();
		if (given === '') {
			throw new ParameterProblem('No collection chosen', 'Pick the collection from the list, or give its ID or name.');
		}
		if (/^\d+$/.test(given)) return given;
		const database = databaseOf(context, itemIndex);
		const collections = await collectionsOf(database, settings);
		const found = collections.find((collection) => collection.name.toLowerCase() === given.toLowerCase());
		if (found === undefined) {
			throw new ParameterProblem(
				`The database has no collection "${given}"`,
				`Use one of: ${collections.map((collection) => collection.name).join(', ') || '(this database has no collections)'}.`,
			);
		}
		return found.id;
	};
}
