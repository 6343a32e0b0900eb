import { createHash } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	Icon,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	copernicaMessage,
	JWT_EXCHANGE_FAILED,
	networkErrorCode,
	summarizePage,
} from '../nodes/shared/helpers/failureDetails';
import { HTTPS_ONLY_HINT, isSecureUrl, secretTargetProblem } from '../nodes/shared/helpers/secureUrl';
import { redactorFor, redactValue } from '../nodes/shared/transport/redact';

/**
 * The Copernica REST access token, applied by n8n so that the node never reads it.
 *
 * REST v3 (the default) sends the token as the `access_token` query parameter, as Copernica's v3
 * documents. REST v4 exchanges it at the authentication endpoint for a JWT that lives 24 hours and
 * sends only that, as `Authorization: Bearer`, so the token itself never appears in a URL.
 *
 * How v4 keeps its JWT, using n8n's own mechanism for expiring credentials: the JWT sits in the
 * hidden `jwt` field (`expirable`), which n8n fills by calling `preAuthentication` when it is empty
 * and again whenever a request fails with HTTP 401, and saves with the credential, so one JWT
 * serves every execution until it runs out. `authenticate` does not send a JWT that is about to
 * expire, or that was issued for another token, authentication endpoint or API base URL: it fails
 * the request with a 401 before anything is sent, and n8n fetches a new JWT and sends the request
 * with that one. (The node forgets a JWT Copernica refuses, which also makes n8n fetch one.)
 *
 * Neither the token nor a JWT is sent over plain http, except to this machine (a test server):
 * `authenticate` and the exchange refuse such a URL before anything leaves.
 */

/** A JWT this close to its expiry is replaced before it is sent (Copernica's JWTs live 24 hours). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/** The claims of a JWT that say how long it lives, in seconds since 1970. */
interface JwtLifetime {
	issuedAt?: number;
	expiresAt?: number;
}

function jwtLifetime(jwt: string): JwtLifetime {
	const payload = jwt.split('.')[1];
	if (!payload) return {};
	try {
		const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
		const claims = JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as { iat?: unknown; exp?: unknown };
		return {
			issuedAt: typeof claims.iat === 'number' ? claims.iat : undefined,
			expiresAt: typeof claims.exp === 'number' ? claims.exp : undefined,
		};
	} catch {
		return {};
	}
}

/**
 * Whether to fetch a new JWT rather than send this one: five minutes before it expires, or
 * halfway through its life if it lives less than ten minutes (a fresh JWT is always usable).
 * A JWT without an expiry is used until Copernica refuses it.
 */
function jwtNeedsRenewal(jwt: string, now = Date.now()): boolean {
	const { issuedAt, expiresAt } = jwtLifetime(jwt);
	if (expiresAt === undefined) return false;
	const lifetimeMs = issuedAt === undefined ? Number.POSITIVE_INFINITY : (expiresAt - issuedAt) * 1000;
	const marginMs = Math.min(RENEW_BEFORE_EXPIRY_MS, lifetimeMs / 2);
	return expiresAt * 1000 - now <= marginMs;
}

function authUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.authUrl ?? '').trim() || 'https://authenticate.copernica.com';
}

function baseUrlV4Of(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrlV4 ?? '').trim().replace(/\/+$/, '') || 'https://api.copernica.com/v4';
}

/**
 * Which token, endpoint and API a JWT was issued for, as the first 64 bits of a SHA-256: enough
 * to notice that the user changed the token, the account or the API Base URL since (so a JWT is
 * never sent to a host the user switched to), nothing to learn the token from.
 */
function issuedFor(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(`${authUrlOf(credentials)}\n${baseUrlV4Of(credentials)}\n${String(credentials.accessToken ?? '')}`)
		.digest('hex')
		.slice(0, 16);
}

/** Where a request goes: its URL, joined to its base URL as axios joins them (`…/v3` + `/identity` → `…/v3/identity`). */
function targetOf(requestOptions: IHttpRequestOptions): string {
	const { url, baseURL } = requestOptions;
	if (!baseURL || /^[a-z][a-z\d+\-.]*:\/\//i.test(url)) return url;
	return `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/** The API the credential is for: the secrets go there and nowhere else. */
function apiBaseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.apiVersion === 'v4') return baseUrlV4Of(credentials);
	return String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '') || 'https://api.copernica.com/v3';
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * The JWT in the authentication endpoint's answer. Copernica documents only "a JWT string";
 * clients have seen the raw token, a JSON string and an object with `token`, `access_token` or
 * `jwt`, so all of those are read.
 */
function jwtFromAnswer(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('{') || text.startsWith('"')) {
			try {
				return jwtFromAnswer(JSON.parse(text));
			} catch {
				return undefined;
			}
		}
		return JWT_SHAPE.test(text) ? text : undefined;
	}
	if (body && typeof body === 'object') {
		const answer = body as Record<string, unknown>;
		for (const key of ['token', 'access_token', 'jwt']) {
			const found = jwtFromAnswer(answer[key]);
			if (found) return found;
		}
	}
	return undefined;
}

/** An error that makes n8n fetch a new JWT (it does so after any HTTP 401) and send the request again. */
function renewalRequired(): Error {
	return Object.assign(new Error('The Copernica JWT needs renewing'), { response: { status: 401 } });
}

/** Exchanges in progress, by `issuedFor`, so that concurrent requests wait for the same JWT. */
const exchangesInFlight = new Map<string, Promise<string>>();

/** POST the access token to the authentication endpoint (as a form, never in the URL) for a JWT. */
async function exchangeForJwt(
	context: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const authUrl = authUrlOf(credentials);
	if (!isSecureUrl(authUrl)) {
		throw new Error(
			`${JWT_EXCHANGE_FAILED}: the Authentication URL must start with https://. Check the Authentication URL of the credential. ${HTTPS_ONLY_HINT}`,
		);
	}
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: authUrl,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json, text/plain' },
		body: `access_token=${encodeURIComponent(String(credentials.accessToken ?? ''))}`,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: 60_000,
	};
	let answer: { statusCode: number; body: unknown };
	try {
		answer = (await context.helpers.httpRequest(request)) as { statusCode: number; body: unknown };
	} catch (error) {
		// The request error carries the form body, and so the token: only its code goes on.
		throw new Error(
			`${JWT_EXCHANGE_FAILED}: could not reach the Authentication URL (${networkErrorCode(error) ?? 'a network error'})`,
		);
	}
	const jwt = answer.statusCode >= 200 && answer.statusCode < 300 ? jwtFromAnswer(answer.body) : undefined;
	if (jwt === undefined) {
		// Copernica's own message, else the gist of whatever page answered, without the token it may echo.
		const body = redactValue(answer.body, redactorFor([String(credentials.accessToken ?? '')]));
		const refusal = copernicaMessage(body) ?? (typeof body === 'string' ? summarizePage(body) : '');
		throw new Error(
			`${JWT_EXCHANGE_FAILED}: HTTP ${answer.statusCode}${refusal ? `, ${refusal}` : ''}. Check the Access Token (it must be allowed to use REST v4) and the Authentication URL.`,
		);
	}
	return jwt;
}

export class CopernicaApi implements ICredentialType {
	name = 'copernicaApi';

	displayName = 'Copernica API';

	icon: Icon = { light: 'file:../icons/copernica.svg', dark: 'file:../icons/copernica.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-copernica/n8n-nodes-copernica#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A REST API access token. Create one in Copernica Marketing Suite under Configuration → API access tokens.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{
					name: 'REST v3 (Token in the URL)',
					value: 'v3',
					description: 'Sends the access token with every request, as the access_token URL parameter',
				},
				{
					name: 'REST v4 (Token Exchanged for a JWT)',
					value: 'v4',
					description:
						'Exchanges the access token for a JWT that lives 24 hours and sends only that, in a header. Needs a token that may use v4.',
				},
			],
			default: 'v3',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.copernica.com/v3',
			required: true,
			displayOptions: { show: { apiVersion: ['v3'] } },
			description:
				'Copernica REST API v3 address. Use https://rest.copernica.com/v3 for large lists, or another address for a test server.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrlV4',
			type: 'string',
			default: 'https://api.copernica.com/v4',
			required: true,
			displayOptions: { show: { apiVersion: ['v4'] } },
			description:
				'Copernica REST API v4 address. Use https://rest.copernica.com/v4 for large lists, or another address for a test server.',
		},
		{
			displayName: 'Authentication URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://authenticate.copernica.com',
			required: true,
			displayOptions: { show: { apiVersion: ['v4'] } },
			description: 'Where the access token is exchanged for a JWT',
		},
		{
			displayName: 'JWT',
			name: 'jwt',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		{
			displayName: 'JWT Issued For',
			name: 'jwtIssuedFor',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * For REST v4: a new JWT for the access token. n8n calls this and saves what it returns.
	 * Requests that start together (a run's first parallel requests) share one exchange.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		if (credentials.apiVersion !== 'v4') return {};
		const key = issuedFor(credentials);
		let exchange = exchangesInFlight.get(key);
		if (exchange === undefined) {
			exchange = exchangeForJwt(this, credentials).finally(() => exchangesInFlight.delete(key));
			exchangesInFlight.set(key, exchange);
		}
		return { jwt: await exchange, jwtIssuedFor: key };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Another node using this credential (the HTTP Request node's predefined credential type) could
		// aim it anywhere: the token or the JWT goes over https (or to this machine), and only to the
		// API Base URL the credential names.
		const problem = secretTargetProblem(targetOf(requestOptions), apiBaseUrlOf(credentials));
		if (problem === 'insecure') {
			throw new Error(
				`The API Base URL must start with https://: the Copernica credential is never sent over plain http. ${HTTPS_ONLY_HINT}`,
			);
		}
		if (problem === 'elsewhere') {
			throw new Error(
				`The Copernica credential is only sent to its API Base URL (${apiBaseUrlOf(credentials)}), and this request goes elsewhere. Use an address under the API Base URL, or change the API Base URL of the credential.`,
			);
		}
		if (credentials.apiVersion !== 'v4') {
			requestOptions.qs = { ...requestOptions.qs, access_token: credentials.accessToken };
			return requestOptions;
		}
		const jwt = String(credentials.jwt ?? '');
		if (jwt === '' || credentials.jwtIssuedFor !== issuedFor(credentials) || jwtNeedsRenewal(jwt)) {
			throw renewalRequired();
		}
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${jwt}` };
		return requestOptions;
	}

	/**
	 * Copernica answers a bad v3 token with HTTP 400 and `{"error":{"message":"Invalid access token"}}`.
	 * n8n's tester reports only the HTTP status text for a failed request, so the test keeps the
	 * response and lets the rules turn Copernica's own message into the result. A bad v4 token
	 * fails the exchange, whose message n8n shows as it is.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{($credentials.apiVersion === "v4" ? $credentials.baseUrlV4 : $credentials.baseUrl).replace(/\\/+$/, "")}}',
			url: '/identity',
			method: 'GET',
			ignoreHttpStatusErrors: true,
			// n8n would send the credential (the v4 Bearer too) on to wherever a redirect points.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.message',
					value: 'Invalid access token',
					message:
						'Copernica says: Invalid access token. Create a new token in Copernica under Configuration → API access tokens.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'name',
					value: undefined,
					message:
						'The API Base URL did not answer like Copernica\'s REST API (GET identity returned no account). Check the API Base URL.',
				},
			},
		],
	};
}
