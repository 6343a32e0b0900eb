import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { singleRequestOptionsCollection } from '../../parameters/requestOptions';
import { mailingIdParameter, readMailingPath, requiredId } from './mailingCommon';

const properties: INodeProperties[] = [mailingIdParameter, singleRequestOptionsCollection];

export const description = updateDisplayOptions({ show: { resource: ['mailing'], operation: ['get'] } }, properties);

/** GET {suite}/emailing/{id}: the mailing as Copernica describes it. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readMailingPath.call(this, (itemIndex) => {
		const id = requiredId(this.getNodeParameter('mailingId', itemIndex, ''), 'Mailing ID');
		return { segments: ['emailing', id], action: `reading mailing ${id}` };
	});
}
