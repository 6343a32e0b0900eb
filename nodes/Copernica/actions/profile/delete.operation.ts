import type { IExecuteFunctions, INodeExecutionData, INodeProperties, NodeApiError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../helpers/updateDisplayOptions';
import { copernicaRequest, pathOf } from '../../transport';
import { forEachItem } from '../perItem';
import { profileIdOf, profileIdParameter } from '../profileIdParameter';
import { DEFAULT_PARALLEL_REQUESTS, requestSettingsOf, singleRequestOptionsCollection } from '../requestOptions';
import type { RequestOptionValues } from '../requestOptions';

const properties: INodeProperties[] = [
	profileIdParameter,
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['profile'], operation: ['delete'] } }, properties);

/** Copernica's answer when the profile is gone already: by an earlier run, or by our own first try before a retry. */
const ALREADY_REMOVED = /has already been removed/i;

/**
 * DELETE profile/{id}. Copernica keeps a removed profile (its fields emptied) and refuses to
 * remove it twice; the node counts a profile that was already removed as deleted, so that a
 * re-run, or a retry after a dropped connection, does not fail on work that is done.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const profileId = profileIdOf(this, itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
			try {
				await copernicaRequest.call(this, {
					...requestSettingsOf(options, itemIndex, limiter),
					method: 'DELETE',
					path: pathOf('profile', profileId),
					action: `deleting profile ${profileId}`,
				});
			} catch (error) {
				// The transport only throws NodeApiErrors, already worded and free of secrets.
				const apiError = error as NodeApiError;
				if (!ALREADY_REMOVED.test(apiError.message)) throw apiError;
			}
			return { deleted: true };
		},
		{ parallel: DEFAULT_PARALLEL_REQUESTS },
	);
}
