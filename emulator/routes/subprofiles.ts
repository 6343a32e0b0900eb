import type { ApiRequest, ApiResponse, Query } from '../http';
import { bodyPart, ordered, paged, queryValue, selectionOf } from '../http';
import { subprofileJson } from '../representation';
import type { StoredCollection, StoredSubprofile } from '../store';
import { CopernicaError, isBooleanTrue } from '../store';
import type { RouteContext } from './context';
import { createdHeaders } from './context';

/** A list of subprofiles as Copernica pages it: ordered by ID (or a field), `dataonly` honoured. */
function subprofileList(subprofiles: StoredSubprofile[], query: Query): ApiResponse {
	const dataOnly = isBooleanTrue(queryValue(query, 'dataonly'));
	return { status: 200, body: paged(ordered(subprofiles, query).map((subprofile) => subprofileJson(subprofile, dataOnly)), query) };
}

/**
 * collection/{id}/subprofiles. The PUT takes `fields[]` like the profiles PUT, with the same
 * danger: conditions on unknown fields are dropped, and with none left every subprofile
 * changes. Copernica's docs show the body both flat and as {"fields": …}; both are accepted.
 */
export function collectionSubprofiles(context: RouteContext, request: ApiRequest, collection: StoredCollection): ApiResponse {
	const { method, query, body } = request;
	const { store } = context;
	const selection = selectionOf(query) ?? [];
	if (method === 'GET') return subprofileList(store.selectSubprofiles(collection, selection), query);
	if (method === 'PUT') {
		if (selectionOf(query) === undefined) throw new CopernicaError('URL parameter fields is required');
		const wrapped = bodyPart(body, 'fields');
		const fields = wrapped !== undefined ? wrapped : body;
		store.validateBody(fields);
		for (const subprofile of store.selectSubprofiles(collection, selection)) {
			store.updateSubprofile(subprofile, fields);
		}
		return { status: 204 };
	}
	throw new CopernicaError('Invalid method');
}

/** profile/{id}/subprofiles/{collection}: a profile's subprofiles, and POST (a flat body) to add one. */
export function profileSubprofiles(context: RouteContext, request: ApiRequest, profileId: string, collectionIdOrName: string): ApiResponse {
	const { method, query, body } = request;
	const { store } = context;
	const profile = store.profile(profileId);
	const collection = store.collectionOfProfile(profile, collectionIdOrName);
	if (method === 'GET') {
		return subprofileList(store.selectSubprofiles(collection, selectionOf(query) ?? [], profile), query);
	}
	if (method === 'POST') {
		const subprofile = store.createSubprofile(profile, collection, body);
		return { status: 201, headers: createdHeaders(context, subprofile.ID, 'subprofile') };
	}
	throw new CopernicaError('Invalid method');
}

/** subprofile/{id} (§3, S16). Undefined: not this path. */
export function subprofileRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments, body } = request;
	const [resource, id, sub] = segments;
	if (resource !== 'subprofile' || !id || sub) return undefined;
	const subprofile = context.store.subprofile(id);
	if (method === 'GET') return { status: 200, body: subprofileJson(subprofile) };
	if (method === 'PUT') {
		context.store.updateSubprofile(subprofile, bodyPart(body, 'fields'));
		return { status: 204 };
	}
	if (method === 'DELETE') {
		context.store.removeSubprofile(subprofile);
		return { status: 204, headers: { 'X-Deleted': `subprofile ${subprofile.ID}` } };
	}
	return undefined;
}
