import type { Store } from '../store';

/** What a route answers from: the account's data, and the API's own address (for Location headers). */
export interface RouteContext {
	store: Store;
	baseUrl: string;
}

/** `X-Created` and `Location` of a created entity (copernica-api.md §4.1, §5; a webhook's as well, copernica-webhooks.md §3.1). */
export function createdHeaders(context: RouteContext, id: number, entity: 'profile' | 'subprofile' | 'webhook' = 'profile'): Record<string, string> {
	return { 'X-Created': String(id), Location: `${context.baseUrl}/${entity}/${id}` };
}
