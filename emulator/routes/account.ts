import type { ApiRequest, ApiResponse } from '../http';
import { paged } from '../http';
import { collectionJson, databaseJson, fieldJson, interestJson } from '../representation';
import type { RouteContext } from './context';
import { databaseProfiles } from './profiles';
import { collectionSubprofiles } from './subprofiles';

/**
 * The account and its structure (copernica-api.md §3, S17–S19): identity, databases with their
 * fields, interests and collections, a collection's fields. Lists go to the profile and
 * subprofile routes. Undefined: not one of these paths.
 */
/** The account's ID in `GET identity`, which webhook calls carry in X-Copernica-ID (copernica-webhooks.md §3.3). */
export const ACCOUNT_ID = '1';

export function accountRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments, query } = request;
	const [resource, id, sub] = segments;
	const { store } = context;
	if (resource === 'identity' && !id && method === 'GET') {
		return {
			status: 200,
			body: { id: ACCOUNT_ID, name: 'emulated-account', description: 'Copernica emulator', company: 'n8n-nodes-copernica' },
		};
	}
	if (resource === 'databases' && !id && method === 'GET') {
		return { status: 200, body: paged(store.databases.map(databaseJson), query) };
	}
	if (resource === 'database' && id) {
		const database = store.database(id);
		if (!sub && method === 'GET') return { status: 200, body: databaseJson(database) };
		if (sub === 'fields' && method === 'GET') return { status: 200, body: paged(fieldJson(database), query) };
		if (sub === 'interests' && method === 'GET') return { status: 200, body: paged(interestJson(database), query) };
		if (sub === 'collections' && method === 'GET') {
			return { status: 200, body: paged(database.collections.map(collectionJson), query) };
		}
		if (sub === 'profiles') return databaseProfiles(context, request, database);
	}
	if (resource === 'collection' && id) {
		const collection = store.collection(id);
		if (!sub && method === 'GET') return { status: 200, body: collectionJson(collection) };
		if (sub === 'fields' && method === 'GET') return { status: 200, body: paged(fieldJson(collection), query) };
		if (sub === 'subprofiles') return collectionSubprofiles(context, request, collection);
	}
	return undefined;
}
