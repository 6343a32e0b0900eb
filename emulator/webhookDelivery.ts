import { request as httpRequest } from 'node:http';
import type { ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { DohServer } from './doh';
import type { Forgery, SigningKey } from './signing';
import { foreignKeyIdOf, generateSigningKey, publicKeyRecord, signRequest } from './signing';
import type { StoreChange, StoredWebhook } from './store';
import type { Payload } from './webhookPayload';
import { changePayload, mailingPayload } from './webhookPayload';

/**
 * Calls the registered webhooks (copernica-webhooks.md §3), signed (§3.3), one call at a time
 * in the order the writes happened, after the write's answer has gone out. Every attempt is
 * logged; a failed one is not retried (the docs mention no retries, §3.1: UNCONFIRMED, so the
 * worse case). The signing key's public half is published on the DoH stand-in (doh.ts).
 */

export interface DeliveryEntry {
	seq: number;
	webhook: number;
	handler: string;
	trigger: string;
	forgery?: Forgery;
	/** As sent, in order and spelling. */
	headers: Record<string, string>;
	/** The exact body sent. */
	body: string;
	/** The handler's HTTP status, or `error` when the call failed without one (refused, reset, timed out). */
	status?: number;
	error?: string;
	settled: boolean;
}

/** The first key's DNS name: a copernica.com subdomain, as Copernica's example `one._domainkey.copernica.com` (§3.3). */
export const DEFAULT_KEY_ID = 'n8ntest._domainkey.copernica.com';
const TIMEOUT_MS = 10_000;

/**
 * Whether a write concerns the webhook. A webhook with a collection hears only that
 * collection's subprofiles; one without hears the database's profiles and, the worse case of
 * the docs' "(sub)profile creations" (§3.1), its subprofiles too. `callers` is not looked at:
 * REST-made changes are delivered whatever it says (the worse case: `ms`/`publisher` is all it
 * can tell apart, so a trigger's own REST writes come back to it and a loop can't be avoided
 * with callers; copernica-api.md §7.1, copernica-webhooks.md §3.4.8).
 */
function concerns(webhook: StoredWebhook, change: StoreChange): boolean {
	if (webhook.trigger !== change.type) return false;
	if (webhook.database !== undefined && webhook.database !== change.database) return false;
	if (change.subprofile === undefined) return webhook.collection === undefined;
	return webhook.collection === undefined || webhook.collection === change.collection;
}

export class WebhookDeliveries {
	readonly doh = new DohServer();
	key: SigningKey;
	/** The key the emulator started with, which reset() publishes again. */
	private readonly firstKey: SigningKey;
	/** The forger's key: signs `foreignKeyId` and `unknownKey` forgeries; published only under the look-alike keyId. */
	readonly otherKey: SigningKey;
	/** `account-` as the English security page spells X-Copernica-ID, or `account_` (§3.3). */
	separator: '-' | '_' = '-';
	readonly log: DeliveryEntry[] = [];
	private seq = 0;
	private queue: Promise<void> = Promise.resolve();
	private pending = 0;
	private readonly inFlight = new Set<ClientRequest>();
	/** Raised by reset(), so calls queued before it are dropped instead of logged into the next test. */
	private generation = 0;

	constructor(private readonly accountId: string) {
		this.key = this.firstKey = generateSigningKey(DEFAULT_KEY_ID);
		this.otherKey = generateSigningKey(DEFAULT_KEY_ID);
		this.publish();
	}

	async start(): Promise<void> {
		await this.doh.start();
	}

	/** Drops what is queued and hangs up on calls in flight: a handler that never answers must not hold up the end of a test run. */
	async stop(): Promise<void> {
		this.generation++;
		for (const outgoing of this.inFlight) outgoing.destroy(new Error('Emulator stopped'));
		await this.doh.stop();
	}

	/** Drops queued calls and the log; the first key again (a new key pair for every test would cost time and prove nothing). */
	reset(): void {
		if (this.key !== this.firstKey) this.use(this.firstKey);
		this.generation++;
		this.log.length = 0;
		this.separator = '-';
		this.doh.clearCounts();
	}

	/**
	 * A new key pair, as the monthly rotation (§3.3): under the same keyId (the old key is no
	 * longer published), or under `keyId` (the old name then answers NXDOMAIN).
	 */
	rotate(keyId = this.key.keyId): SigningKey {
		this.use(generateSigningKey(keyId));
		return this.key;
	}

	private use(key: SigningKey): void {
		this.doh.unpublish(this.key.keyId);
		this.doh.unpublish(foreignKeyIdOf(this.key.keyId));
		this.key = key;
		this.publish();
	}

	private publish(): void {
		this.doh.publish(this.key.keyId, publicKeyRecord(this.key));
		this.doh.publish(foreignKeyIdOf(this.key.keyId), publicKeyRecord(this.otherKey));
	}

	/** One call per write and webhook it concerns. */
	changes(webhooks: Iterable<StoredWebhook>, changes: StoreChange[]): void {
		const all = [...webhooks];
		for (const change of changes) {
			for (const webhook of all) if (concerns(webhook, change)) this.deliver(webhook, changePayload(change));
		}
	}

	/** A mailing event to every webhook of its trigger (of `database`, when given). How many calls were queued. */
	mailing(webhooks: Iterable<StoredWebhook>, trigger: string, fields: Payload, database?: number): number {
		const targets = [...webhooks].filter(
			(webhook) => webhook.trigger === trigger && (database === undefined || webhook.database === undefined || webhook.database === database),
		);
		for (const webhook of targets) this.deliver(webhook, mailingPayload(trigger, fields));
		return targets.length;
	}

	/** Queues one call; it goes out after the calls before it have settled. */
	deliver(webhook: StoredWebhook, payload: Payload, forgery?: Forgery, header?: string): void {
		const generation = this.generation;
		const handler = webhook.handler;
		this.pending++;
		this.queue = this.queue.then(async () => {
			try {
				if (generation === this.generation) await this.send(webhook, handler, payload, forgery, header);
			} finally {
				this.pending--;
			}
		});
	}

	/** Resolves when every queued call has settled (after the current event-loop turn's writes are queued). */
	async settle(): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		while (this.pending > 0) await this.queue;
	}

	private async send(webhook: StoredWebhook, handler: string, payload: Payload, forgery?: Forgery, header?: string): Promise<void> {
		const signed = signRequest({
			url: handler,
			body: payload,
			accountId: this.accountId,
			key: this.key,
			separator: this.separator,
			forgery,
			header,
			otherKey: this.otherKey,
		});
		const entry: DeliveryEntry = {
			seq: ++this.seq,
			webhook: webhook.ID,
			handler,
			trigger: webhook.trigger,
			forgery,
			headers: signed.headers,
			body: signed.body,
			settled: false,
		};
		this.log.push(entry);
		try {
			entry.status = await post(handler, signed.headers, signed.body, this.inFlight);
		} catch (error) {
			entry.error = (error as Error).message;
		}
		entry.settled = true;
	}
}

/** POSTs with exactly these headers (Host included: Node adds none of its own). The status; the body is read and dropped. */
async function post(url: string, headers: Record<string, string>, body: string, inFlight: Set<ClientRequest>): Promise<number> {
	const request = url.startsWith('https:') ? httpsRequest : httpRequest;
	let sent: ClientRequest | undefined;
	const answered = new Promise<number>((resolve, reject) => {
		const outgoing = request(url, { method: 'POST', headers, setHost: false, timeout: TIMEOUT_MS }, (response) => {
			response.resume();
			response.on('end', () => resolve(response.statusCode ?? 0));
			response.on('error', reject);
		});
		outgoing.on('timeout', () => outgoing.destroy(new Error(`No answer within ${TIMEOUT_MS} ms`)));
		outgoing.on('error', reject);
		outgoing.end(body);
		sent = outgoing;
	});
	inFlight.add(sent!);
	try {
		return await answered;
	} finally {
		inFlight.delete(sent!);
	}
}
