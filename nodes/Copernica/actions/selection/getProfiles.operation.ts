import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { databaseLocator, databaseOf } from '../../../shared/locators/databaseLocator';
import { createSelectionResolver, selectionLocator } from '../../../shared/locators/selectionLocator';
import { copernicaGetAll, pathOf } from '../../../shared/transport';
import type { QueryPairs } from '../../../shared/transport';
import { createSchemaCache } from '../../../shared/transport/databaseSchema';
import { returnAllOrLimit } from '../common.descriptions';
import { forEachItem } from '../../itemRunner/perItem';
import { listLimitOf } from '../../selection/listWithSelection';
import { requestSettingsOf, singleRequestOptionsCollection } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { listShaper, outputParameters } from '../../results/outputOption';

const properties: INodeProperties[] = [
	{ ...databaseLocator, description: 'The Copernica database the selection belongs to' },
	selectionLocator,
	...returnAllOrLimit,
	...outputParameters('profile', true),
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['selection'], operation: ['getProfiles'] } }, properties);

/**
 * GET view/{id}/profiles: the profiles of the selection's last build (Rebuild refreshes it),
 * 1,000 a page until all or Limit are read, shaped as Profile → Get Many shapes them.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const schemaOf = createSchemaCache(this);
	const selectionOf = createSelectionResolver(this);

	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const database = databaseOf(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
		const settings = requestSettingsOf(options, itemIndex, limiter);
		const limit = listLimitOf(this, itemIndex);
		const { output, shape } = await listShaper(this, itemIndex, 'profile', async () => (await schemaOf(database, settings)).fields);
		const selection = await selectionOf(itemIndex, settings);
		const query: QueryPairs = output === 'raw' ? [] : [['dataonly', 'true']];
		const profiles = await copernicaGetAll.call(
			this,
			{ ...settings, path: pathOf('view', selection, 'profiles'), query, action: `reading the profiles of selection "${selection}"` },
			limit,
		);
		return profiles.map(shape);
	});
}
