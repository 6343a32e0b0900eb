import type { NodeApiError } from 'n8n-workflow';

import type { Failure } from './retry';
import { wasNotHandled } from './retry';

/**
 * What a failed request that could create something (a POST, a PUT with create=1 that is not
 * retry-safe) tells the user to do. The general advice for a busy Copernica, "turn on Retry On
 * Fail", is wrong here: n8n's retry would send the request again and could create a second
 * profile. The description instead says what happened, whether something may have been
 * created, and what to check before the item runs again.
 */

/** The entity a creating request makes, from its action ("creating a subprofile of profile 5"). */
function entityOf(action: string): string {
	if (/^sending\b/i.test(action)) return 'mailing';
	return /\bsubprofile\b/i.test(action) ? 'subprofile' : 'profile';
}

/** "created" for what is made, "sent" for a mailing: what the user must check for. */
function madeOf(entity: string): string {
	return entity === 'mailing' ? 'sent' : 'created';
}

export function createAdvice(failure: Failure, action: string): string {
	const entity = entityOf(action);
	if (wasNotHandled(failure)) {
		const why =
			'statusCode' in failure
				? `Copernica turned the request away (HTTP ${failure.statusCode}) before handling it`
				: 'the connection was refused before anything was sent';
		return `Nothing was ${madeOf(entity)}: ${why}. Run the item again once Copernica answers (while ${action}). Do not turn on Retry On Fail for this node: a retry after another failure could ${entity === 'mailing' ? 'send the mailing' : `create the ${entity}`} twice.`;
	}
	const how =
		'statusCode' in failure
			? `Copernica answered HTTP ${failure.statusCode}`
			: `the connection failed before the answer came (${failure.networkCode})`;
	return `The ${entity} may have been ${madeOf(entity)}: ${how} after the request was sent, so it was not retried (while ${action}). Check whether the ${entity} exists (Get Many, or Copernica's own view) before you run this item again. Do not turn on Retry On Fail for this node: it would send the request again and could ${entity === 'mailing' ? 'send the mailing' : `create the ${entity}`} twice.`;
}

/**
 * The error of a failed request that may create, with the advice above as its description.
 * Only failures that are about the request's fate get it: an answer with Copernica's own
 * message below HTTP 500 says nothing was done and keeps its own advice.
 */
export function withCreateAdvice<T extends NodeApiError>(error: T, failure: Failure, action: string): T {
	if ('statusCode' in failure && failure.statusCode < 500 && failure.statusCode !== 429) return error;
	error.description = createAdvice(failure, action);
	return error;
}
