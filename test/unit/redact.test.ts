import { randomBytes } from 'node:crypto';

import { REDACTED, redactorFor, redactValue } from '../../nodes/shared/transport/redact';

/** Redaction by value: a secret is hidden however the text that carries it encodes it. */

// Characters that every encoding writes differently: `+`, `/`, `=`, a space, a quote, `&`, a non-ASCII letter.
const token = `cop_${randomBytes(6).toString('hex')}+a/b=c d"e&f\u00e9`;
const redact = redactorFor([token]);

function htmlEntities(text: string): string {
	return [...text].map((char) => `&#${char.codePointAt(0)};`).join('');
}

describe('redaction by value', () => {
	const encodings: Array<[string, string]> = [
		['raw', token],
		['URL-encoded', encodeURIComponent(token)],
		['URL-encoded, lower-case hex', encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())],
		['form-encoded (`+` for a space)', new URLSearchParams({ x: token }).toString().slice(2)],
		['URL-encoded twice', encodeURIComponent(encodeURIComponent(token))],
		['JSON-escaped', JSON.stringify(token).slice(1, -1)],
		['JSON-escaped as PHP does (\\/ and \\u)', JSON.stringify(token).slice(1, -1).replace(/\//g, '\\/').replace(/é/g, '\\u00e9')],
		['HTML entities', htmlEntities(token)],
		['\\u-escaped, every character', [...token].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
		['base64', Buffer.from(token).toString('base64')],
		['base64url', Buffer.from(token).toString('base64url')],
		['upper-case', token.toUpperCase()],
	];
	it.each(encodings)('hides the token %s', (_, encoded) => {
		const text = `Invalid access token ${encoded} (try again)`;
		const hidden = redact(text);
		expect(hidden).toBe(`Invalid access token ${REDACTED} (try again)`);
	});

	it('hides the token inside a base64 text, wherever it starts', () => {
		for (const prefix of ['', 'u', 'us', 'usr:']) {
			const encoded = Buffer.from(`${prefix}${token}:more`).toString('base64');
			const hidden = redact(`Basic ${encoded}`);
			expect(Buffer.from(hidden.slice(6).replace(REDACTED, ''), 'base64').toString('latin1')).not.toContain(token.slice(4, 12));
			expect(hidden).toContain(REDACTED);
		}
	});

	it('hides several secrets, and `access_token=` values it does not know', () => {
		const jwt = `${randomBytes(9).toString('base64url')}.${randomBytes(30).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
		const both = redactorFor([token, jwt, undefined, '']);
		expect(both(`Bearer ${jwt} for ${token} at ?access_token=other`)).toBe(
			`Bearer ${REDACTED} for ${REDACTED} at ?access_token=${REDACTED}`,
		);
	});

	it('leaves text without secrets alone, and does not hide very short values', () => {
		expect(redact('Copernica: No database with supplied ID [item 0]')).toBe('Copernica: No database with supplied ID [item 0]');
		expect(redactorFor(['0', 'ab'])('Copernica: item 0 of ab')).toBe('Copernica: item 0 of ab');
	});

	it('redacts keys, values and deeply nested values of objects', () => {
		const deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: token } } } } } } } } } };
		const hidden = JSON.stringify(redactValue({ [token]: [token], deep }, redact));
		expect(hidden).not.toContain(token);
		expect(hidden).not.toContain('cop_');
	});
});
