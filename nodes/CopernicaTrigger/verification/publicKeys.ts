import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * Copernica's public signing keys, published in DNS as DKIM-style TXT records at the signature's
 * keyId and rotated monthly (copernica-webhooks.md §3.3). Community nodes may not use `dns`, so
 * the record is read over DNS-over-HTTPS (the JSON API Google and Cloudflare share) through n8n's
 * request helper. Keys are kept in memory per resolver and keyId, not in static data: a rotated
 * key must not outlive its month, and a webhook processor in queue mode has its own memory.
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
/** Bounded, so made-up keyIds cannot grow the cache without end. */
const MAX_CACHED_KEYS = 100;

/** GETs a URL and returns its parsed JSON: n8n's httpRequest in the node, a stand-in nowhere. */
export type FetchJson = (url: string) => Promise<unknown>;

interface CachedKey {
	key: KeyObject | undefined;
	expiresAt: number;
	/** When a failed signature last made this key be looked up again. */
	forcedAt?: number;
}

const cache = new Map<string, CachedKey>();
const pending = new Map<string, Promise<KeyObject | undefined>>();

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

/** TXT records of type 16 in a DoH JSON answer (a CNAME before them is skipped). */
function txtRecords(answer: unknown): string[] {
	const records = (answer as { Answer?: unknown } | undefined)?.Answer;
	if (!Array.isArray(records)) return [];
	return records
		.filter((record) => (record as { type?: unknown })?.type === 16)
		.map((record) => joinTxtChunks(String((record as { data?: unknown }).data ?? '')));
}

async function lookUp(fetchJson: FetchJson, resolver: string, keyId: string): Promise<KeyObject | undefined> {
	const url = new URL(resolver);
	url.searchParams.set('name', keyId);
	url.searchParams.set('type', 'TXT');
	const answer = await fetchJson(url.toString());
	for (const record of txtRecords(answer)) {
		const key = keyOfDkimRecord(record);
		if (key) return key;
	}
	return undefined;
}

/**
 * The key published at `keyId`: from memory while fresh, unless `fresh` asks for a new look-up
 * (a signature failed with the remembered key: it may have rotated). Concurrent calls for one key
 * share one look-up. A failed look-up (resolver down) throws and is not remembered.
 */
export async function publicKeyFor(
	fetchJson: FetchJson,
	resolver: string,
	keyId: string,
	options: { fresh?: boolean; now?: number } = {},
): Promise<{ key: KeyObject | undefined; cached: boolean }> {
	const id = `${resolver}\n${keyId.toLowerCase()}`;
	const now = options.now ?? Date.now();
	const remembered = cache.get(id);
	if (remembered && remembered.expiresAt > now) {
		const forcedLately = remembered.forcedAt !== undefined && now - remembered.forcedAt < FORCED_LOOK_UP_INTERVAL_MS;
		if (!options.fresh || forcedLately) return { key: remembered.key, cached: true };
	}
	let lookingUp = pending.get(id);
	if (lookingUp === undefined) {
		lookingUp = lookUp(fetchJson, resolver, keyId).finally(() => pending.delete(id));
		pending.set(id, lookingUp);
	}
	const key = await lookingUp;
	cache.delete(id);
	if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value as string);
	cache.set(id, {
		key,
		expiresAt: now + (key ? KEY_LIFETIME_MS : MISSING_KEY_LIFETIME_MS),
		forcedAt: options.fresh ? now : undefined,
	});
	return { key, cached: false };
}
