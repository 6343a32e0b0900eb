import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * Copernica's public signing keys, published in DNS as DKIM-style TXT records at the signature's
 * keyId and rotated monthly (copernica-webhooks.md §3.3). Community nodes may not use `dns`, so
 * the record is read over DNS-over-HTTPS (the JSON API Google and Cloudflare share) through n8n's
 * request helper. Keys are kept in memory per resolver and keyId, not in static data: a rotated
 * key must not outlive its month, and a webhook processor in queue mode has its own memory.
 *
 * Anyone who knows a webhook URL can make the trigger look a name up, so the look-ups are
 * bounded: names that hold no key are remembered apart from the keys (a flood of made-up names
 * cannot push the real key out), new names are looked up at most a few times a minute, and a
 * key that works is never replaced by a failed or empty look-up.
 */
export const DEFAULT_DNS_RESOLVER = 'https://dns.google/resolve';

/** How long a key is trusted before it is read again; Copernica rotates monthly. */
export const KEY_LIFETIME_MS = 60 * 60 * 1000;
/** How long "no such key" is remembered, so forged calls naming made-up keys cost one look-up each. */
const MISSING_KEY_LIFETIME_MS = 5 * 60 * 1000;
/**
 * A signature that fails with a remembered key looks the key up again (it may have rotated), but
 * at most this often per key: otherwise every forged call would cost a look-up at the resolver.
 * The price: a genuine call in the seconds after a forged one, just after a monthly rotation, is
 * refused once.
 */
const FORCED_LOOK_UP_INTERVAL_MS = 10 * 1000;
/**
 * Look-ups of names never found before, per minute and process, and at most this many at once:
 * Copernica uses one or two names. Names that held a key once skip the budget, so after a restart
 * only the first look-up of Copernica's name can be held back by a flood of made-up names.
 */
const NEW_NAME_LOOK_UPS_PER_MINUTE = 60;
const NEW_NAME_LOOK_UPS_AT_ONCE = 4;
const MAX_FOUND_NAMES = 50;
const MAX_KNOWN_KEYS = 20;
const MAX_MISSING_NAMES = 200;

/** GETs a URL and returns its parsed JSON: n8n's httpRequest in the node, a stand-in nowhere. */
export type FetchJson = (url: string) => Promise<unknown>;

interface CachedKeys {
	keys: KeyObject[];
	expiresAt: number;
	/** When a failed signature last made these keys be looked up again. */
	forcedAt?: number;
}

const known = new Map<string, CachedKeys>();
const missing = new Map<string, number>();
const pending = new Map<string, Promise<KeyObject[]>>();
/** Names that held a key (only copernica.com names are looked up at all). */
const foundNames = new Map<string, true>();
let newNameLookUps: number[] = [];
let newNamesInFlight = 0;

/** Strips the quotes of a TXT record's character strings (each at most 255 bytes) and joins them. */
export function joinTxtChunks(data: string): string {
	const trimmed = data.trim();
	if (!trimmed.startsWith('"')) return trimmed;
	const chunks = [...trimmed.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, chunk]) => chunk.replace(/\\(.)/g, '$1'));
	return chunks.join('');
}

/** The `p=` key of a `v=DKIM1; k=rsa; p=…` record as a public key, or undefined if it holds none. */
export function keyOfDkimRecord(record: string): KeyObject | undefined {
	const tags = new Map(
		record
			.split(';')
			.map((tag) => tag.trim())
			.filter((tag) => tag.includes('='))
			.map((tag) => [tag.slice(0, tag.indexOf('=')).trim().toLowerCase(), tag.slice(tag.indexOf('=') + 1)] as const),
	);
	if ((tags.get('v') ?? 'DKIM1').trim() !== 'DKIM1') return undefined;
	if ((tags.get('k') ?? 'rsa').trim().toLowerCase() !== 'rsa') return undefined;
	const p = (tags.get('p') ?? '').replace(/\s+/g, '');
	if (p === '') return undefined;
	const der = Buffer.from(p, 'base64');
	for (const type of ['spki', 'pkcs1'] as const) {
		try {
			const key = createPublicKey({ key: der, format: 'der', type });
			if (key.asymmetricKeyType === 'rsa') return key;
		} catch {
			// Not this encoding: DKIM records hold SPKI, some older ones a bare PKCS#1 key.
		}
	}
	return undefined;
}

/**
 * The keys in a DoH JSON answer: every TXT record (type 16; a CNAME before them is skipped) that
 * holds one. Only NOERROR (0) and NXDOMAIN (3) are answers; SERVFAIL, a refusal or a page that is
 * no DNS answer at all (a rate-limit page) is a failed look-up, not "no key".
 */
function keysOfAnswer(answer: unknown): KeyObject[] {
	const status = (answer as { Status?: unknown } | null)?.Status;
	if (answer === null || typeof answer !== 'object' || (status !== 0 && status !== 3)) {
		throw new Error(`the DNS-over-HTTPS resolver gave no answer (status ${String(status)})`);
	}
	const records = (answer as { Answer?: unknown }).Answer;
	if (status === 3 || !Array.isArray(records)) return [];
	return records
		.filter((record) => (record as { type?: unknown })?.type === 16)
		.map((record) => keyOfDkimRecord(joinTxtChunks(String((record as { data?: unknown }).data ?? ''))))
		.filter((key): key is KeyObject => key !== undefined);
}

async function lookUp(fetchJson: FetchJson, resolver: string, keyId: string): Promise<KeyObject[]> {
	const url = new URL(resolver);
	url.searchParams.set('name', keyId);
	url.searchParams.set('type', 'TXT');
	return keysOfAnswer(await fetchJson(url.toString()));
}

function allowNewName(now: number): boolean {
	newNameLookUps = newNameLookUps.filter((at) => now - at < 60_000);
	if (newNameLookUps.length >= NEW_NAME_LOOK_UPS_PER_MINUTE || newNamesInFlight >= NEW_NAME_LOOK_UPS_AT_ONCE) return false;
	newNameLookUps.push(now);
	return true;
}

function remember<T>(map: Map<string, T>, id: string, value: T, max: number): void {
	map.delete(id);
	if (map.size >= max) map.delete(map.keys().next().value as string);
	map.set(id, value);
}

/**
 * The keys published at `keyId`: from memory while fresh, unless `fresh` asks for a new look-up
 * (a signature failed with the remembered key: it may have rotated). Concurrent calls for one name
 * share one look-up. A failed look-up throws and is not remembered.
 */
export async function publicKeysFor(
	fetchJson: FetchJson,
	resolver: string,
	keyId: string,
	options: { fresh?: boolean; now?: number } = {},
): Promise<{ keys: KeyObject[]; cached: boolean }> {
	const id = `${resolver}\n${keyId.toLowerCase()}`;
	const now = options.now ?? Date.now();
	const remembered = known.get(id);
	if (remembered && remembered.expiresAt > now) {
		const forcedLately = remembered.forcedAt !== undefined && now - remembered.forcedAt < FORCED_LOOK_UP_INTERVAL_MS;
		if (!options.fresh || forcedLately) return { keys: remembered.keys, cached: true };
	} else if ((missing.get(id) ?? 0) > now) {
		return { keys: [], cached: true };
	}
	let lookingUp = pending.get(id);
	if (lookingUp === undefined) {
		const newName = !remembered && !foundNames.has(id);
		if (newName && !allowNewName(now)) throw new Error('too many unknown signing keys were looked up in the last minute');
		if (newName) newNamesInFlight++;
		lookingUp = lookUp(fetchJson, resolver, keyId).finally(() => {
			pending.delete(id);
			if (newName) newNamesInFlight--;
		});
		pending.set(id, lookingUp);
	}
	let keys: KeyObject[] | undefined;
	let failure = '';
	try {
		keys = await lookingUp;
	} catch (error) {
		failure = (error as Error).message;
	}
	if (keys === undefined) {
		// A forced look-up that fails keeps the key that worked (marked, so the next waits its turn).
		if (remembered && options.fresh) {
			remembered.forcedAt = now;
			return { keys: remembered.keys, cached: true };
		}
		// Read by receive.ts into the 401's log line; never shown to anyone else.
		throw new Error(`the look-up at the DNS-over-HTTPS resolver failed: ${failure}`);
	}
	if (keys.length === 0 && remembered && options.fresh && remembered.expiresAt > now) {
		remembered.forcedAt = now;
		return { keys: remembered.keys, cached: true };
	}
	if (keys.length === 0) {
		known.delete(id);
		remember(missing, id, now + MISSING_KEY_LIFETIME_MS, MAX_MISSING_NAMES);
		return { keys, cached: false };
	}
	missing.delete(id);
	remember(foundNames, id, true, MAX_FOUND_NAMES);
	remember(known, id, { keys, expiresAt: now + KEY_LIFETIME_MS, forcedAt: options.fresh ? now : undefined }, MAX_KNOWN_KEYS);
	return { keys, cached: false };
}
