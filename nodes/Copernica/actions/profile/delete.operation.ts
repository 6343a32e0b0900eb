import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { pathOf } from '../../../shared/transport';
import { forEachId } from '../../itemRunner/byId';
import { profileIdParameter } from '../../parameters/idParameter';
import { deleteCountingRemoved } from '../../results/removal';
import { singleRequestOptionsCollection } from '../../parameters/requestOptions';

const properties: INodeProperties[] = [profileIdParameter, singleRequestOptionsCollection];

export const description = updateDisplayOptions({ show: { resource: ['profile'], operation: ['delete'] } }, properties);

/** DELETE profile/{id}; one removed already counts as deleted (see removal.ts). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachId.call(
		this,
		'profile',
		async (id, _itemIndex, settings) =>
			await deleteCountingRemoved(this, { ...settings, path: pathOf('profile', id), action: `deleting profile ${id}` }),
	);
}
