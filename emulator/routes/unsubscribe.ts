import type { ApiRequest, ApiResponse } from '../http';
import { bodyParameters } from '../http';
import type { UnsubscribeBehaviour } from '../mailingStore';
import type { RouteContext } from './context';

/**
 * Unsubscribes (copernica-mailings.md §4.2 "Unsubscribes"): `GET/PUT database/{id}/unsubscribe`
 * and `collection/{id}/unsubscribe` (`{behavior: nothing|remove|update, fields}`, the fields
 * used only with update), and `PUT profile/{id}/unsubscribe` / `subprofile/{id}/unsubscribe`,
 * which run that behaviour and record an unsubscribe event (mailingStore.ts runBehaviour).
 * Undefined: not one of these paths.
 */

const BEHAVIOURS: ReadonlyArray<UnsubscribeBehaviour['behavior']> = ['nothing', 'remove', 'update'];

/**
 * A PUT changes what it can read and ignores the rest, with a 204 either way (docs silent, the
 * worse case: a misspelt behaviour such as `delete` is a silent success that changes nothing).
 * `fields` must be an object to be taken; it is kept whatever the behaviour, and used only by `update`.
 */
function updated(current: UnsubscribeBehaviour, body: unknown): UnsubscribeBehaviour {
	const parameters = bodyParameters(body);
	const behavior = BEHAVIOURS.find((candidate) => candidate === parameters.behavior) ?? current.behavior;
	const fields = parameters.fields;
	const readable = fields && typeof fields === 'object' && !Array.isArray(fields);
	return { behavior, fields: readable ? { ...(fields as Record<string, unknown>) } : current.fields };
}

export function unsubscribeRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments, body } = request;
	const [resource, id, sub] = segments;
	if (!id || sub !== 'unsubscribe') return undefined;
	const { store, mailings } = context;
	if (resource === 'database' || resource === 'collection') {
		const table = resource === 'database' ? store.database(id) : store.collection(id);
		if (method === 'GET') {
			// PHP's json_encode writes an empty array as `[]`, not `{}` (copernica-api.md §3.1, PHP's casts).
			const { behavior, fields } = mailings.behaviour(table);
			return { status: 200, body: { behavior, fields: Object.keys(fields).length === 0 ? [] : fields } };
		}
		if (method !== 'PUT') return undefined;
		mailings.setBehaviour(table, updated(mailings.behaviour(table), body));
		return { status: 204 };
	}
	if ((resource === 'profile' || resource === 'subprofile') && method === 'PUT') {
		// An empty body (§4.2 `rest-put-profile-unsubscribe`); whatever is sent is ignored.
		mailings.runBehaviour(resource === 'profile' ? store.profile(id) : store.subprofile(id));
		return { status: 204 };
	}
	return undefined;
}
