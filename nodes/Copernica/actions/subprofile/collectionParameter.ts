import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../helpers/parameterProblem';

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
		'The collection of subprofiles, such as orders. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The item's collection ID: Copernica's collection paths take only numeric IDs. */
export function collectionIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const collection = String(context.getNodeParameter('collection', itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(collection)) {
		throw new ParameterProblem(
			collection === '' ? 'No collection chosen' : `"${collection}" is not a collection ID`,
			'Pick the collection from the list, or give its numeric ID (Database → Get lists the collections with their IDs).',
		);
	}
	return collection;
}
