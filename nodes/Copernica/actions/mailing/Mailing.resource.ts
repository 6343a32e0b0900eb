import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getEvents from './getEvents.operation';
import * as getMany from './getMany.operation';
import * as getStatistics from './getStatistics.operation';
import { mailingTypeParameter } from './mailingCommon';

export { get, getEvents, getMany, getStatistics };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['mailing'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a mailing: its template or document, subject, sender, target and destinations',
				action: 'Get a mailing',
			},
			{
				name: 'Get Events',
				value: 'getEvents',
				description: 'List the deliveries, opens, clicks, errors and bounces, unsubscribes or abuse reports of a mailing or of all mailings',
				action: 'Get the events of mailings',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the mailings sent, by type, date range and status, page after page',
				action: 'Get many mailings',
			},
			{
				name: 'Get Statistics',
				value: 'getStatistics',
				description: 'Get the statistics of a mailing: destinations, deliveries, opens, clicks, errors, unsubscribes',
				action: 'Get the statistics of a mailing',
			},
		],
		default: 'getMany',
	},
	{ ...mailingTypeParameter, displayOptions: { show: { resource: ['mailing'] } } },
	...get.description,
	...getEvents.description,
	...getMany.description,
	...getStatistics.description,
];
