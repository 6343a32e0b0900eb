import type { ApiRequest, ApiResponse } from '../http';
import { bodyPart, ordered, paged, queryValue, selectionOf } from '../http';
import { profileJson } from '../representation';
import type { StoredDatabase } from '../store';
import { CopernicaError, isBooleanTrue } from '../store';
import type { RouteContext } from './context';
import { createdHeaders } from './context';

/**
 * database/{id}/profiles (copernica-api.md §3, §5): the list with its selection, POST to create,
 * and the PUT with the documented dangers (unknown or unreadable conditions dropped, so a PUT
 * left without any updates every profile; create=1 and async=1).
 */
export function databaseProfiles(context: RouteContext, request: ApiRequest, database: StoredDatabase): ApiResponse {
	const { method, query, body } = request;
	const { store } = context;
	const selection = selectionOf(query) ?? [];
	if (method === 'GET') {
		const profiles = ordered(store.select(database, selection), query);
		const dataOnly = isBooleanTrue(queryValue(query, 'dataonly'));
		return { status: 200, body: paged(profiles.map((profile) => profileJson(profile, dataOnly)), query) };
	}
	if (method === 'POST') {
		const profile = store.createProfile(database, bodyPart(body, 'fields'), bodyPart(body, 'interests'));
		return { status: 201, headers: createdHeaders(context, profile.ID) };
	}
	if (method === 'PUT') {
		if (selectionOf(query) === undefined) throw new CopernicaError('URL parameter fields is required');
		const fields = bodyPart(body, 'fields');
		const interests = bodyPart(body, 'interests');
		store.validateBody(fields);
		const apply = () => {
			const matched = store.select(database, selection);
			for (const profile of matched) store.updateProfile(profile, fields, interests);
			if (matched.length === 0 && isBooleanTrue(queryValue(query, 'create'))) {
				return store.createProfile(database, fields, interests).ID;
			}
			return undefined;
		};
		if (isBooleanTrue(queryValue(query, 'async'))) return { status: 204, after: apply };
		const createdId = apply();
		return createdId === undefined ? { status: 204 } : { status: 201, headers: createdHeaders(context, createdId) };
	}
	throw new CopernicaError('Invalid method');
}

/** profile/{id} and profile/{id}/interests (§3, §6). Undefined: not one of these paths. */
export function profileRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments, body } = request;
	const [resource, id, sub] = segments;
	const { store } = context;
	if (resource !== 'profile' || !id) return undefined;
	if (sub === 'interests') {
		const profile = store.profile(id);
		if (method === 'GET') return { status: 200, body: [...profile.interests] };
		// POST adds (a list) or switches the listed ones (an object), leaving the others; PUT overwrites.
		if (method === 'POST') store.updateProfile(profile, undefined, body);
		else if (method === 'PUT') store.replaceInterests(profile, body);
		else throw new CopernicaError('Invalid method');
		return { status: 204 };
	}
	if (sub) return undefined;
	const profile = store.profile(id);
	if (method === 'GET') return { status: 200, body: profileJson(profile) };
	if (method === 'PUT' || method === 'POST') {
		store.updateProfile(profile, bodyPart(body, 'fields'), bodyPart(body, 'interests'));
		return { status: 204 };
	}
	if (method === 'DELETE') {
		store.removeProfile(profile);
		return { status: 204, headers: { 'X-Deleted': `profile ${profile.ID}` } };
	}
	return undefined;
}
