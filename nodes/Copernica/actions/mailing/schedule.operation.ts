import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaDateTime, optionsWith } from './mailingCommon';
import { sendMailings } from './mailingSend';
import { safetyOptions, targetProperties } from './mailingTarget';
import { sourceProperties } from './send.operation';

const properties: INodeProperties[] = [
	...sourceProperties,
	...targetProperties,
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		required: true,
		default: '',
		description: "When the mailing goes out, sent as YYYY-MM-DD HH:MM:SS as written (Copernica's docs name no time zone). A moment in the past sends now.",
	},
	{
		displayName: 'Repeat Rule',
		name: 'rrule',
		type: 'string',
		default: '',
		placeholder: 'e.g. FREQ=WEEKLY;COUNT=4',
		description: 'An RFC 5545 repeat rule (rrule); once when empty. Max Recipients bounds the target as counted now: Copernica resolves the recipients again at each start.',
	},
	optionsWith(safetyOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['mailing'], operation: ['schedule'] } }, properties);

/** POST {ms}/scheduledemailing `{template, target, targettype, start, rrule?}`: Marketing Suite only, as Copernica has it. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendMailings.call(this, (itemIndex) => {
		const start = copernicaDateTime(this.getNodeParameter('start', itemIndex, ''), 'Start');
		const rrule = String(this.getNodeParameter('rrule', itemIndex, '') ?? '').trim();
		return { suite: 'marketingSuite', endpoint: 'scheduledemailing', extra: rrule === '' ? { start } : { start, rrule }, createdAs: 'scheduledMailingId', sourceParameter: 'template' };
	});
}
