import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaGetAll } from '../../../shared/transport';
import { returnAllOrLimit, simplifySwitch } from '../common.descriptions';
import { listLimitOf } from '../../selection/listWithSelection';
import { forEachItem } from '../../itemRunner/perItem';
import { requestSettingsOf, singleRequestOptionsCollection } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	simplifySwitch(
		'Whether to return only the ID, name and description of each database instead of the raw data (which embeds the first page of its fields, interests and collections)',
	),
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['database'], operation: ['getMany'] } }, properties);

/** GET databases: every database of the account (or Limit), 1,000 a page. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const limit = listLimitOf(this, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
		const databases = await copernicaGetAll.call(
			this,
			{ ...requestSettingsOf(options, itemIndex, limiter), path: 'databases', action: 'listing the databases' },
			limit,
		);
		if (!simplify) return databases;
		return databases.map(({ ID, name, description }): IDataObject => ({ ID, name, description }));
	});
}
