import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { forEachId } from '../../itemRunner/byId';
import { subprofileIdParameter } from '../../parameters/idParameter';
import { outputParameters, outputShaper } from '../../results/outputOption';
import { readBack } from '../../results/readBack';
import { singleRequestOptionsCollection } from '../../parameters/requestOptions';

const properties: INodeProperties[] = [subprofileIdParameter, ...outputParameters('subprofile', false), singleRequestOptionsCollection];

export const description = updateDisplayOptions({ show: { resource: ['subprofile'], operation: ['get'] } }, properties);

/** GET subprofile/{id}: one subprofile by its ID. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachId.call(this, 'subprofile', async (id, itemIndex, settings) =>
		await readBack(this, itemIndex, 'subprofile', id, settings, outputShaper(this, itemIndex, 'subprofile')),
	);
}
