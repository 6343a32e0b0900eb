import type { IDataObject, IHookFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { copernicaRequest, pathOf } from '../../shared/transport';
import type { CopernicaResponse } from '../../shared/transport';
import { readAccountId } from './account';
import { desiredWebhook, webhookBody } from './desiredWebhook';
import type { DesiredWebhook } from './desiredWebhook';
import { clearState, readState, writeState } from './webhookState';
import type { WebhookState } from './webhookState';

/**
 * Registering the webhook when the workflow is activated (or listens for a test event) and
 * removing it when it stops, as n8n calls checkExists, create and delete. The test URL and the
 * production URL are separate webhooks with separate state, so listening for a test event never
 * forgets or removes the production one.
 */

function stateSlot(context: IHookFunctions): string {
	return context.getActivationMode() === 'manual' ? 'testWebhook' : 'productionWebhook';
}

/** This mode's state inside the node's static data (created empty when there is none). */
export function slotOf(staticData: IDataObject, slot: string): IDataObject {
	if (staticData[slot] === null || typeof staticData[slot] !== 'object' || Array.isArray(staticData[slot])) staticData[slot] = {};
	return staticData[slot] as IDataObject;
}

function slotData(context: IHookFunctions): IDataObject {
	return slotOf(context.getWorkflowStaticData('node'), stateSlot(context));
}

/** Copernica's answer for a webhook that no longer exists (or one removed meanwhile). */
function isGone(error: NodeApiError): boolean {
	return error.httpCode === '404' || /no entity|not found|does not exist|already been removed/i.test(error.message ?? '');
}

function pathOnly(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.pathname}${parsed.search}`;
	} catch {
		return url;
	}
}

function sameCallers(a: string[], b: unknown): boolean {
	const given = Array.isArray(b) ? b.map(String) : typeof b === 'string' ? [b] : [];
	return [...a].sort().join(',') === [...given].sort().join(',');
}

async function removeWebhook(context: IHookFunctions, webhookId: string): Promise<void> {
	try {
		await copernicaRequest.call(context, {
			method: 'DELETE',
			path: pathOf('webhook', webhookId),
			action: `removing webhook ${webhookId}`,
		});
	} catch (error) {
		// The transport throws only NodeApiErrors, already worded and free of secrets.
		const apiError = error as NodeApiError;
		if (!isGone(apiError)) throw apiError;
	}
}

/** What Copernica says of webhook `id`, or undefined when it has none by that ID. */
async function registeredWebhook(context: IHookFunctions, id: string): Promise<IDataObject | undefined> {
	try {
		const response = await copernicaRequest.call(context, { method: 'GET', path: pathOf('webhook', id), action: `reading webhook ${id}` });
		return (response.body ?? {}) as IDataObject;
	} catch (error) {
		const apiError = error as NodeApiError;
		if (isGone(apiError)) return undefined;
		throw apiError;
	}
}

/**
 * Webhooks Copernica lists that call this node's URL, if Copernica has a list at all: its docs
 * name none (copernica-webhooks.md §3.1), one third-party client calls GET webhooks. When the list
 * answers, webhooks left behind with a lost ID are found by URL; when it does not, nothing is lost.
 */
async function listedWebhooksCalling(context: IHookFunctions, handler: string): Promise<string[]> {
	let listed: unknown;
	try {
		const response = await copernicaRequest.call(context, {
			method: 'GET',
			path: 'webhooks',
			action: 'listing the webhooks',
			retry: { maxRetries: 0, maxTotalWaitMs: 0 },
		});
		listed = (response.body as IDataObject | undefined)?.data ?? response.body;
	} catch {
		return [];
	}
	if (!Array.isArray(listed)) return [];
	return listed
		.filter((entry) => pathOnly(String((entry as IDataObject)?.handler ?? '')) === pathOnly(handler))
		.map((entry) => String((entry as IDataObject).ID ?? (entry as IDataObject).id ?? ''))
		.filter((id) => /^\d+$/.test(id));
}

/** Whether Copernica's webhook is exactly the one wanted (GET webhook answers handler, trigger and callers). */
function isWanted(registered: IDataObject, state: WebhookState, desired: DesiredWebhook): boolean {
	return (
		String(registered.handler ?? '') === desired.handler &&
		String(registered.trigger ?? '') === desired.trigger &&
		sameCallers(desired.callers, registered.callers ?? ['ms', 'publisher']) &&
		// GET webhook does not answer database and collection: the state says what was registered.
		state.databaseId === desired.databaseId &&
		state.collectionId === desired.collectionId
	);
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const data = slotData(this);
	const desired = await desiredWebhook(this);
	const state = readState(data);
	if (state === undefined) {
		// No ID known (static data lost, a workflow imported): remove what the list shows calling this URL.
		for (const id of await listedWebhooksCalling(this, desired.handler)) await removeWebhook(this, id);
		return false;
	}
	const registered = await registeredWebhook(this, state.webhookId);
	if (registered !== undefined && isWanted(registered, state, desired)) return true;
	// Same URL path: this node's own webhook, stale (other event, database, host): remove it.
	// Another path (a duplicated workflow carries the original's state) is not ours to remove.
	if (registered !== undefined && pathOnly(String(registered.handler ?? '')) === pathOnly(desired.handler)) {
		await removeWebhook(this, state.webhookId);
	}
	clearState(data);
	return false;
}

/** The new webhook's ID: in X-Created, as Copernica answers other POSTs, else the Location, else the body. */
function createdId(response: CopernicaResponse): string | undefined {
	const header = (name: string) => {
		const value = response.headers[name];
		return Array.isArray(value) ? value[0] : value;
	};
	const fromLocation = /\/webhook\/(\d+)\/?$/.exec(header('location') ?? '')?.[1];
	const body = response.body as IDataObject | undefined;
	const candidates = [header('x-created'), fromLocation, body?.ID, body?.id];
	return candidates.map((value) => String(value ?? '').trim()).find((value) => /^\d+$/.test(value));
}

/** Copernica accepts handlers only on validated domains (copernica-webhooks.md §3.1); its refusal text is not documented. */
function domainAdvice(handler: string, message: string): string {
	let host = handler;
	try {
		host = new URL(handler).hostname;
	} catch {
		// keep the URL as it is
	}
	const cloud = /(^|\.)n8n\.cloud$/i.test(host)
		? ` This is n8n Cloud's domain, which its users cannot validate: use a self-hosted n8n on a domain you control.`
		: ` n8n Cloud's domain cannot be validated by its users.`;
	return `Copernica refused the webhook (${message}). Copernica calls only addresses on a validated domain: in Copernica, open Configuration → Validated domains, add the domain of ${host} (or its main domain), and add the TXT record Copernica shows to that domain's DNS; then activate the workflow again.${cloud} If n8n runs behind a proxy, set WEBHOOK_URL so n8n gives Copernica its public address.`;
}

/** The description of a refused POST webhooks: the domain advice when Copernica's words point at the address. */
function refusalAdvice(handler: string, message: string): string {
	if (/domain|handler|url|address|validat/i.test(message)) return domainAdvice(handler, message);
	return `Copernica refused the webhook (${message}). Check the Event, Database and Collection. If the webhook address is what Copernica refuses, validate its domain in Copernica: Configuration → Validated domains.`;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const data = slotData(this);
	const desired = await desiredWebhook(this);
	const accountId = await readAccountId(this);
	let response: CopernicaResponse;
	try {
		response = await copernicaRequest.call(this, {
			method: 'POST',
			path: 'webhooks',
			body: webhookBody(desired),
			action: `registering the ${desired.event.name} webhook`,
		});
	} catch (error) {
		const apiError = error as NodeApiError;
		if (apiError.httpCode?.startsWith('4')) apiError.description = refusalAdvice(desired.handler, apiError.message);
		throw apiError;
	}
	const webhookId = createdId(response);
	if (webhookId === undefined) {
		throw new NodeOperationError(this.getNode(), 'Copernica registered the webhook but did not say its ID', {
			description:
				'Without its ID the trigger cannot remove it later. Remove the webhook in Copernica (Configuration → Webhooks) and activate the workflow again.',
		});
	}
	writeState(data, {
		webhookId,
		handler: desired.handler,
		trigger: desired.trigger,
		callers: desired.callers,
		databaseId: desired.databaseId,
		collectionId: desired.collectionId,
		accountId,
	});
	return true;
}

/**
 * The state to remove: the slot whose webhook calls the URL n8n is taking down. n8n removes a
 * test webhook ("Listen for test event" ended or stopped) in activation mode `update`, not
 * `manual` (n8n 1.x and 2.x TestWebhooks.deactivateWebhooks), so the mode alone would pick the
 * production slot, find nothing there and leave the test webhook behind in Copernica. The hook's
 * getNodeWebhookUrl is the test URL then (it honours the test flag), which tells the slots apart.
 */
function slotToRemove(context: IHookFunctions): IDataObject {
	const url = context.getNodeWebhookUrl('default');
	const staticData = context.getWorkflowStaticData('node');
	for (const slot of ['testWebhook', 'productionWebhook']) {
		const data = slotOf(staticData, slot);
		if (url && readState(data)?.handler === url) return data;
	}
	return slotData(context);
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const data = slotToRemove(this);
	const state = readState(data);
	if (state === undefined) return true;
	try {
		await removeWebhook(this, state.webhookId);
	} catch (error) {
		// Kept in the state: the next activation finds it again (checkExists) rather than leaving it behind.
		this.logger.warn(`Copernica Trigger: webhook ${state.webhookId} could not be removed: ${(error as Error).message}`);
		return false;
	}
	clearState(data);
	return true;
}
