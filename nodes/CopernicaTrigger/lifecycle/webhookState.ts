import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers of each webhook it registered, in the workflow's static data (n8n
 * saves it with the workflow), keyed by the webhook's URL: enough to tell, on the next
 * activation, whether Copernica still has exactly this webhook, and, on every call, which account
 * and database to expect.
 *
 * Keyed by URL, not by "test" or "production": n8n removes a test webhook with the same mode and
 * activation as a production one ('internal', 'update'), so only the URL n8n gives the hook (the
 * test or the production one) tells them apart. Removing the test webhook can then never touch
 * the published one.
 */
export interface WebhookState {
	webhookId: string;
	/** The URL n8n gives the webhook: the key of the entry. */
	url: string;
	/** What Copernica calls: the URL with this registration's tag, as Copernica answered it. */
	handler: string;
	trigger: string;
	callers: string[];
	databaseId: string | null;
	collectionId: string | null;
	accountId: string;
}

function webhooksOf(staticData: IDataObject): IDataObject {
	const webhooks = staticData.webhooks;
	if (webhooks === null || typeof webhooks !== 'object' || Array.isArray(webhooks)) staticData.webhooks = {};
	return staticData.webhooks as IDataObject;
}

function text(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

export function stateOf(staticData: IDataObject, url: string): WebhookState | undefined {
	if (!registeredUrlsOf(staticData).includes(url)) return undefined;
	const saved = webhooksOf(staticData)[url] as IDataObject | undefined;
	if (saved === null || typeof saved !== 'object' || typeof saved.webhookId !== 'string' || saved.webhookId === '') return undefined;
	return {
		webhookId: saved.webhookId,
		url,
		handler: typeof saved.handler === 'string' && saved.handler !== '' ? saved.handler : url,
		trigger: String(saved.trigger ?? ''),
		callers: Array.isArray(saved.callers) ? saved.callers.map(String) : [],
		databaseId: text(saved.databaseId),
		collectionId: text(saved.collectionId),
		accountId: String(saved.accountId ?? ''),
	};
}

/** The URLs n8n gave every webhook this node registered (and has not removed). */
export function registeredUrlsOf(staticData: IDataObject): string[] {
	const webhooks = staticData.webhooks;
	return webhooks !== null && typeof webhooks === 'object' && !Array.isArray(webhooks) ? Object.keys(webhooks) : [];
}

export function saveState(staticData: IDataObject, state: WebhookState): void {
	// The URL is the key; the entry holds the rest.
	const saved: IDataObject = { ...state };
	delete saved.url;
	webhooksOf(staticData)[state.url] = saved;
}

export function forgetState(staticData: IDataObject, url: string): void {
	delete webhooksOf(staticData)[url];
}
