import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The `Digest` header (RFC 3230, algorithms of RFC 5843) against the body as it arrived. Copernica
 * sends `SHA-256=<base64>` (copernica-webhooks.md §3.3); its reference code matches the algorithm
 * name case-insensitively. Only SHA-256 and SHA-512 count: a weaker one alone (MD5, SHA) is refused.
 */
const ALGORITHMS: Record<string, string> = { 'sha-256': 'sha256', 'sha-512': 'sha512' };

export function digestMatches(header: string | undefined, rawBody: Buffer): boolean {
	if (header === undefined) return false;
	let checked = false;
	for (const part of header.split(',')) {
		const separator = part.indexOf('=');
		if (separator < 0) return false;
		const algorithm = ALGORITHMS[part.slice(0, separator).trim().toLowerCase()];
		if (algorithm === undefined) continue;
		const expected = createHash(algorithm).update(rawBody).digest();
		const given = Buffer.from(part.slice(separator + 1).trim(), 'base64');
		// Every strong digest given must match, or a second one could carry a forged body's.
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
		checked = true;
	}
	return checked;
}
