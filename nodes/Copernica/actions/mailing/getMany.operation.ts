import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import type { QueryPairs } from '../../../shared/transport';
import { returnAllOrLimit } from '../common.descriptions';
import { singleRequestOptionsCollection } from '../../parameters/requestOptions';
import { dateQuery, listMailingPath, suiteOfItem } from './mailingCommon';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: 'Only mailings sent from this moment on (fromdate, sent as YYYY-MM-DD HH:MM:SS as written)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Sent', value: 'sent' },
				],
				default: 'sent',
				description: 'Which mailings by status; Copernica lists only sent ones when this is not set',
			},
			{
				displayName: 'Test Mailings',
				name: 'test',
				type: 'options',
				displayOptions: { show: { '/mailingType': ['publisher'] } },
				options: [
					{ name: 'Both', value: 'both' },
					{ name: 'Only Test Mailings', value: 'yes' },
					{ name: 'No Test Mailings', value: 'no' },
				],
				default: 'no',
				description: 'Publisher only: whether to list test mailings',
			},
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Only mailings sent up to this moment (todate)',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Mass', value: 'mass', description: 'To a database, collection or selection' },
					{ name: 'Individual', value: 'individual', description: 'To one profile or subprofile' },
				],
				default: 'mass',
			},
		],
	},
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['mailing'], operation: ['getMany'] } }, properties);

/** The filters as `GET {suite}/emailings` takes them (copernica-mailings.md §4.2), in a fixed order. */
function filterQuery(filters: IDataObject, publisher: boolean): QueryPairs {
	const query: QueryPairs = [];
	// Test Mailings is Publisher's alone: a value left over from switching the Mailing Type is not sent.
	for (const name of publisher ? (['type', 'status', 'test'] as const) : (['type', 'status'] as const)) {
		if (typeof filters[name] === 'string' && filters[name] !== '') query.push([name, filters[name] as string]);
	}
	return [...query, ...dateQuery(filters, { fromDate: ['fromdate', 'From Date'], toDate: ['todate', 'To Date'] })];
}

/** GET {suite}/emailings, filtered, every page of 1,000 (or Limit). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await listMailingPath.call(this, (itemIndex) => {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return { segments: ['emailings'], query: filterQuery(filters, suiteOfItem(this, itemIndex) === 'publisher'), action: 'listing the mailings' };
	});
}
