import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isSecureUrl } from '../shared/helpers/secureUrl';
import { accountIdOf } from './lifecycle/account';
import { collectionIdOf, databaseIdOf, eventOf } from './lifecycle/desiredWebhook';
import { registeredUrlsOf, stateOf } from './lifecycle/webhookState';
import type { WebhookState } from './lifecycle/webhookState';
import { pathnameOf } from './lifecycle/webhookUrls';
import { eventOutput } from './payload/eventOutput';
import { parseFormBody, unflattenParsedBody } from './payload/formBody';
import type { TriggerEvent } from './events';
import { DEFAULT_DNS_RESOLVER, publicKeysFor } from './verification/publicKeys';
import { firstTimeSeen } from './verification/replayGuard';
import { verifyCall } from './verification/verifyCall';

/**
 * One call of Copernica's: verified before anything else (a call that fails any check is answered
 * 401 and starts nothing), then read from the raw body, filtered to the node's event, database and
 * collection, and handed to the workflow as one item.
 */

/** One webhook this node registered: the URL n8n gives it, the handler Copernica calls, what was kept. */
interface Registration {
	url: string;
	handler: string;
	state?: WebhookState;
}

/**
 * The webhooks the call may have come to. n8n gives webhook() the production URL even for a test
 * call (WebhookContext.getNodeWebhookUrl ignores isTest; newer releases add getWebhookResourceUrl,
 * which does not), so on older releases a test call (mode manual) is matched against the states
 * create() kept of this node's URLs, which n8n hands to test calls. Only this node's own URLs
 * (test and production share `/<webhookId>/webhook`): a duplicated workflow carries the original's
 * state, and must not answer for its URL.
 */
function registrationsOf(context: IWebhookFunctions, staticData: IDataObject): Registration[] {
	const resourceUrl = (context as { getWebhookResourceUrl?: (name: string) => string | undefined }).getWebhookResourceUrl?.('default');
	const productionUrl = context.getNodeWebhookUrl('default') ?? '';
	const webhookId = context.getNode().webhookId;
	const ownPath = (url: string) => webhookId === undefined || pathnameOf(url)?.endsWith(`/${webhookId}/webhook`) === true;
	let urls: string[];
	if (resourceUrl) urls = [resourceUrl];
	else if (context.getMode() === 'manual') {
		// A test call: the test URL's state, never the production one's (a production call replayed to the test URL).
		const testUrls = registeredUrlsOf(staticData).filter((url) => ownPath(url) && url !== productionUrl);
		urls = testUrls.length > 0 ? testUrls : [productionUrl];
	}
	else urls = [productionUrl];
	return urls
		.filter((url) => url !== '')
		.map((url) => {
			const state = stateOf(staticData, url);
			// The handler as registered carries a registration tag (webhookLifecycle.ts); without a state, the bare URL.
			return { url, handler: state?.handler || url, state };
		});
}

/**
 * The node's Options as saved, not evaluated: in webhook(), n8n evaluates expressions against the
 * call itself (`$json` is the unverified request), so an expression could let the caller pick
 * the resolver or turn the check off.
 */
function savedOptionsOf(context: IWebhookFunctions): IDataObject {
	return (context.getNode().parameters.options ?? {}) as IDataObject;
}

/** How a call is checked: an expression in Verify Signature counts as on; one in the resolver refuses every call. */
function verificationSettings(options: IDataObject): { verify: boolean; resolver?: string; problem?: string } {
	const verify = options.verifySignature !== false;
	const resolver = options.dnsResolver;
	if (typeof resolver === 'string' && resolver.trim().startsWith('=')) {
		return { verify, problem: 'the DNS-over-HTTPS Resolver is an expression, which would be evaluated against the unverified call' };
	}
	const address = typeof resolver === 'string' && resolver.trim() !== '' ? resolver.trim() : DEFAULT_DNS_RESOLVER;
	if (!isSecureUrl(address)) return { verify, problem: 'the DNS-over-HTTPS resolver is not an https address' };
	return { verify, resolver: address };
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
	if (!hasCollection) return false;
	const collectionId = state?.collectionId ?? (await collectionIdOf(context, databaseId));
	return String(payload.collection) === collectionId;
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const staticData = this.getWorkflowStaticData('node');
	const registrations = registrationsOf(this, staticData);
	let state = registrations[0]?.state;
	const options = savedOptionsOf(this);
	const settings = verificationSettings(options);
	const rawBody = (this.getRequestObject() as { rawBody?: Buffer }).rawBody;

	if (settings.verify) {
		if (settings.problem !== undefined || settings.resolver === undefined) return refuse(this, settings.problem ?? 'no resolver');
		const resolver = settings.resolver;
		// Any state of this node names the account (one credential registered them all); else Copernica is asked.
		const storedAccount = registrations.map((registration) => registration.state?.accountId).find(Boolean);
		const accountId = async () => {
			try {
				return storedAccount || (await accountIdOf(this));
			} catch (error) {
				throw new NodeOperationError(this.getNode(), `the account to check against could not be read (${(error as Error).message})`);
			}
		};
		const fetchJson = async (url: string) =>
			await this.helpers.httpRequest({ method: 'GET', url, json: true, headers: { accept: 'application/dns-json' }, timeout: 10_000 });
		const headers = this.getHeaderData() as Record<string, string | string[] | undefined>;
		let verdict;
		try {
			verdict = await verifyCall(
				{ headers, rawBody },
				{ webhookUrls: registrations.map((registration) => registration.handler), accountId, now: Date.now() },
				async (keyId, fresh) => await publicKeysFor(fetchJson, resolver, keyId, { fresh }),
			);
		} catch (error) {
			return refuse(this, `the call could not be checked: ${(error as Error).message}`);
		}
		if (!verdict.verified) return refuse(this, verdict.reason);
		// A genuine call that came before (a replay, or a delivery sent twice): answered, nothing started.
		if (!firstTimeSeen(verdict.callId)) {
			this.logger.debug('Copernica Trigger: the same signed call came again; answered 200, nothing started', { node: this.getNode().name });
			return {};
		}
		const signedFor = verdict.webhookUrl;
		state = registrations.find((registration) => registration.handler === signedFor)?.state ?? state;
	}

	const event = eventOf(this);
	const payload = payloadOf(this, rawBody);
	// Copernica may call with events this node does not watch: answered 200, no execution.
	if (!(await isWatched(this, event, payload, state))) return {};
	return { workflowData: [[{ json: eventOutput(event, payload, options.includeRaw === true ? payload : undefined) }]] };
}
