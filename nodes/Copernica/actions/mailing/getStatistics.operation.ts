import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { dateQuery, mailingIdParameter, optionsWith, readMailingPath, requiredId, TIME_WINDOW, timeWindowOptions } from './mailingCommon';

const properties: INodeProperties[] = [
	mailingIdParameter,
	optionsWith(timeWindowOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['mailing'], operation: ['getStatistics'] } }, properties);

/**
 * Copernica returns its values as strings (copernica-api.md §3.1), counts included: whole numbers
 * become numbers, so a summary can add and divide them without a conversion of its own.
 */
function countsAsNumbers(value: unknown): unknown {
	if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
	return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, countsAsNumbers(entry)]));
}

const mailingIdOf = (context: IExecuteFunctions, itemIndex: number) => requiredId(context.getNodeParameter('mailingId', itemIndex, ''), 'Mailing ID');

/**
 * GET {suite}/emailing/{id}/statistics (optional begintime/endtime): destinations, deliveries,
 * errors, impressions, clicks, …, with the mailing's ID in front (Copernica's answer has none),
 * so a summary per mailing needs no merge. Counts are numbers (countsAsNumbers).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readMailingPath.call(
		this,
		(itemIndex, options) => {
			const id = mailingIdOf(this, itemIndex);
			return { segments: ['emailing', id, 'statistics'], query: dateQuery(options, TIME_WINDOW), action: `reading the statistics of mailing ${id}` };
		},
		(itemIndex) => ({ mailing: mailingIdOf(this, itemIndex) }),
		countsAsNumbers,
	);
}
