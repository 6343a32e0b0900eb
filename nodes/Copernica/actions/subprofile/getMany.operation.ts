import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SelectionConditionInput } from '../../../shared/helpers/selection';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { pathOf } from '../../../shared/transport';
import { createCollectionFieldsCache } from '../../../shared/transport/databaseSchema';
import { returnAllOrLimit, selectionParameterFor } from '../common.descriptions';
import { listLimitOf, listOptionsCollection, listWithSelection } from '../../selection/listWithSelection';
import type { ListOptions } from '../../selection/listWithSelection';
import { forEachItem } from '../../itemRunner/perItem';
import { optionalProfileIdOf, profileIdParameter } from '../../parameters/idParameter';
import { requestSettingsOf } from '../../parameters/requestOptions';
import { createCollectionResolver } from '../../../shared/locators/collectionLocator';
import { listShaper, outputParameters } from '../../results/outputOption';

const properties: INodeProperties[] = [
	{
		...profileIdParameter,
		required: false,
		description: 'Only the subprofiles of this profile; leave empty for every subprofile of the collection',
	},
	...returnAllOrLimit,
	{
		...selectionParameterFor('getCollectionSelectionFields', 'collection.value'),
		required: false,
		description:
			'Only subprofiles that meet every condition (AND); leave empty for every subprofile. Conditions on fields the collection does not have are refused, because Copernica would ignore them and return every subprofile.',
	},
	...outputParameters('subprofile', true),
	listOptionsCollection('getCollectionSelectionFields', 'collection.value'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subprofile'], operation: ['getMany'] } },
	properties,
);

/**
 * GET collection/{id}/subprofiles, or profile/{id}/subprofiles/{collection} for one profile's:
 * the subprofiles a selection matches, 1,000 a page until all or Limit are read.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const fieldsOf = createCollectionFieldsCache(this);
	const collectionOf = createCollectionResolver(this);

	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const profileId = optionalProfileIdOf(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as ListOptions;
		const transport = requestSettingsOf(options, itemIndex, limiter);
		const collection = await collectionOf(itemIndex, transport);
		const { output, shape } = await listShaper(this, itemIndex, 'subprofile', async () => await fieldsOf(collection, transport));
		const subprofiles = await listWithSelection(this, {
			path:
				profileId === undefined
					? pathOf('collection', collection, 'subprofiles')
					: pathOf('profile', profileId, 'subprofiles', collection),
			action: 'reading subprofiles',
			owner: 'collection',
			conditions: this.getNodeParameter('selection.conditions', itemIndex, []) as SelectionConditionInput[],
			options,
			simplify: output !== 'raw',
			limit: listLimitOf(this, itemIndex),
			transport,
			fields: async () => await fieldsOf(collection, transport),
		});
		return subprofiles.map(shape);
	});
}
