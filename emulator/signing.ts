import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import type { Payload } from './webhookPayload';
import { FORM, formBody } from './webhookPayload';

/**
 * How Copernica signs a webhook call (copernica-webhooks.md §3.3): a `Digest` of the body, an
 * `X-Copernica-ID`, and a draft-cavage-http-signatures-11 `Signature` (rsa-sha256) whose key
 * is published in DNS like a DKIM key. Pure functions, so tests can forge calls with them.
 */

/** An RSA key pair and the DNS name its public half is published under. */
export interface SigningKey {
	keyId: string;
	privateKey: KeyObject;
	publicKey: KeyObject;
}

/** The headers the signature lists, spelled as Copernica's example spells them (§3.3). */
export const SIGNED_HEADERS = ['(request-target)', 'Host', 'Date', 'Content-length', 'Content-type', 'X-Copernica-ID', 'Digest', 'X-nonce'];

/**
 * Ways to break a call, each for the check it should fail (§3.3's checklist and the PHP
 * reference's CopernicaRequest.php). Two are not breakages: `underscoreSeparator` (the
 * `account_` spelling of the NL docs and the PHP README) and `jsonBody` (the security page's
 * example) are correctly signed, and a verifier that accepts both spellings and both bodies
 * (§3.2, §3.3 [INF]) accepts them.
 */
export type Forgery =
	/** `Digest` is not the body's, and the signature covers the wrong Digest: only the Digest check fails. */
	| 'wrongDigest'
	/** Signed, then the body (and its Content-Length) changed: the Digest and the signature fail. */
	| 'bodyChangedAfterSigning'
	/** `header` (default Digest) is not sent, nor listed in `headers=`. */
	| 'missingHeader'
	/** `header` (default Digest) is sent but not listed in `headers=`; the signature is valid over the rest. */
	| 'headerNotSigned'
	/** `Date` 15 minutes old, correctly signed. */
	| 'staleDate'
	/** `X-Copernica-ID` of another account, correctly signed. */
	| 'otherAccount'
	/** `keyId` on a look-alike domain (`….evilcopernica.com`), signed with `otherKey`, which that domain publishes. */
	| 'foreignKeyId'
	/** The right `keyId`, signed with `otherKey`, which nobody publishes under it. */
	| 'unknownKey'
	| 'underscoreSeparator'
	| 'jsonBody';

export const FORGERIES: Forgery[] = [
	'wrongDigest',
	'bodyChangedAfterSigning',
	'missingHeader',
	'headerNotSigned',
	'staleDate',
	'otherAccount',
	'foreignKeyId',
	'unknownKey',
	'underscoreSeparator',
	'jsonBody',
];

export interface SignOptions {
	/** The handler: where the call goes; `Host` and `(request-target)` come from it. */
	url: string;
	/** The payload: encoded as a form (as JSON for `jsonBody`), or a string sent as it is. */
	body: Payload | string;
	/** Default: a form's, or JSON's for `jsonBody`. */
	contentType?: string;
	/** The account's ID, as `GET identity` gives it. */
	accountId: string;
	key: SigningKey;
	/** `account-` (the English security page) or `account_` (the NL page and the PHP README). */
	separator?: '-' | '_';
	date?: Date;
	nonce?: string;
	forgery?: Forgery;
	/** For missingHeader and headerNotSigned: which header (default Digest). */
	header?: string;
	/** For foreignKeyId and unknownKey: the key that signs instead of `key`. */
	otherKey?: SigningKey;
}

export interface SignedRequest {
	method: 'POST';
	url: string;
	/** In the order they go out, spelled as Copernica spells them. */
	headers: Record<string, string>;
	body: string;
}

const STALE_MS = 15 * 60 * 1000;

export function generateSigningKey(keyId: string): SigningKey {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return { keyId, privateKey, publicKey };
}

/** The TXT record that publishes the key, as a DKIM key is published (§3.3 `DkimKey.php`). */
export function publicKeyRecord(key: SigningKey): string {
	const der = key.publicKey.export({ format: 'der', type: 'spki' });
	return `v=DKIM1; k=rsa; p=${der.toString('base64')}`;
}

/** RFC 3230/5843, as Copernica sends it: `SHA-256=<base64>`. */
export function digestOf(body: string): string {
	return `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
}

/** The look-alike keyId of the `foreignKeyId` forgery: it ends in copernica.com, not .copernica.com. */
export function foreignKeyIdOf(keyId: string): string {
	return `${keyId.split('.')[0]}._domainkey.evilcopernica.com`;
}

/** draft-cavage-11 §2.3 (SignatureString.php): `<lower-cased name>: <trimmed value>` a line, joined by \n. */
export function signingString(names: string[], headers: Record<string, string>, requestTarget: string): string {
	const byName = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
	return names
		.map((name) => {
			const lower = name.toLowerCase();
			return `${lower}: ${lower === '(request-target)' ? requestTarget : (byName.get(lower) ?? '').trim()}`;
		})
		.join('\n');
}

/** `post <path and query of the handler>`. */
export function requestTargetOf(url: string): string {
	const parsed = new URL(url);
	return `post ${parsed.pathname}${parsed.search}`;
}

/** The headers of a Copernica webhook call and its Signature, with one forgery if asked for. */
export function signRequest(options: SignOptions): SignedRequest {
	const { forgery, url } = options;
	const other = forgery === 'foreignKeyId' || forgery === 'unknownKey' ? options.otherKey : undefined;
	if ((forgery === 'foreignKeyId' || forgery === 'unknownKey') && other === undefined) {
		throw new Error(`The ${forgery} forgery needs otherKey`);
	}
	const signer = other ?? options.key;
	const keyId = forgery === 'foreignKeyId' ? foreignKeyIdOf(options.key.keyId) : options.key.keyId;
	const separator = forgery === 'underscoreSeparator' ? '_' : (options.separator ?? '-');
	const account = forgery === 'otherAccount' ? `${options.accountId}0` : options.accountId;
	const date = new Date((options.date ?? new Date()).getTime() - (forgery === 'staleDate' ? STALE_MS : 0));
	const json = forgery === 'jsonBody';
	const body = typeof options.body === 'string' ? options.body : json ? JSON.stringify(options.body) : formBody(options.body);
	const headers: Record<string, string> = {
		Host: new URL(url).host,
		Date: date.toUTCString(),
		'Content-Type': options.contentType ?? (json ? 'application/json' : FORM),
		'Content-Length': String(Buffer.byteLength(body)),
		'X-Copernica-ID': `account${separator}${account}`,
		'X-Nonce': options.nonce ?? randomBytes(16).toString('hex'),
		Digest: digestOf(forgery === 'wrongDigest' ? `${body}&tampered=1` : body),
	};
	const header = (options.header ?? 'Digest').toLowerCase();
	let names = SIGNED_HEADERS;
	if (forgery === 'missingHeader' || forgery === 'headerNotSigned') {
		names = names.filter((name) => name.toLowerCase() !== header);
	}
	const signature = sign('sha256', Buffer.from(signingString(names, headers, requestTargetOf(url))), signer.privateKey);
	headers.Signature = `keyId="${keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature.toString('base64')}"`;
	if (forgery === 'missingHeader') {
		for (const name of Object.keys(headers)) if (name.toLowerCase() === header) delete headers[name];
	}
	if (forgery === 'bodyChangedAfterSigning') {
		const changed = `${body}&tampered=1`;
		headers['Content-Length'] = String(Buffer.byteLength(changed));
		return { method: 'POST', url, headers, body: changed };
	}
	return { method: 'POST', url, headers, body };
}
