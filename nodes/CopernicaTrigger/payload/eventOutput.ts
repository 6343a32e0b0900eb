import type { IDataObject } from 'n8n-workflow';

import type { TriggerEvent } from '../events';

/**
 * One output item per call, the same keys for every call of an event whatever Copernica left out
 * (copernica-webhooks.md §3.2 lists what each trigger sends): IDs as strings, `fields` and
 * `interests` as an object and a list, `timestamp` in ISO 8601 (from the unambiguous unix `time`;
 * Copernica's own `timestamp` has no time zone) beside the raw `time`.
 */

function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'object') return null;
	return String(value);
}

function objectOf(value: unknown): IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** A list whatever arrived: several items, one (a string), or none (the key absent). */
function listOf(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.map((item) => String(item));
	if (typeof value === 'object') return Object.values(value).map((item) => String(item));
	return [String(value)];
}

function unixTime(value: unknown): number | null {
	const seconds = Number(value);
	return value === undefined || value === null || value === '' || !Number.isFinite(seconds) ? null : seconds;
}

function isoTimestamp(time: number | null, timestamp: unknown): string | null {
	if (time !== null) return new Date(time * 1000).toISOString();
	return text(timestamp);
}

export function eventOutput(event: TriggerEvent, payload: IDataObject, rawFields?: IDataObject): IDataObject {
	const time = unixTime(payload.time);
	const common: IDataObject = {
		event: event.value,
		type: text(payload.type),
		timestamp: isoTimestamp(time, payload.timestamp),
		time,
	};
	let output: IDataObject;
	if (event.kind === 'email') {
		output = {
			...common,
			messageId: text(payload.id),
			recipient: text(payload.recipient),
			tags: listOf(payload.tags),
		};
		if (event.trigger === 'open' || event.trigger === 'click') {
			Object.assign(output, { ip: text(payload.ip), userAgent: text(payload.useragent), referer: text(payload.referer) });
		}
		if (event.trigger === 'click') output.link = text(payload.original);
		if (event.trigger === 'bounce') output.bounce = { envelope: text(payload.envelope), message: text(payload.mime) };
		if (event.trigger === 'failure') {
			output.failure = {
				action: text(payload.action),
				state: text(payload.state),
				code: text(payload.code),
				extended: text(payload.extended),
				description: text(payload.description),
			};
		}
	} else {
		output = {
			...common,
			database: text(payload.database),
			collection: text(payload.collection),
			profileId: text(payload.profile),
			subprofileId: text(payload.subprofile),
			fields: objectOf(payload.fields),
		};
		if (event.kind === 'profile') output.interests = listOf(payload.interests);
		if (event.trigger !== 'delete') {
			Object.assign(output, {
				parameters: objectOf(payload.parameters),
				created: text(payload.created),
				modified: text(payload.modified),
			});
		}
	}
	if (rawFields !== undefined) output.raw = rawFields;
	return output;
}
