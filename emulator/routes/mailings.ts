import type { ApiRequest, ApiResponse, Query } from '../http';
import { bodyParameters, paged, queryValue } from '../http';
import type { StoredMailing, StoredScheduledMailing, Suite, TargetType } from '../mailingStore';
import { TARGET_TYPES } from '../mailingStore';
import { phpDate, phpInt } from '../selection';
import { CopernicaError, isBooleanTrue } from '../store';
import type { RouteContext } from './context';
import { createdHeaders, suiteOf } from './context';

/**
 * Sending and listing mailings (copernica-mailings.md §4.2 "Sending mailings", "Mailing lists
 * and statistics", "Per profile"): `POST ms/emailing`, `POST ms/scheduledemailing`,
 * `GET ms/scheduledemailings`, `POST publisher/emailing`, `GET ms/emailings`,
 * `GET ms/emailing/{id}` (and the Publisher ones), `GET profile/{id}/ms/emailings` and
 * `subprofile/{id}/ms/emailings`. v4 paths as routes/context.ts suiteOf. Events, statistics
 * and destinations: routes/mailingEvents.ts. Undefined: not one of these paths.
 *
 * What a send answers is UNCONFIRMED ("the id of created request", body or header not said,
 * §4.2); the worse case for a client, as the other creates (copernica-api.md §4.1): 201, the
 * ID only in X-Created and Location, an empty body. For `POST ms/emailing` that ID is the
 * request's, not the mailing's (mailingStore.ts SEQUENCE_STARTS); Publisher's answers "the
 * created ID", the mailing's; a scheduled one's is the scheduled mailing's. A template (or
 * document) that cannot go out is no refusal: the mailing fails (mailingStore.ts problemOf).
 * The refusals' texts are the emulator's own (docs silent), each a 400 with Copernica's error
 * body (copernica-api.md §4.2).
 */

/** A required parameter, read as PHP casts it to a number (`"12abc"` is 12; docs silent, the worse case). */
function requiredId(parameters: Record<string, unknown>, name: string): number {
	const value = parameters[name];
	if (value === undefined || value === null || value === '') throw new CopernicaError(`Parameter ${name} is required`);
	return phpInt(String(value));
}

function requiredTarget(parameters: Record<string, unknown>): { targetType: TargetType; target: number } {
	const target = requiredId(parameters, 'target');
	const targetType = parameters.targettype;
	if (targetType === undefined || targetType === '') throw new CopernicaError('Parameter targettype is required');
	if (!TARGET_TYPES.includes(String(targetType) as TargetType)) throw new CopernicaError('Invalid targettype');
	return { targetType: String(targetType) as TargetType, target };
}

/**
 * The template to send. One without a subject or from address, or off the configured sender
 * domains, is not refused here: its mailing fails (mailingStore.ts problemOf).
 */
function templateOf(context: RouteContext, parameters: Record<string, unknown>) {
	return context.mailings.template(requiredId(parameters, 'template'));
}

/** `settings` as a JSON object, or form keys `settings[name]`. */
function settingsOf(parameters: Record<string, unknown>): Record<string, unknown> {
	const nested = parameters.settings;
	if (nested && typeof nested === 'object' && !Array.isArray(nested)) return nested as Record<string, unknown>;
	const flat: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(parameters)) {
		const name = /^settings\[(\w+)\]$/.exec(key)?.[1];
		if (name) flat[name] = value;
	}
	return flat;
}

function sent(context: RouteContext, id: number, path: string): ApiResponse {
	return { status: 201, headers: createdHeaders(context, id, path) };
}

function send(context: RouteContext, suite: Suite, parameters: Record<string, unknown>): ApiResponse {
	const { mailings } = context;
	const prefix = context.version === 'v4' ? (suite === 'ms' ? 'draganddrop' : 'html') : suite;
	if (suite === 'ms') {
		const template = templateOf(context, parameters);
		const target = requiredTarget(parameters);
		// "the id of created request" (§4.2): a request's ID, not the mailing's (mailingStore.ts SEQUENCE_STARTS).
		const request = mailings.newId('request');
		mailings.sendTemplate(template, target, request);
		return sent(context, request, `${prefix}/emailing`);
	}
	const target = requiredTarget(parameters);
	// A document off the configured sender domains fails as a template does (mailingStore.ts problemOf).
	const document = mailings.document(requiredId(parameters, 'document'));
	const settings = settingsOf(parameters);
	// `test`: docs silent on what a test mailing does; the worse case, it goes to the target as any other.
	const test = isBooleanTrue(settings.test === undefined ? undefined : String(settings.test));
	const start = settings.start;
	const fields = { suite, source: document.ID, subject: document.subject, fromName: document.fromName, fromEmail: document.fromEmail, test, description: String(settings.description ?? ''), ...target };
	// `start`: a date, or false for now (§4.2); one still to come is listed as scheduled, with no destinations yet
	// (whether it can go out is decided at its start, which the emulator's clock does not reach).
	if (start !== undefined && start !== false && start !== 'false' && start !== '' && !mailings.isPast(String(start))) {
		mailings.checkTarget(target.targetType, target.target);
		const mailing: StoredMailing = { ...fields, ID: mailings.newId('mailing'), type: 'mass', timestamp: phpDate(String(start), true), status: 'scheduled', destinations: [] };
		mailings.mailings.push(mailing);
		return sent(context, mailing.ID, `${prefix}/emailing`);
	}
	// "the created ID" (§4.2 `rest-post-publisher-emailing`): the mailing's.
	return sent(context, mailings.send(fields).ID, `${prefix}/emailing`);
}

/** `POST ms/scheduledemailing` (§4.2): `start` `YYYY-MM-DD HH:MM:SS`; a start in the past sends now. `rrule` kept as given. */
function schedule(context: RouteContext, parameters: Record<string, unknown>): ApiResponse {
	const { mailings } = context;
	const template = templateOf(context, parameters);
	const target = requiredTarget(parameters);
	const startValue = parameters.start;
	if (startValue === undefined || startValue === '') throw new CopernicaError('Parameter start is required');
	// An unreadable start is the zero date (copernica-api.md §5 dates), in the past: docs silent, the worse case, it sends now.
	const start = phpDate(String(startValue), true);
	mailings.checkTarget(target.targetType, target.target);
	const scheduled = mailings.schedule({ template: template.ID, ...target, start, rrule: String(parameters.rrule ?? '') });
	if (mailings.isPast(start)) mailings.sendScheduled(scheduled);
	return sent(context, scheduled.ID, `${context.version === 'v4' ? 'draganddrop' : 'ms'}/scheduledemailing`);
}

/** docs silent on the shape: the parameters it was given, the mailing it became (if sent). */
function scheduledJson(scheduled: StoredScheduledMailing) {
	return {
		ID: String(scheduled.ID),
		template: String(scheduled.template),
		target: { type: scheduled.targetType, sources: [String(scheduled.target)] },
		start: scheduled.start,
		rrule: scheduled.rrule,
		emailing: scheduled.mailing === undefined ? null : String(scheduled.mailing),
	};
}

/**
 * `{id, timestamp, template, subject, from_address{name,email}, destinations, type, target{type, sources[]}}` (§4.2), plus `tags` for one.
 * No `status`: the documented answer has none, though the list filters on it (status all/sent/
 * failed/cancelled). docs silent on whether Copernica adds it; the worse case, it does not: a
 * failed mailing looks like one sent to nobody, and only the status filter tells them apart.
 */
export function mailingJson(context: RouteContext, mailing: StoredMailing, one = false) {
	const base = {
		id: String(mailing.ID),
		timestamp: mailing.timestamp,
		[mailing.suite === 'ms' ? 'template' : 'document']: String(mailing.source),
		subject: mailing.subject,
		from_address: { name: mailing.fromName, email: mailing.fromEmail },
		destinations: String(mailing.destinations.length),
		type: mailing.type,
		target: { type: mailing.targetType, sources: [String(mailing.target)] },
	};
	const tagged = one ? { ...base, tags: [] } : base;
	if (mailing.suite === 'ms') return tagged;
	// The Publisher list's counters (§4.2 "Publisher mailings"), from the events.
	const count = (kind: string) => String(context.mailings.events.filter((event) => event.mailing === mailing.ID && event.kind === kind).length);
	return {
		...tagged,
		clicks: count('clicks'),
		impressions: count('impressions'),
		errors: count('errors'),
		unsubscribes: count('unsubscribes'),
		abuses: count('abuses'),
		testgroups: [],
		finalgroup: null,
		contenttype: 'html',
		test: mailing.test,
		description: mailing.description,
	};
}

/**
 * The `GET ms/emailings` filters (§4.2): `type` (mass/individual), `status` (all/sent/failed/
 * cancelled; default sent), `fromdate`/`todate` and `fromid`/`toid`, `mindestinations`/
 * `maxdestinations`, and for Publisher `test` (yes/no/both). A value it cannot read is
 * ignored. docs silent on the rest, each the worse case: the bounds are inclusive; a date
 * alone is its midnight (`todate=2026-01-01` leaves out that day's mailings); Publisher's
 * `test` defaults to `no` (a test mailing is found only with test=yes or both).
 */
export function filteredMailings(mailings: StoredMailing[], query: Query, suite: Suite): StoredMailing[] {
	const read = (name: string) => queryValue(query, name);
	const type = read('type');
	const status = read('status') ?? 'sent';
	const test = suite === 'publisher' ? (read('test') ?? 'no') : 'both';
	const fromDate = read('fromdate');
	const toDate = read('todate');
	const number = (name: string) => {
		const value = read(name);
		return value === undefined || !/^\s*\d/.test(value) ? undefined : phpInt(value);
	};
	const [fromId, toId, minDestinations, maxDestinations] = ['fromid', 'toid', 'mindestinations', 'maxdestinations'].map(number);
	return mailings.filter(
		(mailing) =>
			mailing.suite === suite &&
			(type !== 'mass' && type !== 'individual' ? true : mailing.type === type) &&
			(status === 'all' ? true : ['sent', 'failed', 'cancelled'].includes(status) ? mailing.status === status : mailing.status === 'sent') &&
			(test === 'yes' ? mailing.test : test === 'both' ? true : !mailing.test) &&
			(fromDate === undefined || mailing.timestamp >= phpDate(fromDate, true)) &&
			(toDate === undefined || mailing.timestamp <= phpDate(toDate, true)) &&
			(fromId === undefined || mailing.ID >= fromId) &&
			(toId === undefined || mailing.ID <= toId) &&
			(minDestinations === undefined || mailing.destinations.length >= minDestinations) &&
			(maxDestinations === undefined || mailing.destinations.length <= maxDestinations),
	);
}

export function mailingRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments, query } = request;
	const { mailings, store } = context;
	const [first, second, third, fourth] = segments;
	// profile/{id}/ms/emailings, subprofile/{id}/ms/emailings (§4.2 "Per profile").
	if ((first === 'profile' || first === 'subprofile') && second && fourth === 'emailings' && method === 'GET') {
		const suite = suiteOf(context, third);
		if (suite === undefined) return undefined;
		const entity = first === 'profile' ? store.profile(second) : store.subprofile(second);
		const received = mailings.mailings.filter((mailing) =>
			mailing.destinations.some((destination) => (first === 'profile' ? destination.profile : destination.subprofile) === entity.ID),
		);
		return { status: 200, body: paged(filteredMailings(received, query, suite).map((mailing) => mailingJson(context, mailing)), query) };
	}
	const suite = suiteOf(context, first);
	if (suite === undefined || fourth !== undefined) return undefined;
	if (method === 'POST' && second === 'emailing' && !third) return send(context, suite, bodyParameters(request.body));
	if (suite === 'ms' && method === 'POST' && second === 'scheduledemailing' && !third) return schedule(context, bodyParameters(request.body));
	if (method !== 'GET') return undefined;
	if (second === 'emailings' && !third) {
		return { status: 200, body: paged(filteredMailings(mailings.mailings, query, suite).map((mailing) => mailingJson(context, mailing)), query) };
	}
	if (second === 'emailing' && third) return { status: 200, body: mailingJson(context, mailings.mailing(suite, third), true) };
	if (suite === 'ms' && second === 'scheduledemailings' && !third) return { status: 200, body: paged(mailings.scheduled.map(scheduledJson), query) };
	if (suite === 'ms' && second === 'scheduledemailing' && third) {
		const found = mailings.scheduled.find((scheduled) => String(scheduled.ID) === third);
		if (!found) throw new CopernicaError('No scheduled emailing with supplied ID');
		return { status: 200, body: scheduledJson(found) };
	}
	return undefined;
}
