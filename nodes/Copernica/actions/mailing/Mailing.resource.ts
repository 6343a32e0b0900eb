import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getEvents from './getEvents.operation';
import * as getMany from './getMany.operation';
import * as getStatistics from './getStatistics.operation';
import { mailingTypeParameter } from '../../parameters/mailingType';
import * as schedule from './schedule.operation';
import * as send from './send.operation';

export { get, getEvents, getMany, getStatistics, schedule, send };

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
			{
				name: 'Schedule',
				value: 'schedule',
				description:
					'Schedule a Marketing Suite template for a start time, optionally repeating; counted and bounded by Max Recipients like Send',
				action: 'Schedule a mailing',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send a template or document to a profile, subprofile, selection, miniview, database or collection. Larger targets are counted first and refused over Max Recipients; a re-run of the workflow sends again.',
				action: 'Send a mailing',
			},
		],
		default: 'getMany',
	},
	// Schedule is Marketing Suite's alone (ms/scheduledemailing).
	{ ...mailingTypeParameter, displayOptions: { show: { resource: ['mailing'] }, hide: { operation: ['schedule'] } } },
	...get.description,
	...getEvents.description,
	...getMany.description,
	...getStatistics.description,
	...schedule.description,
	...send.description,
];
