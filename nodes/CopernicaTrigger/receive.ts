import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isSecureUrl } from '../shared/helpers/secureUrl';
import { accountIdOf } from './lifecycle/account';
import { databaseIdOf, eventOf } from './lifecycle/desiredWebhook';
import { slotOf } from './lifecycle/webhookLifecycle';
import { readState } from './lifecycle/webhookState';
import type { WebhookState } from './lifecycle/webhookState';
import { eventOutput } from './payload/eventOutput';
import { parseFormBody, unflattenParsedBody } from './payload/formBody';
import type { TriggerEvent } from './events';
import { DEFAULT_DNS_RESOLVER, publicKeyFor } from './verification/publicKeys';
import { verifyCall } from './verification/verifyCall';

/**
 * One call of Copernica's: verified before anything else (a call that fails any check is answered
 * 401 and starts nothing), then read from the raw body, filtered to the node's event, database and
 * collection, and handed to the workflow as one item.
 */

/**
 * The URL Copernica called, which it signed (`(request-target)`, Host) and which the state is
 * kept under. For a call on the test URL ("Listen for test event", mode `manual`) n8n's
 * getNodeWebhookUrl still answers the production URL (n8n 1.x and 2.x alike; 2.x adds
 * getWebhookResourceUrl, which honours the test mode): the test URL is then the one registered
 * for the test, as the test state remembers it. Without either the production URL stays, and a
 * test call is refused rather than checked against an address it was not signed for.
 */
function calledUrl(context: IWebhookFunctions): string {
	const production = context.getNodeWebhookUrl('default') ?? '';
	if (context.getMode() !== 'manual') return production;
	const resourceUrl = (context as { getWebhookResourceUrl?: (name: string) => string | undefined }).getWebhookResourceUrl;
	const test = typeof resourceUrl === 'function' ? resourceUrl.call(context, 'default') : undefined;
	if (test) return test;
	return readState(slotOf(context.getWorkflowStaticData('node'), 'testWebhook'))?.handler || production;
}

/** The state of the webhook this URL belongs to (test and production URLs each have their own). */
function stateFor(context: IWebhookFunctions, webhookUrl: string): WebhookState | undefined {
	const staticData = context.getWorkflowStaticData('node');
	for (const slot of ['productionWebhook', 'testWebhook']) {
		const state = readState(slotOf(staticData, slot));
		if (state?.handler === webhookUrl) return state;
	}
	return undefined;
}

function refuse(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	// Which check failed helps whoever sets this up; the body never goes into the log.
	context.logger.debug(`Copernica Trigger: call refused with HTTP 401: ${reason}`, { node: context.getNode().name });
	const response = context.getResponseObject();
	response.status(401).send('Unauthorized').end();
	return { noWebhookResponse: true };
}

function isFormBody(contentType: string | undefined): boolean {
	return /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '');
}

/** The call's variables: from the raw body when at hand (nothing truncated, exactly what was verified). */
function payloadOf(context: IWebhookFunctions, rawBody: Buffer | undefined): IDataObject {
	const contentType = context.getHeaderData()['content-type'];
	if (rawBody !== undefined && isFormBody(contentType)) return parseFormBody(rawBody.toString('utf8'));
	if (rawBody !== undefined && /json/i.test(contentType ?? '')) {
		try {
			const parsed: unknown = JSON.parse(rawBody.toString('utf8'));
			if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return unflattenParsedBody(parsed as IDataObject);
		} catch {
			return {};
		}
	}
	return unflattenParsedBody(context.getBodyData());
}

/** Whether the call is about what this node watches: its event, its database, its collection (or none). */
async function isWatched(
	context: IWebhookFunctions,
	event: TriggerEvent,
	payload: IDataObject,
	state: WebhookState | undefined,
): Promise<boolean> {
	if (String(payload.type ?? '') !== event.trigger) return false;
	if (event.kind === 'email') return true;
	const databaseId = state?.databaseId ?? (await databaseIdOf(context));
	if (String(payload.database ?? '') !== databaseId) return false;
	const hasCollection = payload.collection !== undefined && payload.collection !== '';
	if (event.kind === 'profile') return !hasCollection && (payload.subprofile === undefined || payload.subprofile === '');
	const collectionId = state?.collectionId;
	if (!hasCollection) return false;
	return collectionId === undefined || collectionId === null || String(payload.collection) === collectionId;
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const webhookUrl = calledUrl(this);
	const state = stateFor(this, webhookUrl);
	const verifySignature = this.getNodeParameter('options.verifySignature', true) !== false;
	const rawBody = (this.getRequestObject() as { rawBody?: Buffer }).rawBody;

	if (verifySignature) {
		const resolver = String(this.getNodeParameter('options.dnsResolver', DEFAULT_DNS_RESOLVER) || DEFAULT_DNS_RESOLVER).trim();
		if (!isSecureUrl(resolver)) return refuse(this, 'the DNS-over-HTTPS resolver is not an https address');
		let accountId: string;
		try {
			accountId = state?.accountId || (await accountIdOf(this));
		} catch (error) {
			return refuse(this, `the account to check against could not be read (${(error as Error).message})`);
		}
		const fetchJson = async (url: string) =>
			await this.helpers.httpRequest({ method: 'GET', url, json: true, headers: { accept: 'application/dns-json' }, timeout: 10_000 });
		let verdict;
		try {
			verdict = await verifyCall(
				{ headers: this.getHeaderData() as Record<string, string | string[] | undefined>, rawBody },
				{ webhookUrl, accountId, now: Date.now() },
				async (keyId, fresh) => await publicKeyFor(fetchJson, resolver, keyId, { fresh }),
			);
		} catch (error) {
			return refuse(this, `the signing key could not be looked up (${(error as Error).message})`);
		}
		if (!verdict.verified) return refuse(this, verdict.reason);
	}

	const event = eventOf(this);
	const payload = payloadOf(this, rawBody);
	// Copernica may call with events this node does not watch: answered 200, no execution.
	if (!(await isWatched(this, event, payload, state))) return {};
	const includeRaw = this.getNodeParameter('options.includeRaw', false) === true;
	return { workflowData: [[{ json: eventOutput(event, payload, includeRaw ? payload : undefined) }]] };
}
