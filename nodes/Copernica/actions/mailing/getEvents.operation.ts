import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { returnAllOrLimit } from '../common.descriptions';
import { dateQuery, listMailingPath, mailingIdParameter, optionsWith, requiredId, TIME_WINDOW, timeWindowOptions } from './mailingCommon';

/** The event lists Copernica keeps per mailing and per account (copernica-mailings.md §4.2). */
export const EVENT_KINDS = ['deliveries', 'impressions', 'clicks', 'errors', 'unsubscribes', 'abuses'] as const;
type EventKind = (typeof EVENT_KINDS)[number];

/** Where `unique` is documented: clicks and unsubscribes. */
const UNIQUE_KINDS: EventKind[] = ['clicks', 'unsubscribes'];

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: [
			{ name: 'Abuse Reports', value: 'abuses' },
			{ name: 'Clicks', value: 'clicks' },
			{ name: 'Deliveries', value: 'deliveries' },
			{ name: 'Errors and Bounces', value: 'errors', description: 'Bounces show up here, with their error code and type' },
			{ name: 'Opens (Impressions)', value: 'impressions' },
			{ name: 'Unsubscribes', value: 'unsubscribes' },
		],
		default: 'deliveries',
	},
	{
		displayName: 'Of',
		name: 'scope',
		type: 'options',
		options: [
			{ name: 'One Mailing', value: 'mailing', description: '{suite}/emailing/{ID}/{event}' },
			{ name: 'All Mailings', value: 'account', description: 'The account-wide list, {suite}/{event}' },
		],
		default: 'mailing',
	},
	{ ...mailingIdParameter, displayOptions: { show: { scope: ['mailing'] } } },
	...returnAllOrLimit,
	optionsWith([
		...timeWindowOptions,
		{
			displayName: 'Unique',
			name: 'unique',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/event': UNIQUE_KINDS } },
			description: 'Whether to list only the first click (or unsubscribe) of each destination',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['mailing'], operation: ['getEvents'] } }, properties);

/** GET {suite}/emailing/{id}/{event} or {suite}/{event}: one item per event, every page of 1,000 (or Limit). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await listMailingPath.call(this, (itemIndex, options) => {
		const event = this.getNodeParameter('event', itemIndex, 'deliveries') as EventKind;
		if (!EVENT_KINDS.includes(event)) throw new ParameterProblem(`Unknown event "${String(event)}"`, `Choose one of ${EVENT_KINDS.join(', ')}.`);
		const query = dateQuery(options, TIME_WINDOW);
		if (options.unique === true && UNIQUE_KINDS.includes(event)) query.push(['unique', 'true']);
		if (this.getNodeParameter('scope', itemIndex, 'mailing') === 'account') return { segments: [event], query, action: `listing the account's ${event}` };
		const id = requiredId(this.getNodeParameter('mailingId', itemIndex, ''), 'Mailing ID');
		return { segments: ['emailing', id, event], query, action: `listing the ${event} of mailing ${id}` };
	});
}
