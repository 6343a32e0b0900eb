/**
 * Hides secrets in everything the node shows a user, keeps in run data or logs.
 *
 * Two ways, both always on: the v3 access token travels in the query string, so any URL,
 * request dump or library error may carry it after the parameter's name, whose value is
 * hidden whatever it is. And a server or proxy may echo a secret in its own words ("Invalid access
 * token <token>", an encoded URL in an HTML title, the JWT it refused), so the secrets in play
 * (the access token, the v4 JWT) are also hidden by their values, in every encoding a URL, a
 * form, JSON, HTML or base64 gives them.
 */
const TOKEN_IN_TEXT = /(access_token["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi;

export const REDACTED = '**hidden**';

/** Turns a text into one without the secrets it knows of. */
export type Redact = (text: string) => string;

/**
 * Values shorter than this are not Copernica tokens or JWTs; hiding them would hide every
 * occurrence of a common word or number in every message.
 */
const MIN_SECRET_LENGTH = 6;

/** Base64 substrings shorter than this match too much text by chance. */
const MIN_BASE64_CORE = 8;

const NAMED_ENTITIES: Record<string, string[]> = {
	'&': ['&amp;'],
	'<': ['&lt;'],
	'>': ['&gt;'],
	'"': ['&quot;'],
	"'": ['&apos;'],
	'/': ['&sol;'],
	'+': ['&plus;'],
	'=': ['&equals;'],
};

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Every way one character may be written: as itself, percent-encoded (once or twice, as a URL
 * inside a URL), `+` for a space (form encoding), a JSON `\u` escape or PHP's `\/`, an HTML
 * entity. Matched case-insensitively, so `%2f` and `%2F` are both found.
 */
function characterPattern(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	const hex = code.toString(16);
	const bytes = [...Buffer.from(char, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0'));
	const ways = [
		escapeRegExp(char),
		bytes.map((byte) => `%${byte}`).join(''),
		bytes.map((byte) => `%25${byte}`).join(''),
		`&#0*${code};`,
		`&#x0*${hex};`,
		...(NAMED_ENTITIES[char] ?? []),
	];
	if (code <= 0xffff) ways.push(`\\\\u${hex.padStart(4, '0')}`);
	// JSON escapes these with a backslash (PHP's json_encode escapes `/` too).
	if (char === '"' || char === '\\' || char === '/') ways.push(`\\\\${escapeRegExp(char)}`);
	if (char === ' ') ways.push('\\+');
	return `(?:${ways.join('|')})`;
}

/**
 * The secret in base64 on its own, and the parts of a base64 text that any text containing the
 * secret has, wherever the secret starts in it (its three alignments), in standard and URL-safe
 * alphabets. (Inside a longer text, the groups shared with its neighbours stay: at most two bytes.)
 */
function base64Cores(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const cores = [bytes.toString('base64'), bytes.toString('base64url')];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		// The first group holds bits of what precedes the secret, the last one of what follows.
		const from = offset === 0 ? 0 : 4;
		const whole = Math.floor((offset + bytes.length) / 3) * 4;
		const core = encoded.slice(from, whole);
		if (core.length >= MIN_BASE64_CORE) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}

/** One pattern for every encoding of every secret, longest first so that no part of one is left. */
function secretsPattern(secrets: Iterable<string | undefined>): RegExp | undefined {
	const values = [...new Set([...secrets].filter((value): value is string => typeof value === 'string'))]
		.map((value) => value.trim())
		.filter((value) => value.length >= MIN_SECRET_LENGTH);
	if (values.length === 0) return undefined;
	const patterns = values.flatMap((value) => [
		[...value].map(characterPattern).join(''),
		...base64Cores(value).map(escapeRegExp),
	]);
	patterns.sort((left, right) => right.length - left.length);
	return new RegExp(patterns.join('|'), 'gi');
}

/** A text without the token parameter's values (the only redaction possible without the secrets). */
export function redactText(text: string): string {
	return text.replace(TOKEN_IN_TEXT, `$1${REDACTED}`);
}

/** A Redact that hides these secrets by value, in any encoding, and any value of the token parameter. */
export function redactorFor(secrets: Iterable<string | undefined>): Redact {
	const pattern = secretsPattern(secrets);
	if (pattern === undefined) return redactText;
	return (text) => redactText(text.replace(pattern, REDACTED));
}

/**
 * Deep copy of a JSON-like value with every string redacted and `access_token` keys hidden.
 * Anything nested deeper than Copernica ever answers is hidden whole rather than let through.
 */
export function redactValue<T>(value: T, redact: Redact = redactText, depth = 0): T {
	if (depth > 8) return (value !== null && typeof value === 'object' ? REDACTED : redactValue(value, redact)) as T;
	if (typeof value === 'string') return redact(value) as unknown as T;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, redact, depth + 1)) as unknown as T;
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			copy[redact(key)] = key.toLowerCase() === 'access_token' ? REDACTED : redactValue(entry, redact, depth + 1);
		}
		return copy as T;
	}
	return value;
}
