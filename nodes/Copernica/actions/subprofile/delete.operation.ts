import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { pathOf } from '../../../shared/transport';
import { forEachId } from '../../itemRunner/byId';
import { subprofileIdParameter } from '../../parameters/idParameter';
import { deleteCountingRemoved } from '../../results/removal';
import { singleRequestOptionsCollection } from '../../parameters/requestOptions';

const properties: INodeProperties[] = [subprofileIdParameter, singleRequestOptionsCollection];

export const description = updateDisplayOptions({ show: { resource: ['subprofile'], operation: ['delete'] } }, properties);

/** DELETE subprofile/{id}; one removed already counts as deleted (see removal.ts). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachId.call(
		this,
		'subprofile',
		async (id, _itemIndex, settings) =>
			await deleteCountingRemoved(this, { ...settings, path: pathOf('subprofile', id), action: `deleting subprofile ${id}` }),
	);
}
