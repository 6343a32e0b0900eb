import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { RequestSettings } from '../../shared/transport/databaseSchema';
import { forEachItem } from './perItem';
import { idOf } from '../parameters/idParameter';
import type { Entity } from '../parameters/idParameter';
import { DEFAULT_PARALLEL_REQUESTS, requestSettingsOf } from '../parameters/requestOptions';
import type { RequestOptionValues } from '../parameters/requestOptions';

/**
 * Get, Delete and Get Received Mailings of profiles and subprofiles: per item a numeric ID
 * (anything else refused before a request), one request (or a list's pages), and one output
 * item or a list of them, Parallel Requests at its default.
 */
export async function forEachId(
	this: IExecuteFunctions,
	entity: Entity,
	work: (id: string, itemIndex: number, settings: RequestSettings) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const id = idOf(this, itemIndex, entity);
			const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
			return await work(id, itemIndex, requestSettingsOf(options, itemIndex, limiter));
		},
		{ parallel: DEFAULT_PARALLEL_REQUESTS },
	);
}
