import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { forEachId } from '../../itemRunner/byId';
import { profileIdParameter } from '../../parameters/idParameter';
import { outputParameters, outputShaper } from '../../results/outputOption';
import { readBack } from '../../results/readBack';
import { singleRequestOptionsCollection } from '../../parameters/requestOptions';

const properties: INodeProperties[] = [profileIdParameter, ...outputParameters('profile', false), singleRequestOptionsCollection];

export const description = updateDisplayOptions({ show: { resource: ['profile'], operation: ['get'] } }, properties);

/** GET profile/{id}: one profile by its ID. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachId.call(this, 'profile', async (id, itemIndex, settings) =>
		await readBack(this, itemIndex, 'profile', id, settings, outputShaper(this, itemIndex, 'profile')),
	);
}
