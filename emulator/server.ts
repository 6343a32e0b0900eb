import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import type { ListFaults, TrickleFault } from './faults';
import { listAnswerUnder, listQueryUnder, trickle } from './faults';
import type { ApiResponse } from './http';
import { closeServer, decodeComponent, listenOnLoopback, parseQuery, queryValue, readBody } from './http';
import { JwtIssuer } from './jwt';
import { mailingControl } from './mailingControl';
import type { MailingStore } from './mailingStore';
import { seedMailings } from './mailingStore';
import { profileJson } from './representation';
import { route } from './routes';
import { ACCOUNT_ID } from './routes/account';
import type { Seed } from './seed';
import { sampleSeed, storeFromSeed } from './seed';
import type { Store } from './store';
import { CopernicaError } from './store';
import { webhookControl } from './webhookControl';
import { WebhookDeliveries } from './webhookDelivery';

/**
 * A loopback Copernica REST API (v3 paths) for tests and the example workflow. It follows the
 * documented behaviour, including the dangerous parts: a PUT whose selection fields are all
 * unknown updates every profile. A control API under /__emulator/ lets tests read the request
 * log, inject faults and reset the data.
 *
 * Webhooks (routes/webhooks.ts, webhookDelivery.ts, signing.ts, doh.ts), each rule from
 * copernica-webhooks.md, the worse case where the docs are silent:
 * - POST webhooks, GET/PUT/DELETE webhook/{id} on v3 and v4 (§3.1); no list (`GET webhooks` is
 *   an Invalid method, §3.1); the new ID in X-Created and Location, nothing in the body (§3.1
 *   UNCONFIRMED). Handlers must be http(s) on a validated domain or below one ("this domain and
 *   its subdomains", §3.1); refused with 400 "Handler URL is not on a validated domain", the
 *   emulator's own text (§3.1 UNCONFIRMED). The default seed validates localhost and 127.0.0.1.
 * - After each write's answer has gone out, one call per written (sub)profile and webhook it
 *   concerns, one at a time, never retried (§3.1: no retries documented). A webhook without a
 *   collection hears its database's subprofiles too ("(sub)profile", §3.1); `callers` never
 *   keeps REST writes away (copernica-api.md §7.1). Bodies as form data (§3.2).
 * - Signed as §3.3 (Digest, X-Copernica-ID, draft-cavage rsa-sha256 Signature); the key is
 *   published DKIM-style on a DNS-over-HTTPS stand-in (`dohUrl`, §3.3, §3.4.1) as a CNAME then
 *   255-byte TXT strings, and can be rotated under the same or a new keyId (monthly, §3.3).
 * webhookControl.ts lists the control routes: webhooks, validated domains, the delivery log,
 * mailing events, forged calls, key rotation, DoH request counts.
 *
 * Mailings (copernica-mailings.md §4; mailingStore.ts, routes/templates.ts, views.ts,
 * mailings.ts, mailingEvents.ts, unsubscribe.ts, structure.ts): templates, selections,
 * sending with events generated from each recipient's ID (mailingStore.ts eventsOf),
 * statistics, unsubscribe behaviours, new fields and interests; v4 on the renamed
 * `draganddrop/` and `html/` paths only (routes/context.ts suiteOf). mailingControl.ts lists
 * its control routes.
 */

/** See faults.ts for the list and trickle faults. */
export interface FaultRule extends ListFaults, TrickleFault {
	/** Only requests with this method (default: any). */
	method?: string;
	/** Only requests whose API path (e.g. `database/1/profiles`) contains this text. */
	path?: string;
	/** How many requests the rule answers before it retires (default: every one). */
	times?: number;
	/** Wait this long before answering. */
	latencyMs?: number;
	/** Answer with this status instead of handling the request. */
	status?: number;
	body?: string;
	contentType?: string;
	retryAfterSeconds?: number;
	headers?: Record<string, string>;
	/** Drop the connection without an answer, before handling the request. */
	reset?: boolean;
	/** Handle the request (so a PUT with create=1 creates), then drop the connection unanswered. */
	resetAfterHandling?: boolean;
	/** Apply to every n-th matching request only (1: every one). */
	every?: number;
	/** Matching requests seen so far (the emulator counts). */
	seen?: number;
}

export interface LogEntry {
	seq: number;
	method: string;
	/** The API path below the version, e.g. `database/1/profiles`. */
	path: string;
	version: string;
	/** Decoded query pairs in order; the access token's value is never kept. */
	query: Array<[string, string]>;
	/** What the credential sent, without the token itself. v4 tokens can also be `expired`. */
	token: 'valid' | 'invalid' | 'missing' | 'expired';
	/** How: the v3 `access_token` query parameter, or a v4 `Authorization: Bearer` JWT. */
	auth: 'query' | 'bearer' | 'none';
	body: unknown;
	status?: number;
	/** When the request arrived and when it was answered (or dropped), in ms on the emulator's clock: to see which requests overlapped. */
	arrivedMs?: number;
	answeredMs?: number;
}

export interface EmulatorOptions {
	/** Access tokens the account accepts. */
	tokens: string[];
	seed?: Seed;
	/** How long a v4 JWT from POST /authenticate lives (Copernica: 24 hours). */
	jwtTtlSeconds?: number;
	/** Time every API request takes, as across the internet: uniform in mean ± jitter (default none). */
	latency?: Latency;
	/** How v4 answers a refused (invalid, expired, revoked) JWT; see CopernicaEmulator.refusedJwtStatus. */
	refusedJwtStatus?: RefusedJwtStatus;
}

/** HTTP statuses a refused v4 JWT may get. */
export type RefusedJwtStatus = 400 | 401;

export interface Latency {
	meanMs: number;
	jitterMs: number;
}

const CONTROL_PREFIX = '/__emulator/';
const REDACTED = '**hidden**';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

export class CopernicaEmulator {
	store: Store;
	/** Templates, selections, mailings and their events, on the store's profiles (mailingStore.ts). */
	mailings: MailingStore;
	readonly log: LogEntry[] = [];
	faults: FaultRule[] = [];
	private readonly tokens: Set<string>;
	private server: Server | undefined;
	private port = 0;
	private seq = 0;
	private inFlight = 0;
	maxInFlight = 0;
	/** API requests answered since the last reset, and the time they took in all (arrival to answer). */
	answered = 0;
	answerTimeMs = 0;

	/** Calls the registered webhooks after each write, signed; publishes the key on the DoH stand-in. */
	readonly webhooks = new WebhookDeliveries(ACCOUNT_ID);

	/** Issues and checks the v4 JWTs. */
	readonly jwt: JwtIssuer;
	/** JWTs issued by POST /authenticate. */
	jwtsIssued = 0;

	/**
	 * How v4 answers a JWT it refuses. Copernica does not document it: 401 (the HTTP meaning) by
	 * default, or 400 with {"error":{"message":"Invalid access token"}}, as v3 answers a bad
	 * token. The control API's `PUT jwts/refusal` changes it until the next reset.
	 */
	refusedJwtStatus: RefusedJwtStatus;
	private readonly defaultRefusedJwtStatus: RefusedJwtStatus;

	/** See EmulatorOptions.latency; the control API's `PUT latency` changes it until the next reset. */
	latency: Latency;
	private readonly defaultLatency: Latency;

	constructor(options: EmulatorOptions) {
		this.tokens = new Set(options.tokens);
		this.defaultLatency = options.latency ?? { meanMs: 0, jitterMs: 0 };
		this.latency = this.defaultLatency;
		this.defaultRefusedJwtStatus = options.refusedJwtStatus ?? 401;
		this.refusedJwtStatus = this.defaultRefusedJwtStatus;
		this.jwt = new JwtIssuer(options.jwtTtlSeconds ?? 24 * 60 * 60);
		this.store = storeFromSeed(options.seed ?? sampleSeed());
		this.mailings = seedMailings(this.store);
	}

	async start(port = 0): Promise<string> {
		this.server = createServer((request, response) => {
			this.dispatch(request, response).catch((error: Error) => {
				if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
				response.end(`emulator failure: ${error.message}`);
			});
		});
		this.port = await listenOnLoopback(this.server, port);
		await this.webhooks.start();
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		await closeServer(this.server);
		this.server = undefined;
		await this.webhooks.stop();
	}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** What a Copernica API Base URL credential field points at. */
	get baseUrl(): string {
		return `${this.origin}/v3`;
	}

	/** The REST API v4 address, and where v4 exchanges access tokens for JWTs. */
	get baseUrlV4(): string {
		return `${this.origin}/v4`;
	}

	get authenticateUrl(): string {
		return `${this.origin}/authenticate`;
	}

	/** The DNS-over-HTTPS stand-in that publishes the webhook signing key: `GET <dohUrl>?name=<keyId>&type=TXT`. */
	get dohUrl(): string {
		return this.webhooks.doh.url;
	}

	reset(seed: Seed = sampleSeed()): void {
		this.store = storeFromSeed(seed);
		this.mailings = seedMailings(this.store);
		this.log.length = 0;
		this.faults = [];
		this.maxInFlight = 0;
		this.answered = 0;
		this.answerTimeMs = 0;
		this.jwtsIssued = 0;
		this.jwt.resetLifetime();
		this.latency = this.defaultLatency;
		this.refusedJwtStatus = this.defaultRefusedJwtStatus;
		this.webhooks.reset();
	}

	private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = request.url ?? '/';
		if (url.startsWith(CONTROL_PREFIX)) {
			await this.control(request, response, url.slice(CONTROL_PREFIX.length));
			return;
		}
		if (url === '/authenticate' || url.startsWith('/authenticate?') || url.startsWith('/authenticate/')) {
			await this.authenticate(request, response, url);
			return;
		}
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		const arrived = performance.now();
		try {
			await this.api(request, response, url, arrived);
		} finally {
			// This request's entry: the latest one that arrived at this instant (others may have arrived since).
			for (let index = this.log.length - 1; index >= 0; index--) {
				if (this.log[index].arrivedMs !== arrived) continue;
				this.log[index].answeredMs = performance.now();
				break;
			}
			this.inFlight--;
			this.answered++;
			this.answerTimeMs += performance.now() - arrived;
			// A rebuild asked for is done a request after its answer (mailingStore.ts requestRebuild).
			this.mailings.requestAnswered();
			this.deliverChanges();
		}
	}

	/** The webhook calls of the writes so far: after their answer has gone out (copernica-webhooks.md §3). */
	private deliverChanges(): void {
		this.webhooks.changes(this.store.webhooks.values(), this.store.takeChanges());
		// A sent mailing's events, to the webhooks of their trigger (delivery, open, click, bounce; mailingStore.ts).
		for (const event of this.mailings.takeWebhookEvents()) {
			this.webhooks.mailing(this.store.webhooks.values(), event.trigger, event.fields, event.database);
		}
	}

	private async api(request: IncomingMessage, response: ServerResponse, url: string, arrived: number): Promise<void> {
		const [pathPart, rawQuery = ''] = url.split(/\?(.*)/s, 2);
		const allSegments = pathPart.split('/').filter((segment) => segment !== '').map(decodeComponent);
		const version = /^v\d+$/.test(allSegments[0] ?? '') ? allSegments.shift()! : '';
		const query = parseQuery(rawQuery);
		const method = (request.method ?? 'GET').toUpperCase();
		const body = await readBody(request);
		const token = queryValue(query, 'access_token');
		const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
		const entry: LogEntry = {
			seq: ++this.seq,
			method,
			path: allSegments.map((segment) => encodeURIComponent(segment)).join('/'),
			version,
			query: query.map(([key, value]) => [key, key === 'access_token' ? REDACTED : value]),
			...this.credentialState(version, token, bearer),
			body,
			arrivedMs: arrived,
		};
		this.log.push(entry);

		// The latency counts from the request's arrival, reading its body included.
		const { meanMs, jitterMs } = this.latency;
		const latencyMs = meanMs + (Math.random() * 2 - 1) * jitterMs;
		const waitMs = arrived + latencyMs - performance.now();
		if (waitMs > 0) await sleep(waitMs);
		const fault = this.takeFault(method, entry.path);
		if (await this.applyFault(fault, entry, request, response)) return;

		let answer: ApiResponse;
		if (entry.token !== 'valid') {
			// v3 answers a bad token with 400 (observed); v4's answer is undocumented (refusedJwtStatus).
			const status = version === 'v4' ? this.refusedJwtStatus : 400;
			const message = entry.token === 'expired' && status === 401 ? 'Access token expired' : 'Invalid access token';
			answer = { status, body: { error: { message } } };
		} else {
			try {
				answer = route({ store: this.store, mailings: this.mailings, baseUrl: this.baseUrl, version }, { method, segments: allSegments, query: listQueryUnder(fault, query), body });
				answer.body = listAnswerUnder(fault, answer.body, query);
			} catch (error) {
				if (!(error instanceof CopernicaError)) throw error;
				answer = { status: error.status, body: { error: { message: error.message } } };
			}
		}
		entry.status = answer.status;
		if (fault?.resetAfterHandling) {
			answer.after?.();
			entry.status = 0;
			request.socket.destroy();
			return;
		}
		const headers: Record<string, string> = { ...answer.headers };
		if (fault?.trickleMs !== undefined) {
			const text = answer.body === undefined ? undefined : JSON.stringify(answer.body);
			await trickle(response, answer.status, headers, text, fault.trickleMs);
			return;
		}
		if (answer.body !== undefined) headers['Content-Type'] = 'application/json';
		response.writeHead(answer.status, headers);
		response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
		const after = answer.after;
		if (after) {
			setImmediate(() => {
				after();
				this.deliverChanges();
			});
		}
	}

	/** v3 reads `access_token` from the query; v4 only a Bearer JWT from POST /authenticate. */
	private credentialState(
		version: string,
		token: string | undefined,
		bearer: string | undefined,
	): Pick<LogEntry, 'token' | 'auth'> {
		if (version === 'v4') {
			if (bearer === undefined) return { token: 'missing', auth: 'none' };
			return { token: this.jwt.check(bearer), auth: 'bearer' };
		}
		if (token === undefined) return { token: 'missing', auth: 'none' };
		return { token: this.tokens.has(token) ? 'valid' : 'invalid', auth: 'query' };
	}

	/**
	 * POST /authenticate (authenticate.copernica.com): the form field, or query parameter,
	 * `access_token` for a JWT, answered as the raw token text.
	 */
	private async authenticate(request: IncomingMessage, response: ServerResponse, url: string): Promise<void> {
		const body = await readBody(request);
		const form = new URLSearchParams(typeof body === 'string' ? body : '');
		const query = new URLSearchParams(url.split('?')[1] ?? '');
		const token = form.get('access_token') ?? query.get('access_token') ?? undefined;
		const entry: LogEntry = {
			seq: ++this.seq,
			method: (request.method ?? 'GET').toUpperCase(),
			path: 'authenticate',
			version: '',
			query: [],
			token: token === undefined ? 'missing' : this.tokens.has(token) ? 'valid' : 'invalid',
			auth: token === undefined ? 'none' : 'query',
			body: token === undefined ? body : REDACTED,
		};
		this.log.push(entry);
		if (await this.applyFault(this.takeFault(entry.method, entry.path), entry, request, response)) return;
		if (request.method !== 'POST' || token === undefined || !this.tokens.has(token)) {
			entry.status = 400;
			response.writeHead(400, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ error: { message: 'Invalid access token' } }));
			return;
		}
		this.jwtsIssued++;
		entry.status = 200;
		response.writeHead(200, { 'Content-Type': 'text/plain' });
		response.end(this.jwt.issue('emulated-account'));
	}

	/** The part of a fault that comes before handling: latency, a dropped connection, a canned answer. True when it answered. */
	private async applyFault(
		fault: FaultRule | undefined,
		entry: LogEntry,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<boolean> {
		if (fault?.latencyMs) await sleep(fault.latencyMs);
		if (fault?.reset) {
			entry.status = 0;
			request.socket.destroy();
			return true;
		}
		if (fault?.status === undefined) return false;
		entry.status = fault.status;
		const headers: Record<string, string> = {
			'Content-Type': fault.contentType ?? 'text/html; charset=utf-8',
		};
		if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
		Object.assign(headers, fault.headers);
		response.writeHead(fault.status, headers);
		response.end(fault.body ?? '<html><head><title>Loadbalancer Error</title></head><body>Too many requests to handle</body></html>');
		return true;
	}

	private takeFault(method: string, path: string): FaultRule | undefined {
		for (const rule of this.faults) {
			const matches =
				(rule.times === undefined || rule.times > 0) &&
				(rule.method === undefined || rule.method.toUpperCase() === method) &&
				(rule.path === undefined || path.includes(rule.path));
			if (!matches) continue;
			rule.seen = (rule.seen ?? 0) + 1;
			if (rule.every !== undefined && rule.seen % rule.every !== 0) continue;
			if (rule.times !== undefined) rule.times--;
			return rule;
		}
		return undefined;
	}

	private async control(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
		const method = (request.method ?? 'GET').toUpperCase();
		const body = await readBody(request);
		const reply = (status: number, payload?: unknown) => {
			response.writeHead(status, payload === undefined ? {} : { 'Content-Type': 'application/json' });
			response.end(payload === undefined ? undefined : JSON.stringify(payload));
		};
		if (path === 'log' && method === 'GET') return reply(200, this.log);
		if (path === 'log' && method === 'DELETE') {
			this.log.length = 0;
			return reply(204);
		}
		if (path === 'faults' && method === 'PUT') {
			this.faults = Array.isArray(body) ? (body as FaultRule[]) : [];
			return reply(204);
		}
		if (path === 'reset' && method === 'POST') {
			this.reset(body && typeof body === 'object' ? (body as Seed) : undefined);
			return reply(204);
		}
		if (path === 'stats' && method === 'GET') {
			return reply(200, {
				requests: this.log.length,
				maxInFlight: this.maxInFlight,
				meanAnswerMs: this.answered === 0 ? 0 : Math.round((this.answerTimeMs / this.answered) * 10) / 10,
				jwtsIssued: this.jwtsIssued,
			});
		}
		if (path === 'latency' && method === 'PUT') {
			const { meanMs, jitterMs = 0 } = (body ?? {}) as Partial<Latency>;
			if (!(Number(meanMs) >= 0) || !(Number(jitterMs) >= 0) || Number(jitterMs) > Number(meanMs)) {
				return reply(400, { error: { message: 'meanMs and jitterMs must be numbers, 0 ≤ jitterMs ≤ meanMs' } });
			}
			this.latency = { meanMs: Number(meanMs), jitterMs: Number(jitterMs) };
			return reply(204);
		}
		if (path === 'jwts' && method === 'PUT') {
			const ttlSeconds = Number((body as { ttlSeconds?: unknown } | undefined)?.ttlSeconds);
			if (!(ttlSeconds > 0)) return reply(400, { error: { message: 'ttlSeconds must be a positive number' } });
			this.jwt.ttlSeconds = ttlSeconds;
			return reply(204);
		}
		if (path === 'jwts/refusal' && method === 'PUT') {
			const status = Number((body as { status?: unknown } | undefined)?.status);
			if (status !== 400 && status !== 401) return reply(400, { error: { message: 'status must be 400 or 401' } });
			this.refusedJwtStatus = status;
			return reply(204);
		}
		if (path === 'jwts/expire' && method === 'POST') {
			this.jwt.expireIssued();
			return reply(204);
		}
		const webhookAnswer = (await webhookControl(this, method, path, body)) ?? mailingControl(this, method, path, body);
		if (webhookAnswer) return reply(webhookAnswer.status, webhookAnswer.body);
		if (path.startsWith('profiles/') && method === 'GET') {
			const database = this.store.database(decodeComponent(path.slice('profiles/'.length)));
			const profiles = [...this.store.profiles.values()]
				.filter((profile) => profile.database === database.ID)
				.map((profile) => profileJson(profile));
			return reply(200, profiles);
		}
		reply(404, { error: { message: `No control endpoint ${method} ${path}` } });
	}
}
