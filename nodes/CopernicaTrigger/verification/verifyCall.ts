import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { digestMatches } from './digest';
import { parseSignatureHeader } from './signatureHeader';

/**
 * Whether a webhook call comes from Copernica, checked as Copernica's security page lists
 * (copernica-webhooks.md §3.3) before any workflow runs. Pure: the key look-up is passed in.
 */

/** What the signature must cover, whatever else it does ("always covers", §3.3). */
export const REQUIRED_SIGNED_HEADERS = ['(request-target)', 'host', 'date', 'x-copernica-id', 'digest'];

/**
 * How far the Date may be from this machine's clock. Copernica's reference code allows 60 s;
 * n8n's own webhook signature helper 300 s, since n8n hosts' clocks and queues lag (§3.4).
 */
export const MAX_CLOCK_DIFFERENCE_MS = 5 * 60 * 1000;

export interface IncomingCall {
	/** The headers as received; names lower-case, as Node gives them. */
	headers: Record<string, string | string[] | undefined>;
	rawBody: Buffer | undefined;
}

export interface Expectations {
	/**
	 * The webhook URLs registered in Copernica for this node (its production URL, and its test URL
	 * while n8n listens for a test event): `(request-target)` and Host are built from them, not
	 * from what a reverse proxy passed on (Trello Trigger does the same, §3.4). A call must be
	 * signed for one of them.
	 */
	webhookUrls: string[];
	/**
	 * The numeric ID of the credential's account (`GET identity`), asked for only once the cheap
	 * checks have passed: reading it may cost a request to Copernica with the user's token.
	 */
	accountId: () => Promise<string>;
	now: number;
}

/** Finds Copernica's keys for a keyId; `fresh` asks for a new look-up past any cache. */
export type KeyLookUp = (keyId: string, fresh: boolean) => Promise<{ keys: KeyObject[]; cached: boolean }>;

/**
 * Verified: for which of the node's URLs the call was signed, and what identifies this one call
 * (the signature's bytes, however the header spells them) to recognise it when it comes again.
 */
export type Verdict = { verified: true; webhookUrl: string; callId: string } | { verified: false; reason: string };

function header(call: IncomingCall, name: string): string | undefined {
	const value = call.headers[name];
	if (Array.isArray(value)) return value.join(', ');
	return value;
}

/** keyIds live under copernica.com: a hostname of letters, digits, `-` and `_` labels ending there. */
const COPERNICA_KEY_ID = /^(?:[a-z0-9_-]+\.)+copernica\.com$/i;

/** `account-123` (security page) or `account_123` (Copernica's PHP library and Dutch docs), §3.3. */
const ACCOUNT_HEADER = /^account[-_](\d+)$/;

function signingString(call: IncomingCall, signed: string[], url: URL): string | undefined {
	const lines: string[] = [];
	for (const name of signed) {
		if (name === '(request-target)') lines.push(`${name}: post ${url.pathname}${url.search}`);
		else if (name === 'host') lines.push(`host: ${url.host}`);
		else {
			const value = header(call, name);
			if (value === undefined) return undefined;
			lines.push(`${name}: ${value.trim()}`);
		}
	}
	return lines.join('\n');
}

function refused(reason: string): Verdict {
	return { verified: false, reason };
}

export async function verifyCall(call: IncomingCall, expected: Expectations, keyFor: KeyLookUp): Promise<Verdict> {
	if (call.rawBody === undefined) return refused('the body as received is not available to check the Digest against');
	for (const name of ['digest', 'date', 'x-copernica-id', 'signature']) {
		if (header(call, name) === undefined) return refused(`the ${name} header is missing`);
	}
	if (!digestMatches(header(call, 'digest'), call.rawBody)) return refused('the Digest does not match the body');

	const date = Date.parse(header(call, 'date')!);
	if (Number.isNaN(date)) return refused('the Date header is not a date');
	if (Math.abs(expected.now - date) > MAX_CLOCK_DIFFERENCE_MS) return refused('the Date is more than 5 minutes away from now');

	const signature = parseSignatureHeader(header(call, 'signature'));
	if (signature === undefined) return refused('the Signature header cannot be read');
	if (signature.algorithm !== 'rsa-sha256') return refused('the signature algorithm is not rsa-sha256');
	const uncovered = REQUIRED_SIGNED_HEADERS.filter((name) => !signature.headers.includes(name));
	if (uncovered.length > 0) return refused(`the signature does not cover ${uncovered.join(', ')}`);
	if (new Set(signature.headers).size !== signature.headers.length) return refused('the signature lists a header twice');
	if (!COPERNICA_KEY_ID.test(signature.keyId)) return refused('the signature keyId is not a copernica.com name');

	const account = ACCOUNT_HEADER.exec(header(call, 'x-copernica-id')!.trim());
	if (account === null) return refused('the X-Copernica-ID header names no account');
	if (account[1] !== (await expected.accountId())) return refused('the X-Copernica-ID header names another account');

	const texts = expected.webhookUrls.map((webhookUrl) => ({ webhookUrl, text: signingString(call, signature.headers, new URL(webhookUrl)) }));
	if (texts.some(({ text }) => text === undefined)) return refused('a header the signature covers is missing');
	const signatureBytes = Buffer.from(signature.signature, 'base64');
	const signedFor = (keys: KeyObject[]): string | undefined =>
		texts.find(({ text }) =>
			keys.some((key) => {
				try {
					return verify('sha256', Buffer.from(text!, 'utf8'), key, signatureBytes);
				} catch {
					return false;
				}
			}),
		)?.webhookUrl;

	const first = await keyFor(signature.keyId, false);
	if (first.keys.length === 0) return refused('no key is published at the signature keyId');
	const callId = signatureBytes.toString('base64');
	const firstUrl = signedFor(first.keys);
	if (firstUrl !== undefined) return { verified: true, webhookUrl: firstUrl, callId };
	// A remembered key may have rotated since: look it up once more (publicKeys.ts limits how often).
	if (first.cached) {
		const again = await keyFor(signature.keyId, true);
		const newKeys = again.keys.filter((key) => !first.keys.includes(key));
		const againUrl = newKeys.length > 0 ? signedFor(newKeys) : undefined;
		if (againUrl !== undefined) return { verified: true, webhookUrl: againUrl, callId };
	}
	return refused('the signature does not verify with the key published at its keyId');
}
