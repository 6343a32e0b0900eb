import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { databaseLocator, databaseOf } from '../../../shared/locators/databaseLocator';
import { allSelectionsOf } from '../../../shared/locators/selectionLocator';
import { returnAllOrLimit, simplifySwitch } from '../common.descriptions';
import { forEachItem } from '../../itemRunner/perItem';
import { listLimitOf } from '../../selection/listWithSelection';
import { requestSettingsOf, singleRequestOptionsCollection } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { simplifySelection } from './selectionOutput';

const properties: INodeProperties[] = [
	{ ...databaseLocator, description: 'The Copernica database whose selections to list' },
	...returnAllOrLimit,
	simplifySwitch(
		'Whether to return only the ID, name, description, parent, path of names, rules and children flags and last build of each selection, instead of the raw data',
	),
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['selection'], operation: ['getMany'] } }, properties);

/**
 * GET database/{id}/views, every page, and for each view with children GET view/{id}/views
 * (depth first: a view, then the views that refine it). One list per input item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
		const settings = requestSettingsOf(options, itemIndex, limiter);
		const selections = await allSelectionsOf(this, databaseOf(this, itemIndex), settings, listLimitOf(this, itemIndex));
		if (this.getNodeParameter('simplify', itemIndex, true) === false) return selections.map(({ raw }) => raw);
		return selections.map(({ raw, path }) => simplifySelection(raw, path));
	});
}
