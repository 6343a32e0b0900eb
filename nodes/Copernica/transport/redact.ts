/**
 * The v3 access token travels in the query string, so any URL, request dump or library
 * error text may carry it. Everything the node shows a user goes through here first.
 * The node never reads the token, so redaction matches the parameter's name and hides whatever
 * value follows it, rather than looking for a known value.
 */
const TOKEN_IN_TEXT = /(access_token["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi;

export const REDACTED = '**hidden**';

export function redactText(text: string): string {
	return text.replace(TOKEN_IN_TEXT, `$1${REDACTED}`);
}

/** Deep copy of a JSON-like value with every string redacted and `access_token` keys hidden. */
export function redactValue<T>(value: T, depth = 0): T {
	if (depth > 8) return value;
	if (typeof value === 'string') return redactText(value) as unknown as T;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, depth + 1)) as unknown as T;
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			copy[key] = key.toLowerCase() === 'access_token' ? REDACTED : redactValue(entry, depth + 1);
		}
		return copy as T;
	}
	return value;
}
