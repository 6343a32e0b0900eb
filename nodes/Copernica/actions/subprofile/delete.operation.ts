import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../helpers/updateDisplayOptions';
import { pathOf } from '../../transport';
import { forEachId } from '../byId';
import { subprofileIdParameter } from '../idParameter';
import { deleteCountingRemoved } from '../removal';
import { singleRequestOptionsCollection } from '../requestOptions';

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
