import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { forEachId } from '../../itemRunner/byId';
import { subprofileIdParameter } from '../../parameters/idParameter';
import { readBack, simplifyParameter } from '../../results/readBack';
import { singleRequestOptionsCollection } from '../../parameters/requestOptions';

const properties: INodeProperties[] = [subprofileIdParameter, simplifyParameter.subprofile, singleRequestOptionsCollection];

export const description = updateDisplayOptions({ show: { resource: ['subprofile'], operation: ['get'] } }, properties);

/** GET subprofile/{id}: one subprofile by its ID. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachId.call(this, 'subprofile', async (id, itemIndex, settings) => await readBack(this, itemIndex, 'subprofile', id, settings));
}
