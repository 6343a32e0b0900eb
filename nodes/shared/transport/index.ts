import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ICredentialsDecrypted,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	insecureBaseUrlError,
	jwtExchangeFailure,
	jwtExchangeToNodeApiError,
	responseToNodeApiError,
	transportFailureToNodeApiError,
} from './apiError';
import type { JwtExchangeFailure } from './apiError';
import { copernicaMessage, networkErrorCode } from '../helpers/failureDetails';
import { isSecureUrl } from '../helpers/secureUrl';
import type { Redact } from './redact';
import { redactorFor, redactText } from './redact';
import type { RequestLimiter } from './requestLimiter';
import { countOf, PageTracker, totalOf } from './paging';
import { isInsideApi, redirectOutsideApiError, redirectTarget } from './redirect';
import { sharedPromise } from './sharedPromise';
import { withCreateAdvice } from './createAdvice';
import { withinDeadline } from './deadline';
import type { Failure, RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, decideRetry, wasNotHandled } from './retry';

/** The one place that talks HTTP to Copernica. Everything else builds requests and reads answers. */

/**
 * Who may talk to Copernica: the node's executions and dropdowns, and the trigger's lifecycle
 * (registering the webhook) and webhook calls (reading the account it verifies against).
 */
export type CopernicaContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export const CREDENTIAL_TYPE = 'copernicaApi';

/** Copernica's largest page on api.copernica.com. */
export const MAX_PAGE_SIZE = 1000;

/** A synchronous PUT on a large selection can take minutes on Copernica's side. */
export const DEFAULT_TIMEOUT_MS = 300_000;

export type QueryPairs = Array<[string, string]>;

export interface CopernicaRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, segments already encoded (see `pathOf`). */
	path: string;
	/** Ordered query pairs; the access token is added by the credential, never here. */
	query?: QueryPairs;
	/** A JSON object, or a list (the interest names of `profile/{id}/interests`). */
	body?: IDataObject | string[];
	itemIndex?: number;
	/** What the node was doing, in words, for error descriptions ("updating profiles"). */
	action: string;
	retry?: RetryPolicy;
	/**
	 * Whether a second try could create a second entity (see retry.ts). Defaults to true for POST;
	 * a PUT with create=1 sets it unless its selection matches the profile it would create.
	 */
	mayCreate?: boolean;
	timeoutMs?: number;
	/** Parallel Requests: the bound shared by every request of a node run (none for dropdowns). */
	limiter?: RequestLimiter;
}

export interface CopernicaResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	/**
	 * Set when this answer came from a retry after a try that failed in a way Copernica may
	 * have handled it anyway (a reset connection, a timeout, a 502/503/504), not one it cannot
	 * have handled (a refused connection, a 429, a failed JWT exchange). A create that was
	 * retried then may have created twice: the caller can look before it reports.
	 */
	earlierAttemptMayHaveBeenHandled?: true;
}

/** `pathOf('database', 'Customers 2024', 'profiles')` → `database/Customers%202024/profiles`. */
export function pathOf(...segments: Array<string | number>): string {
	return segments.map((segment) => encodeURIComponent(String(segment))).join('/');
}

/**
 * Copernica reads `fields[]=email==a+b` literally only when every byte of the value is
 * percent-encoded, so the query string is built here rather than by a serializer whose
 * escaping of `+`, `'` and brackets has changed between n8n versions.
 */
export function encodeQuery(pairs: QueryPairs): string {
	return pairs
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
		.join('&');
}

interface Connection {
	baseUrl: string;
	/** REST v4 authenticates with a JWT that n8n renews after a 401 (see the credential). */
	usesJwt: boolean;
	/**
	 * The credential as n8n decrypted it, handed back to n8n with every request: otherwise n8n
	 * reads and decrypts it from its database for each one, which cost more CPU than the request
	 * itself. Only the version and base URLs are read here; n8n applies the secrets. A JWT n8n
	 * renews is written into this same object, so later requests use the new one.
	 */
	credentials: ICredentialsDecrypted;
	/** JWTs Copernica refused during this execution, still hidden if a later answer echoes one. */
	refusedJwts: Set<string>;
	/** Whether the base URL may carry a secret (isSecureUrl), decided once per execution. */
	secure: boolean;
	/** The last redactor built, for the secrets it was built for (a renewed JWT makes a new one). */
	redactor?: { secrets: string; redact: Redact };
}

/** One Connection per node execution (or dropdown call): the credential does not change during it. */
const connections = new WeakMap<CopernicaContext, Promise<Connection>>();

function connectionOf(this: CopernicaContext): Promise<Connection> {
	return sharedPromise(connections, this, async () => await readConnection.call(this));
}

async function readConnection(this: CopernicaContext): Promise<Connection> {
	const data = await this.getCredentials(CREDENTIAL_TYPE);
	const usesJwt = data.apiVersion === 'v4';
	const configured = usesJwt ? data.baseUrlV4 : data.baseUrl;
	const fallback = usesJwt ? 'https://api.copernica.com/v4' : 'https://api.copernica.com/v3';
	const baseUrl = String(configured ?? '').trim() || fallback;
	const stored = this.getNode().credentials?.[CREDENTIAL_TYPE];
	const connection: Connection = {
		baseUrl: baseUrl.replace(/\/+$/, ''),
		usesJwt,
		credentials: { id: stored?.id ?? '', name: stored?.name ?? '', type: CREDENTIAL_TYPE, data },
		refusedJwts: new Set(),
		secure: isSecureUrl(baseUrl.replace(/\/+$/, '')),
	};
	return connection;
}

/** The REST version the credential talks: mailing paths differ between v3 and v4 (mailingPaths.ts). */
export async function apiVersionOf(context: CopernicaContext): Promise<'v3' | 'v4'> {
	return (await connectionOf.call(context)).usesJwt ? 'v4' : 'v3';
}

/** The JWT the credential holds now (REST v4; n8n writes a renewed one into the same object). */
function jwtOf(connection: Connection): string {
	return String(connection.credentials.data?.jwt ?? '');
}

/** The credential's fields that hold settings, not secrets: every other one is hidden by value. */
const CREDENTIAL_SETTINGS = new Set(['apiVersion', 'baseUrl', 'baseUrlV4', 'authUrl', 'jwtIssuedFor']);

/**
 * Hides this connection's secrets by value: every credential field that is not a setting (the
 * access token, the JWT, any secret a later version adds) and every JWT refused meanwhile. The
 * node never applies them (n8n does); it reads them only to hide them.
 */
function redactorOfConnection(connection: Connection): Redact {
	const data = connection.credentials.data ?? {};
	const values = [
		...Object.entries(data)
			.filter(([field, value]) => !CREDENTIAL_SETTINGS.has(field) && typeof value === 'string')
			.map(([, value]) => value as string),
		...connection.refusedJwts,
	];
	const secrets = values.join('\n');
	if (connection.redactor?.secrets !== secrets) connection.redactor = { secrets, redact: redactorFor(values) };
	return connection.redactor.redact;
}

/**
 * What hides the secrets of this execution by value, for errors that did not come through here
 * (an item may fail on a parameter before its first request: the credential is read for it).
 * By the token parameter's name alone when there is no credential to read.
 */
export async function redactorOf(context: CopernicaContext): Promise<Redact> {
	try {
		return redactorOfConnection(await connectionOf.call(context));
	} catch {
		return redactText;
	}
}

/**
 * REST v4: Copernica no longer takes the JWT. HTTP 401 is what that means in HTTP; Copernica does
 * not document what it answers, and v3 answers a bad token with 400 "Invalid access token".
 */
function refusesJwt(response: CopernicaResponse): boolean {
	if (response.statusCode === 401) return true;
	return response.statusCode === 400 && /invalid access token/i.test(copernicaMessage(response.body) ?? '');
}

/**
 * Forgets a refused JWT so that n8n fetches a new one before the next request: n8n calls the
 * credential's preAuthentication when its expirable field is empty (in every version this node
 * supports, unlike a custom status for its 401 handling). Only if no other request of the
 * execution has renewed it meanwhile, so parallel refusals share one new JWT.
 */
function forgetJwt(connection: Connection, refused: string): void {
	if (refused === '') return;
	connection.refusedJwts.add(refused);
	const { data } = connection.credentials;
	if (data && data.jwt === refused) data.jwt = '';
}

/**
 * Any 2xx is success; so is 303 to a PUT, which older API versions answer to every PUT
 * (copernica-api.md §4.1), as long as its Location points into the API (redirect.ts): the
 * request checks that. A 303 to anything else is no answer of Copernica's.
 */
export function isSuccessStatus(statusCode: number, method: IHttpRequestMethods): boolean {
	return (statusCode >= 200 && statusCode < 300) || (statusCode === 303 && method === 'PUT');
}

/** A header of Copernica's answer (the first, when it came twice). */
export function headerOf(response: CopernicaResponse, name: string): string | undefined {
	const value = response.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * One request to Copernica, retried on 429, 502, 503, 504 and network failures within the
 * request's retry policy, never in a way that could create something twice (retry.ts).
 *
 * REST v4: a 401, or a 400 "Invalid access token", means Copernica no longer takes the JWT
 * (revoked, or expired by its clock). The JWT is forgotten and the request sent once more, so
 * n8n asks the credential for a new JWT first. Nothing was handled after such a refusal, so this
 * is safe even for requests that create; a new JWT refused again is reported, never renewed again.
 *
 * Every error and log line is redacted by the values of the token and the JWTs (redact.ts).
 */
export async function copernicaRequest(
	this: CopernicaContext,
	request: CopernicaRequest,
): Promise<CopernicaResponse> {
	const query = request.query && request.query.length > 0 ? `?${encodeQuery(request.query)}` : '';
	const connection = await connectionOf.call(this);
	// The token (v3, in the URL) or the JWT (v4) would cross the network readable.
	if (!connection.secure) throw insecureBaseUrlError(this.getNode(), connection.baseUrl, request.itemIndex);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}/${request.path}${query}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		// axios' idle timer; the deadline for the whole answer is withinDeadline's.
		timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
	if (request.body !== undefined) options.body = request.body;
	const policy = request.retry ?? DEFAULT_RETRY_POLICY;
	const mayCreate = request.mayCreate ?? request.method === 'POST';
	let jwtRenewed = false;
	let mayHaveBeenHandled = false;

	for (let retries = 0, waitedMs = 0; ; ) {
		let response: CopernicaResponse | undefined;
		let networkError: unknown;
		let exchange: JwtExchangeFailure | undefined;
		// The JWT this request goes with: the saved one, or (when none) the one n8n fetches for it.
		const sentJwt = jwtOf(connection);
		try {
			// A copy each try: n8n adds the credential's query parameter to the options it is given.
			const send = async () =>
				await withinDeadline(this, options.timeout!, async (context, abortSignal) =>
					(await context.helpers.httpRequestWithAuthentication.call(
						context,
						CREDENTIAL_TYPE,
						{ ...options, abortSignal },
						{ credentialsDecrypted: connection.credentials },
					)) as CopernicaResponse,
				);
			response = request.limiter ? await request.limiter.run(send) : await send();
		} catch (error) {
			exchange = jwtExchangeFailure(error);
			networkError = error;
		}
		if (response && isSuccessStatus(response.statusCode, request.method)) {
			if (response.statusCode === 303) {
				const location = headerOf(response, 'location');
				if (!isInsideApi(redirectTarget(location, options.url), connection.baseUrl)) {
					throw redirectOutsideApiError(this.getNode(), location, options.url, request, redactorOfConnection(connection));
				}
			}
			return mayHaveBeenHandled ? { ...response, earlierAttemptMayHaveBeenHandled: true } : response;
		}
		const redact = redactorOfConnection(connection);
		if (response && connection.usesJwt && !jwtRenewed && refusesJwt(response)) {
			jwtRenewed = true;
			forgetJwt(connection, sentJwt || jwtOf(connection));
			this.logger.debug(
				redact(`Copernica: HTTP ${response.statusCode} on ${request.method} ${request.path}; renewing the JWT`),
				{ itemIndex: request.itemIndex },
			);
			continue;
		}

		const failure: Failure = exchange
			? exchange.failure
			: response
				? { statusCode: response.statusCode, retryAfter: headerOf(response, 'retry-after') }
				: { networkCode: networkErrorCode(networkError) ?? 'unknown' };
		// A failed JWT exchange sent nothing to the API: retrying it can create nothing.
		const decision = decideRetry(failure, { retries, waitedMs, mayCreate: mayCreate && !exchange }, policy);
		if (!decision.retry) {
			// n8n's own wrapper keeps the request (and so the token) on a network error: never rethrow it.
			if (exchange) throw jwtExchangeToNodeApiError(this.getNode(), exchange, request, decision.reason, redact);
			const error = response
				? responseToNodeApiError(this.getNode(), response, request, decision.reason, redact)
				: transportFailureToNodeApiError(
						this.getNode(),
						'networkCode' in failure ? failure.networkCode : 'unknown',
						request,
						decision.reason,
						redact,
					);
			// Never "turn on Retry On Fail" for a request that could create twice (createAdvice.ts).
			throw mayCreate ? withCreateAdvice(error, failure, request.action) : error;
		}
		if (!exchange && !wasNotHandled(failure)) mayHaveBeenHandled = true;
		const what = 'statusCode' in failure ? `HTTP ${failure.statusCode}` : failure.networkCode;
		this.logger.debug(
			redact(
				`Copernica: ${what} on ${request.method} ${request.path}; retry ${retries + 1} of ${policy.maxRetries} in ${decision.waitMs} ms`,
			),
			{ itemIndex: request.itemIndex },
		);
		await sleep(decision.waitMs);
		waitedMs += decision.waitMs;
		retries++;
	}
}

export interface PagedList {
	start: number;
	limit: number;
	count: number;
	total?: number;
	data: IDataObject[];
}

/**
 * Every entry of a paged Copernica list (`start`/`limit`/`total`), 1,000 at a time.
 * `start` is an offset, so it advances by the count actually returned. Paging always ends:
 * at `total`, an empty page, a short page without a total, or an error for a page seen
 * before or a list past MAX_PAGES (paging.ts).
 */
export async function copernicaGetAll(
	this: CopernicaContext,
	request: Omit<CopernicaRequest, 'method' | 'body'>,
	maxEntries = Number.POSITIVE_INFINITY,
): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	const pages = new PageTracker(this.getNode(), request);
	let start = 0;
	while (entries.length < maxEntries) {
		const limit = Math.min(MAX_PAGE_SIZE, maxEntries - entries.length);
		const { body } = await copernicaRequest.call(this, {
			...request,
			method: 'GET',
			query: [
				...(request.query ?? []),
				['start', String(start)],
				['limit', String(limit)],
				['total', '1'],
			],
		});
		const page = body as PagedList;
		const data = Array.isArray(page?.data) ? page.data : [];
		start += data.length;
		const more = pages.next(data, limit, start, totalOf(page));
		entries.push(...data);
		if (!more) break;
	}
	return entries.slice(0, maxEntries);
}

/** How many entries a list (with its selection) holds, without fetching them; an error when Copernica does not say. */
export async function copernicaCount(
	this: CopernicaContext,
	request: Omit<CopernicaRequest, 'method' | 'body'>,
): Promise<number> {
	const { body } = await copernicaRequest.call(this, {
		...request,
		method: 'GET',
		query: [...(request.query ?? []), ['limit', '1'], ['total', '1']],
	});
	return countOf(this.getNode(), body, request);
}
