import type { ApiRequest, ApiResponse } from '../http';
import { CopernicaError } from '../store';
import type { RouteContext } from './context';
import { accountRoute } from './account';
import { mailingEventRoute } from './mailingEvents';
import { mailingRoute } from './mailings';
import { structureRoute } from './structure';
import { templateRoute } from './templates';
import { unsubscribeRoute } from './unsubscribe';
import { viewRoute } from './views';
import { profileRoute } from './profiles';
import { profileSubprofiles, subprofileRoute } from './subprofiles';
import { webhookRoute } from './webhooks';

export type { RouteContext } from './context';

/**
 * The REST API's paths, one file a resource. Anything no route answers is what Copernica calls
 * an "Invalid method" (copernica-api.md §4.2).
 */
export function route(context: RouteContext, request: ApiRequest): ApiResponse {
	const [resource, id, sub, subId, ...rest] = request.segments;
	const invalid = () => new CopernicaError('Invalid method');
	if (rest.length > 0) throw invalid();
	// Templates and mailings (copernica-mailings.md §4), some of their paths four segments long.
	const mailingAnswer = templateRoute(context, request) ?? mailingRoute(context, request) ?? mailingEventRoute(context, request);
	if (mailingAnswer !== undefined) return mailingAnswer;
	if (resource === 'profile' && id && sub === 'subprofiles' && subId) {
		return profileSubprofiles(context, request, id, subId);
	}
	if (subId !== undefined) throw invalid();
	const answer =
		viewRoute(context, request) ??
		unsubscribeRoute(context, request) ??
		structureRoute(context, request) ??
		accountRoute(context, request) ??
		profileRoute(context, request) ??
		subprofileRoute(context, request) ??
		webhookRoute(context, request);
	if (answer === undefined) throw invalid();
	return answer;
}
