import type { StoreChange } from './store';
import { timestamp } from './store';

/**
 * What a webhook call carries (copernica-webhooks.md §3.2), and how it is encoded: "sent with
 * the application/x-www-form-urlencoded content type. Associative arrays such as 'parameters'
 * and 'fields' are sent per key-value pair, e.g. parameters[key]=value. Arrays such as
 * 'interests' are sent per item, e.g. interests[]=xyz."
 */

export type PayloadValue = string | number | boolean | null | undefined | unknown[] | Record<string, unknown>;
export type Payload = Record<string, PayloadValue>;

export const FORM = 'application/x-www-form-urlencoded';

/** The mailing triggers (§3.1), fired by sent mailings (mailingStore.ts) or through the control API. */
export const MAILING_TRIGGERS = ['click', 'delivery', 'open', 'bounce', 'failure'];

/** PHP's string cast, as for stored values: true is "1", false and null "". */
function text(value: unknown): string {
	return value === null || value === undefined || value === false ? '' : value === true ? '1' : String(value);
}

/**
 * `key=v`, `key[sub]=v` per pair, `key[]=v` per item; an empty list or object sends nothing,
 * so a profile without interests has no `interests` key at all. Brackets go out
 * percent-encoded and spaces as `+`, as PHP's http_build_query writes them.
 */
export function formBody(payload: Payload): string {
	const form = new URLSearchParams();
	for (const [key, value] of Object.entries(payload)) {
		if (value === undefined) continue;
		if (Array.isArray(value)) for (const item of value) form.append(`${key}[]`, text(item));
		else if (value !== null && typeof value === 'object') {
			for (const [name, item] of Object.entries(value)) form.append(`${key}[${name}]`, text(item));
		} else form.append(key, text(value));
	}
	return form.toString();
}

/** `timestamp` (`YYYY-MM-DD HH:MM:SS`, UTC: the docs name no zone) and `time` (unix seconds). */
function when(atMs: number): Payload {
	return { timestamp: timestamp(new Date(atMs)), time: Math.floor(atMs / 1000) };
}

/** A (sub)profile create, update or delete, in the order of the variable tables of §3.2. */
export function changePayload(change: StoreChange): Payload {
	const sub = change.subprofile !== undefined;
	const ids: Payload = sub
		? { profile: change.profile, subprofile: change.subprofile, database: change.database, collection: change.collection }
		: { profile: change.profile, database: change.database };
	if (change.type === 'delete') return { type: 'delete', ...when(change.atMs), ...ids, fields: change.fields };
	return {
		type: change.type,
		parameters: change.parameters as Record<string, unknown> | undefined,
		...when(change.atMs),
		...ids,
		created: change.created,
		modified: change.modified,
		fields: change.fields,
		// Subprofiles have no interests (§3.2).
		interests: sub ? undefined : change.interests,
	};
}

/** What each mailing event carries besides id, type, timestamp and time (§3.2), with sample values. */
const MAILING_DEFAULTS: Record<string, Payload> = {
	open: { recipient: 'anna@example.com', ip: '192.0.2.10', useragent: 'Mozilla/5.0', referer: '', tags: [] },
	click: { recipient: 'anna@example.com', ip: '192.0.2.10', useragent: 'Mozilla/5.0', referer: '', original: 'https://example.com/', tags: [] },
	delivery: { recipient: 'anna@example.com', tags: [] },
	bounce: { recipient: 'anna@example.com', envelope: 'MAILER-DAEMON@example.com', mime: 'From: MAILER-DAEMON@example.com\r\n\r\nUndeliverable', tags: [] },
	failure: { recipient: 'anna@example.com', action: 'failed', state: 'rcpt', code: '550', extended: '5.1.1', description: 'User unknown', tags: [] },
};

/** An open, click, delivery, bounce or failure: the sample values, with `fields` replacing or adding variables. */
export function mailingPayload(trigger: string, fields: Payload, atMs = Date.now()): Payload {
	return { id: '1', type: trigger, ...when(atMs), ...MAILING_DEFAULTS[trigger], ...fields };
}
