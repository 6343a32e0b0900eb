import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { dateQuery, mailingIdParameter, optionsWith, readMailingPath, requiredId, TIME_WINDOW, timeWindowOptions } from './mailingCommon';

const properties: INodeProperties[] = [
	mailingIdParameter,
	optionsWith(timeWindowOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['mailing'], operation: ['getStatistics'] } }, properties);

const mailingIdOf = (context: IExecuteFunctions, itemIndex: number) => requiredId(context.getNodeParameter('mailingId', itemIndex, ''), 'Mailing ID');

/**
 * GET {suite}/emailing/{id}/statistics (optional begintime/endtime): destinations, deliveries,
 * errors, impressions, clicks, …, with the mailing's ID in front (Copernica's answer has none),
 * so a summary per mailing needs no merge.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readMailingPath.call(
		this,
		(itemIndex, options) => {
			const id = mailingIdOf(this, itemIndex);
			return { segments: ['emailing', id, 'statistics'], query: dateQuery(options, TIME_WINDOW), action: `reading the statistics of mailing ${id}` };
		},
		(itemIndex) => ({ mailing: mailingIdOf(this, itemIndex) }),
	);
}
