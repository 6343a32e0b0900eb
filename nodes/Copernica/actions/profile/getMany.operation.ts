import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SelectionConditionInput } from '../../../shared/helpers/selection';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { pathOf } from '../../../shared/transport';
import { createSchemaCache } from '../../../shared/transport/databaseSchema';
import { returnAllOrLimit, selectionParameter } from '../common.descriptions';
import { databaseOf } from '../../../shared/locators/databaseLocator';
import { forEachItem } from '../../itemRunner/perItem';
import { listLimitOf, listOptionsCollection, listWithSelection } from '../../selection/listWithSelection';
import type { ListOptions } from '../../selection/listWithSelection';
import { requestSettingsOf } from '../../parameters/requestOptions';
import { listShaper, outputParameters } from '../../results/outputOption';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		...selectionParameter,
		required: false,
		description:
			'Only profiles that meet every condition (AND); leave empty for every profile. Conditions on fields the database does not have are refused, because Copernica would ignore them and return every profile.',
	},
	...outputParameters('profile', true),
	listOptionsCollection('getSelectionFields', 'database.value'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['profile'], operation: ['getMany'] } },
	properties,
);

/**
 * GET database/{id}/profiles: the profiles a selection matches (every profile without one),
 * 1,000 a page until all or Limit are read, in the order asked. One list per input item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const schemaOf = createSchemaCache(this);

	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const database = databaseOf(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as ListOptions;
		const transport = requestSettingsOf(options, itemIndex, limiter);
		const { output, shape } = await listShaper(this, itemIndex, 'profile', async () => (await schemaOf(database, transport)).fields);
		const profiles = await listWithSelection(this, {
			path: pathOf('database', database, 'profiles'),
			action: 'reading profiles',
			owner: 'database',
			conditions: this.getNodeParameter('selection.conditions', itemIndex, []) as SelectionConditionInput[],
			options,
			simplify: output !== 'raw',
			limit: listLimitOf(this, itemIndex),
			transport,
			fields: async () => (await schemaOf(database, transport)).fields,
		});
		return profiles.map(shape);
	});
}
