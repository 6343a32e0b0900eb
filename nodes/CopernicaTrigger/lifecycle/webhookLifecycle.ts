import type { IDataObject, IHookFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { copernicaRequest, headerOf, pathOf } from '../../shared/transport';
import type { CopernicaResponse } from '../../shared/transport';
import { readAccountId } from './account';
import { desiredWebhook, webhookBody } from './desiredWebhook';
import type { DesiredWebhook } from './desiredWebhook';
import { forgetState, registeredUrlsOf, saveState, stateOf } from './webhookState';
import { pathnameOf, registrationTagOf, sameUrl, taggedHandler, untagged } from './webhookUrls';
import type { WebhookState } from './webhookState';

/**
 * Registering the webhook when the workflow is activated (or listens for a test event) and
 * removing it when it stops, as n8n calls checkExists, create and delete. The test URL and the
 * production URL are separate webhooks with separate state (webhookState.ts), so listening for a
 * test event never forgets or removes the production one.
 *
 * Each registration gives Copernica the URL with a tag of its own (`?copernicaRegistration=…`),
 * and calls are verified against the tagged URL kept in the state (receive.ts). A webhook
 * registered by an attempt whose answer was lost, which no list can find again, then calls with
 * another tag: its calls are refused, so it can never start the workflow a second time (as long
 * as Copernica keeps the URL as given; create() warns when it does not).
 */
function staticDataOf(context: IHookFunctions): IDataObject {
	return context.getWorkflowStaticData('node');
}

/** Copernica's answer for a webhook that no longer exists (or one removed meanwhile). */
function isGone(error: NodeApiError): boolean {
	return error.httpCode === '404' || /no entity|not found|does not exist|already been removed/i.test(error.message ?? '');
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
 * Webhooks Copernica lists that call exactly this URL (any registration tag), if Copernica has a
 * list at all: its docs name none (copernica-webhooks.md §3.1), one third-party client calls GET
 * webhooks. When the list answers, webhooks left behind with a lost ID are found; when it does
 * not, nothing is lost. Another host's webhook with the same path (the workflow imported into
 * another n8n) is not this node's.
 */
async function listedWebhooksCalling(context: IHookFunctions, url: string): Promise<string[]> {
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
		.filter((entry) => sameUrl(untagged(String((entry as IDataObject)?.handler ?? '')), url))
		.map((entry) => String((entry as IDataObject).ID ?? (entry as IDataObject).id ?? ''))
		.filter((id) => /^\d+$/.test(id));
}

/** Whether Copernica's webhook is exactly the one wanted (GET webhook answers handler, trigger and callers). */
function isWanted(registered: IDataObject, state: WebhookState, desired: DesiredWebhook): boolean {
	return (
		String(registered.handler ?? '') === state.handler &&
		String(registered.trigger ?? '') === desired.trigger &&
		sameCallers(desired.callers, registered.callers ?? ['ms', 'publisher']) &&
		// GET webhook does not answer database and collection: the state says what was registered.
		state.databaseId === desired.databaseId &&
		state.collectionId === desired.collectionId
	);
}

/**
 * States of this node's URL path under another address: n8n's own address changed (WEBHOOK_URL,
 * a new domain), or the workflow came with its static data from another n8n, such as a staging
 * copy of production's database (which also carries production's instance ID). Which of the two
 * cannot be told, so the other address's webhook is never removed, only forgotten here, with a
 * warning naming it. Left behind, it calls the old address, or is refused here (another URL).
 */
function forgetOtherAddresses(context: IHookFunctions, data: IDataObject, url: string): void {
	const path = pathnameOf(url);
	for (const other of registeredUrlsOf(data)) {
		// The test and the production URL differ in their path: neither touches the other.
		if (other === url || pathnameOf(other) !== path) continue;
		const state = stateOf(data, other);
		context.logger.warn(
			`Copernica Trigger: webhook ${state?.webhookId ?? '?'} calls ${other}, another address of this node; it is not removed (it may be another n8n's). Remove it in Copernica (Configuration → Webhooks) if nothing uses it.`,
		);
		forgetState(data, other);
	}
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	const desired = await desiredWebhook(this);
	forgetOtherAddresses(this, data, desired.url);
	const state = stateOf(data, desired.url);
	if (state === undefined) {
		// No ID known (static data lost, a workflow imported): remove what a list shows calling this URL.
		for (const id of await listedWebhooksCalling(this, desired.url)) await removeWebhook(this, id);
		return false;
	}
	const registered = await registeredWebhook(this, state.webhookId);
	if (registered !== undefined && isWanted(registered, state, desired)) return true;
	// Calling this URL: this node's own webhook, stale (other event, database, callers): remove it.
	// Pointed elsewhere meanwhile (changed in Copernica): not ours to remove any more.
	if (registered !== undefined && sameUrl(untagged(String(registered.handler ?? '')), desired.url)) {
		await removeWebhook(this, state.webhookId);
	}
	forgetState(data, desired.url);
	return false;
}

/** The new webhook's ID: in X-Created, as Copernica answers other POSTs, else the Location, else the body. */
function createdId(response: CopernicaResponse): string | undefined {
	const fromLocation = /\/webhook\/(\d+)\/?$/.exec(headerOf(response, 'location') ?? '')?.[1];
	const body = response.body as IDataObject | undefined;
	const candidates = [headerOf(response, 'x-created'), fromLocation, body?.ID, body?.id];
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

/** The description of a failed POST webhooks: Copernica's refusal explained, or what a lost answer leaves behind. */
function registrationAdvice(error: NodeApiError, handler: string): string {
	const message = error.message;
	if (error.httpCode?.startsWith('4')) {
		if (/domain|handler|url|address|validat/i.test(message)) return domainAdvice(handler, message);
		return `Copernica refused the webhook (${message}). Check the Event, Database and Collection. If the webhook address is what Copernica refuses, validate its domain in Copernica: Configuration → Validated domains.`;
	}
	return `The webhook may have been registered in Copernica although its answer did not arrive (${message}). Activate the workflow again once Copernica answers: the trigger registers a new webhook, and one left behind by this attempt cannot start the workflow (its calls carry another registration, so they are refused). Copernica keeps calling it, though: remove it in Copernica (Configuration → Webhooks); its URL is ${handler}.`;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	const desired = await desiredWebhook(this);
	const accountId = await readAccountId(this);
	const handler = taggedHandler(desired.url);
	let response: CopernicaResponse;
	try {
		response = await copernicaRequest.call(this, {
			method: 'POST',
			path: 'webhooks',
			body: webhookBody(desired, handler),
			action: `registering the ${desired.event.name} webhook`,
		});
	} catch (error) {
		const apiError = error as NodeApiError;
		apiError.description = registrationAdvice(apiError, handler);
		throw apiError;
	}
	const webhookId = createdId(response);
	if (webhookId === undefined) {
		throw new NodeOperationError(this.getNode(), 'Copernica registered the webhook but did not say its ID', {
			description: `Without its ID the trigger cannot remove it later. Remove the webhook in Copernica (Configuration → Webhooks; its URL is ${handler}) and activate the workflow again.`,
		});
	}
	// The handler as Copernica keeps it: calls are signed for that, should it normalise the URL.
	const registered = await registeredWebhook(this, webhookId).catch(() => undefined);
	const kept = typeof registered?.handler === 'string' && registered.handler !== '' ? registered.handler : handler;
	if (registered === undefined) {
		this.logger.warn(`Copernica Trigger: webhook ${webhookId} could not be read back; calls are checked against ${handler} as registered`);
	} else if (registrationTagOf(kept) !== registrationTagOf(handler)) {
		// Then a webhook a lost answer left behind would verify as well: say so, it cannot be helped here.
		this.logger.warn(
			`Copernica Trigger: Copernica keeps webhook ${webhookId} without its registration tag (${kept}); a webhook left behind by a failed activation could then also start this workflow`,
		);
	}
	saveState(data, {
		webhookId,
		url: desired.url,
		handler: kept,
		trigger: desired.trigger,
		callers: desired.callers,
		databaseId: desired.databaseId,
		collectionId: desired.collectionId,
		accountId,
	});
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(this);
	const url = this.getNodeWebhookUrl('default') ?? '';
	const state = stateOf(data, url);
	if (state === undefined) return true;
	try {
		await removeWebhook(this, state.webhookId);
	} catch (error) {
		// Kept in the state: the next activation finds it again (checkExists) rather than leaving it behind.
		this.logger.warn(`Copernica Trigger: webhook ${state.webhookId} could not be removed: ${(error as Error).message}`);
		return false;
	}
	forgetState(data, url);
	return true;
}
