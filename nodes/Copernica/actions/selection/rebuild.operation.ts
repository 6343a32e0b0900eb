import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { databaseLocator } from '../../../shared/locators/databaseLocator';
import { createSelectionResolver, selectionLocator } from '../../../shared/locators/selectionLocator';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import { forEachItem } from '../../itemRunner/perItem';
import { requestSettingsOf, singleRequestOptionsCollection } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { simplifySelection } from './selectionOutput';

const properties: INodeProperties[] = [
	{ ...databaseLocator, description: 'The Copernica database the selection belongs to' },
	selectionLocator,
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['selection'], operation: ['rebuild'] } }, properties);

/**
 * POST view/{id}/rebuild ("refreshes the selection", useful before a mailing), then GET
 * view/{id}: the output is the selection as Simplify gives it, as Copernica describes it right
 * after the request. Copernica's docs do not say when the rebuild is done: it may be in the
 * background, so the output's last build (and the profiles) may still be the previous build's.
 * A rebuild creates nothing, so a retry after a lost answer is safe.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const selectionOf = createSelectionResolver(this);

	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
		const settings = requestSettingsOf(options, itemIndex, limiter);
		const selection = await selectionOf(itemIndex, settings);
		await copernicaRequest.call(this, {
			...settings,
			method: 'POST',
			path: pathOf('view', selection, 'rebuild'),
			mayCreate: false,
			action: `rebuilding selection "${selection}"`,
		});
		const { body } = await copernicaRequest.call(this, {
			...settings,
			method: 'GET',
			path: pathOf('view', selection),
			action: `reading selection "${selection}"`,
		});
		return simplifySelection((body ?? {}) as IDataObject);
	});
}
