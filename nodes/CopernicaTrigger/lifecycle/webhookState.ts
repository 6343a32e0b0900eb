import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers of the webhook it registered, in the workflow's static data (n8n
 * saves it with the workflow): enough to tell, on the next activation, whether Copernica still
 * has exactly this webhook, and, on every call, which account and database to expect.
 */
export interface WebhookState {
	webhookId: string;
	handler: string;
	trigger: string;
	callers: string[];
	databaseId: string | null;
	collectionId: string | null;
	accountId: string;
}

const KEYS: Array<keyof WebhookState> = ['webhookId', 'handler', 'trigger', 'callers', 'databaseId', 'collectionId', 'accountId'];

export function readState(staticData: IDataObject): WebhookState | undefined {
	if (typeof staticData.webhookId !== 'string' || staticData.webhookId === '') return undefined;
	return {
		webhookId: staticData.webhookId,
		handler: String(staticData.handler ?? ''),
		trigger: String(staticData.trigger ?? ''),
		callers: Array.isArray(staticData.callers) ? staticData.callers.map(String) : [],
		databaseId: typeof staticData.databaseId === 'string' ? staticData.databaseId : null,
		collectionId: typeof staticData.collectionId === 'string' ? staticData.collectionId : null,
		accountId: String(staticData.accountId ?? ''),
	};
}

export function writeState(staticData: IDataObject, state: WebhookState): void {
	for (const key of KEYS) staticData[key] = state[key] as IDataObject[keyof IDataObject];
}

export function clearState(staticData: IDataObject): void {
	for (const key of KEYS) delete staticData[key];
}
