import type { ApiRequest, ApiResponse } from '../http';
import { bodyObject } from '../http';
import type { Store, StoredWebhook } from '../store';
import { CopernicaError } from '../store';
import type { RouteContext } from './context';
import { createdHeaders } from './context';

/**
 * webhooks and webhook/{id} (copernica-webhooks.md §3.1; copernica-api.md §7.1): POST to
 * register, GET, PUT and DELETE one. There is no list: the docs have no `GET webhooks`, so it
 * is an "Invalid method" like any unknown path. Undefined: not one of these paths.
 *
 * The refusals' texts are the emulator's own: Copernica's docs give none (§3.1 UNCONFIRMED),
 * so each is a 400 with the standard error body (copernica-api.md §4.2) and a plain message.
 */

export const TRIGGERS = ['create', 'update', 'delete', 'click', 'delivery', 'open', 'bounce', 'failure'];
const CALLERS = ['ms', 'publisher'];

/** The emulator's own text: Copernica's docs don't say how it refuses an unvalidated handler (§3.1 UNCONFIRMED). */
export const UNVALIDATED_DOMAIN = 'Handler URL is not on a validated domain';

export function webhookJson(webhook: StoredWebhook) {
	// As the docs' example: the ID as a string, no database or collection.
	return { ID: String(webhook.ID), handler: webhook.handler, trigger: webhook.trigger, callers: [...webhook.callers] };
}

/** An http(s) URL whose host is a validated domain or below one ("this domain and its subdomains", §3.1). */
function checkedHandler(store: Store, handler: unknown): string {
	let url: URL | undefined;
	try {
		url = typeof handler === 'string' ? new URL(handler) : undefined;
	} catch {
		url = undefined;
	}
	if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw new CopernicaError('Handler must be an http or https URL');
	}
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	const validated = store.validatedDomains.some((domain) => {
		const lower = domain.toLowerCase();
		return host === lower || host.endsWith(`.${lower}`);
	});
	if (!validated) throw new CopernicaError(UNVALIDATED_DOMAIN);
	// Kept as given: GET webhook/{id} shows what was registered, which checkExists compares.
	return handler as string;
}

function checkedTrigger(trigger: unknown): string {
	if (typeof trigger !== 'string' || !TRIGGERS.includes(trigger)) {
		throw new CopernicaError(`Invalid trigger, expected one of ${TRIGGERS.join(', ')}`);
	}
	return trigger;
}

/** An array of `ms` / `publisher` (§3.1); the default is both. */
function checkedCallers(callers: unknown): string[] {
	if (callers === undefined) return [...CALLERS];
	if (!Array.isArray(callers) || callers.some((caller) => !CALLERS.includes(String(caller)))) {
		throw new CopernicaError('Invalid callers, expected an array of ms and publisher');
	}
	return callers.map(String);
}

/** Database and collection by ID only; a collection must be one of the database's, when both are given. */
function checkedScope(store: Store, database: unknown, collection: unknown): Pick<StoredWebhook, 'database' | 'collection'> {
	const scope: Pick<StoredWebhook, 'database' | 'collection'> = {};
	if (database !== undefined && database !== '') {
		if (!/^\d+$/.test(String(database))) throw new CopernicaError('No database with supplied ID');
		scope.database = store.database(String(database)).ID;
	}
	if (collection !== undefined && collection !== '') {
		const found = store.collection(String(collection));
		if (scope.database !== undefined && found.database !== scope.database) {
			throw new CopernicaError('Collection does not belong to the database');
		}
		scope.collection = found.ID;
	}
	return scope;
}

export function webhookRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments } = request;
	const [resource, id, sub] = segments;
	const { store } = context;
	const body = bodyObject(request.body);
	if (resource === 'webhooks' && !id && method === 'POST') {
		const webhook = store.addWebhook({
			handler: checkedHandler(store, body.handler),
			trigger: checkedTrigger(body.trigger),
			callers: checkedCallers(body.callers),
			...checkedScope(store, body.database, body.collection),
		});
		// The docs: "the ID of the created webhook is returned", not where (§3.1 UNCONFIRMED); as
		// the other POSTs (copernica-api.md §4.1), and the worse case: nothing in the body.
		return { status: 201, headers: createdHeaders(context, webhook.ID, 'webhook') };
	}
	if (resource !== 'webhook' || !id || sub) return undefined;
	const webhook = store.webhook(id);
	if (method === 'GET') return { status: 200, body: webhookJson(webhook) };
	if (method === 'PUT') {
		// Each one given is checked before any is written; those not given stay (the docs list the three, not whether all are required).
		const handler = body.handler === undefined ? webhook.handler : checkedHandler(store, body.handler);
		const trigger = body.trigger === undefined ? webhook.trigger : checkedTrigger(body.trigger);
		const callers = body.callers === undefined ? webhook.callers : checkedCallers(body.callers);
		Object.assign(webhook, { handler, trigger, callers });
		return { status: 204 };
	}
	if (method === 'DELETE') {
		store.webhooks.delete(webhook.ID);
		return { status: 204, headers: { 'X-Deleted': `webhook ${webhook.ID}` } };
	}
	return undefined;
}
