import type { MailingStore, Suite } from '../mailingStore';
import type { Store } from '../store';

/** What a route answers from: the account's data, the API's own address (for Location headers) and the version asked. */
export interface RouteContext {
	store: Store;
	/** Templates, selections, mailings and their events (emulator/mailingStore.ts). */
	mailings: MailingStore;
	baseUrl: string;
	/** `v3`, `v4`, …, or '' for a path without a version (copernica-api.md §1.1). */
	version: string;
}

/** `X-Created` and `Location` of a created entity (copernica-api.md §4.1, §5; a webhook's as well, copernica-webhooks.md §3.1). */
export function createdHeaders(context: RouteContext, id: number, entity = 'profile'): Record<string, string> {
	return { 'X-Created': String(id), Location: `${context.baseUrl}/${entity}/${id}` };
}

/**
 * The first segment of the mailing paths of each suite (copernica-mailings.md §4.1): v3 (and
 * the older versions, and a path without one) keep `ms/` and `publisher/`; today's live v4 docs
 * rename them `draganddrop/` and `html/`, also below profile/{id}/ and subprofile/{id}/.
 *
 * V4 REFUSES THE OLD PREFIXES: whether v4 still accepts `ms/` and `publisher/` is UNCONFIRMED
 * (§4.1); the worse case is that it does not, so a v4 `ms/…` path is an unknown path and gets
 * Copernica's "Invalid method" like any other (copernica-api.md §4.2), as a v3 `draganddrop/…` does.
 */
export function suiteOf(context: RouteContext, segment: string | undefined): Suite | undefined {
	const v4 = context.version === 'v4';
	if (segment === (v4 ? 'draganddrop' : 'ms')) return 'ms';
	if (segment === (v4 ? 'html' : 'publisher')) return 'publisher';
	return undefined;
}
