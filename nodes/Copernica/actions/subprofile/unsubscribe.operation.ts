import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeUnsubscribe, unsubscribeDescription } from '../mailingsOf/unsubscribe';

export const description = unsubscribeDescription('subprofile');

/** PUT subprofile/{id}/unsubscribe: runs the unsubscribe behaviour of its collection, and says what it did. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeUnsubscribe.call(this, 'subprofile');
}
