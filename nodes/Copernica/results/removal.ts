import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { copernicaRequest } from '../../shared/transport';
import type { CopernicaRequest } from '../../shared/transport';

/** Copernica's answer when the entity is gone already: by an earlier run, or by our own first try before a retry. */
const ALREADY_REMOVED = /has already been removed/i;

/**
 * DELETE profile/{id} or subprofile/{id}. Copernica keeps a removed entity (its fields emptied)
 * and refuses to remove it twice; the node counts one that was already removed as deleted, so
 * that a re-run, or a retry after a dropped connection, does not fail on work that is done.
 */
export async function deleteCountingRemoved(
	context: IExecuteFunctions,
	request: Omit<CopernicaRequest, 'method'>,
): Promise<IDataObject> {
	try {
		await copernicaRequest.call(context, { ...request, method: 'DELETE' });
	} catch (error) {
		// The transport only throws NodeApiErrors, already worded and free of secrets.
		const apiError = error as NodeApiError;
		if (!ALREADY_REMOVED.test(apiError.message)) throw apiError;
	}
	return { deleted: true };
}
