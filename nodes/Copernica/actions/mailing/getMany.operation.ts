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
				default: 'all',
				description:
					"Which mailings by status. All when not set: Copernica's own default lists only sent ones, and would hide a mailing that failed (its template lacked a subject or from address, or its sender domain was not configured).",
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

/**
 * The status asked for: All unless the Status filter says otherwise. Copernica's list defaults to
 * status=sent (copernica-mailings.md §4.2), and a send whose template lacks a subject or from
 * address, or whose sender domain is not configured, is not documented as refused: its mailing
 * may exist and have failed. Copernica's answer documents no status field, so the node cannot
 * mark which ones failed; Status Failed lists only those.
 */
const DEFAULT_STATUS = 'all';

/** The filters as `GET {suite}/emailings` takes them (copernica-mailings.md §4.2), in a fixed order; status always. */
function filterQuery(filters: IDataObject, publisher: boolean): QueryPairs {
	const given: IDataObject = { ...filters, status: typeof filters.status === 'string' && filters.status !== '' ? filters.status : DEFAULT_STATUS };
	const query: QueryPairs = [];
	// Test Mailings is Publisher's alone: a value left over from switching the Mailing Type is not sent.
	for (const name of publisher ? (['type', 'status', 'test'] as const) : (['type', 'status'] as const)) {
		if (typeof given[name] === 'string' && given[name] !== '') query.push([name, given[name] as string]);
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
