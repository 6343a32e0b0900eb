import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeReceivedMailings, receivedMailingsDescription } from '../mailingsOf/receivedMailings';

export const description = receivedMailingsDescription('subprofile');

/** GET subprofile/{id}/{ms|publisher}/destinations (v4: draganddrop, html): what the subprofile received, one item per destination. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeReceivedMailings.call(this, 'subprofile');
}
