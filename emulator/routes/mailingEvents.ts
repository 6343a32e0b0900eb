import type { ApiRequest, ApiResponse, Query } from '../http';
import { paged, queryValue, selectionOf } from '../http';
import type { EventKind, StoredDestination, StoredEvent, StoredMailing } from '../mailingStore';
import { EVENT_KINDS, destinationMatches, inWindow } from '../mailingStore';
import { CopernicaError, isBooleanTrue } from '../store';
import type { RouteContext } from './context';
import { suiteOf } from './context';

/**
 * What happened to a mailing (copernica-mailings.md §4.2 "Mailing lists and statistics"):
 * `ms/emailing/{id}/statistics`, `…/destinations`, `…/{deliveries,impressions,clicks,errors,
 * unsubscribes,abuses}`, the account-wide `ms/{deliveries,…}`, the Publisher equivalents, and
 * per profile `profile/{id}/ms/destinations`, `profile/{id}/publisher/destinations`,
 * `subprofile/{id}/ms/destinations` (v4 paths as routes/context.ts suiteOf). The events are
 * those mailingStore.ts eventsOf() generates. Undefined: not one of these paths.
 *
 * `begintime`/`endtime` (`YYYY-MM-DD HH:MM:SS`) bound the events, both ends included; docs
 * silent, the worse case of each: an unreadable time is the zero date (copernica-api.md §5),
 * so `begintime=garbage` keeps every event and `endtime=garbage` none.
 */

const ids = (value: number | null) => (value === null ? null : String(value));

/** The shapes of §4.2: clicks with link, ip, useragent; impressions also device; errors (bounces) status and codes; unsubscribes source and success. */
function eventJson(event: StoredEvent) {
	const base = { ID: String(event.ID), mailing: ids(event.mailing), timestamp: event.timestamp, destination: ids(event.destination), profile: String(event.profile), subprofile: ids(event.subprofile) };
	switch (event.kind) {
		case 'impressions':
			return { ...base, ip: '192.0.2.10', useragent: 'Mozilla/5.0', device: 'desktop' };
		case 'clicks':
			return { ...base, link: event.link, ip: '192.0.2.10', useragent: 'Mozilla/5.0' };
		case 'errors':
			return { ...base, status: 'bounce', errorcode: '550', description: 'User unknown', errortype: 'hard' };
		case 'unsubscribes':
			return { ...base, source: event.source, success: true };
		default:
			return base;
	}
}

/**
 * An account-wide event (`ms/{kind}`): only what §4.2 documents for those lists
 * (`rest-get-ms-unsubscribes`: ID, mailing, timestamp, destination, source), no profile to join on.
 */
function accountEventJson(event: StoredEvent) {
	const { ID, mailing, timestamp, destination } = eventJson(event);
	return { ID, mailing, timestamp, destination, ...(event.kind === 'unsubscribes' ? { source: event.source } : {}) };
}

/** `unique` (clicks, unsubscribes, §4.2): the first event of each destination only. */
function eventList(events: StoredEvent[], kind: EventKind, query: Query, shape: (event: StoredEvent) => unknown = eventJson): ApiResponse {
	const begin = queryValue(query, 'begintime');
	const end = queryValue(query, 'endtime');
	let chosen = events.filter((event) => event.kind === kind && inWindow(event, begin, end));
	if ((kind === 'clicks' || kind === 'unsubscribes') && isBooleanTrue(queryValue(query, 'unique'))) {
		const seen = new Set<string>();
		chosen = chosen.filter((event) => {
			const key = String(event.destination ?? `profile ${event.profile}`);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
	}
	return { status: 200, body: paged(chosen.map(shape), query) };
}

/** The order in which a destination's results dominate one another (docs silent on `dominant_results`: the strongest result each destination had). */
const DOMINANCE: EventKind[] = ['abuses', 'unsubscribes', 'clicks', 'impressions', 'deliveries', 'errors'];

/**
 * `{destinations, deliveries{total}, errors{total,unique}, …, unknown{total}, dominant_results{…}}` (§4.2
 * `rest-get-ms-emailing-statistics`). Counts as strings: the docs do not type them, and Copernica returns
 * everything as a string elsewhere (copernica-api.md §3.1), so a client adding them up must convert.
 */
function statistics(mailing: StoredMailing, events: StoredEvent[], query: Query) {
	const begin = queryValue(query, 'begintime');
	const end = queryValue(query, 'endtime');
	const inside = events.filter((event) => inWindow(event, begin, end));
	const byKind = (kind: EventKind) => inside.filter((event) => event.kind === kind);
	const counts = (kind: EventKind) => ({ total: String(byKind(kind).length), unique: String(new Set(byKind(kind).map((event) => event.destination)).size) });
	const results = new Map<number, Set<EventKind>>();
	for (const event of inside) {
		const kinds = results.get(event.destination!) ?? new Set<EventKind>();
		kinds.add(event.kind);
		results.set(event.destination!, kinds);
	}
	const tally: Record<string, number> = Object.fromEntries(DOMINANCE.map((kind) => [kind, 0]));
	for (const kinds of results.values()) tally[DOMINANCE.find((kind) => kinds.has(kind))!]++;
	const dominant = Object.fromEntries(Object.entries(tally).map(([kind, count]) => [kind, String(count)]));
	return {
		destinations: String(mailing.destinations.length),
		deliveries: { total: String(byKind('deliveries').length) },
		errors: counts('errors'),
		impressions: counts('impressions'),
		clicks: counts('clicks'),
		unsubscribes: counts('unsubscribes'),
		abuses: counts('abuses'),
		unknown: { total: String(mailing.destinations.length - results.size) },
		dominant_results: dominant,
	};
}

/** `{ID, mailing, timestampsent, profile, subprofile}`; `fields[]` on `timestampsent`; `Unsubscribed=true` (that spelling: parameter names are case-sensitive, copernica-api.md §2.3) only those that unsubscribed. */
function destinationList(context: RouteContext, destinations: StoredDestination[], query: Query): ApiResponse {
	const selection = selectionOf(query) ?? [];
	const unsubscribedOnly = isBooleanTrue(queryValue(query, 'Unsubscribed'));
	const unsubscribed = new Set(context.mailings.events.filter((event) => event.kind === 'unsubscribes').map((event) => event.destination));
	const chosen = destinations.filter((destination) => destinationMatches(destination, selection) && (!unsubscribedOnly || unsubscribed.has(destination.ID)));
	const json = chosen.map((destination) => ({
		ID: String(destination.ID),
		mailing: String(destination.mailing),
		timestampsent: destination.timestampsent,
		profile: String(destination.profile),
		subprofile: ids(destination.subprofile),
	}));
	return { status: 200, body: paged(json, query) };
}

const isKind = (segment: string | undefined): segment is EventKind => (EVENT_KINDS as readonly string[]).includes(segment ?? '');

export function mailingEventRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments, query } = request;
	if (method !== 'GET') return undefined;
	const { mailings, store } = context;
	const [first, second, third, fourth] = segments;
	if ((first === 'profile' || first === 'subprofile') && second && fourth === 'destinations') {
		const suite = suiteOf(context, third);
		if (suite === undefined) return undefined;
		const entity = first === 'profile' ? store.profile(second) : store.subprofile(second);
		const received = mailings.mailings
			.filter((mailing) => mailing.suite === suite)
			.flatMap((mailing) => mailing.destinations)
			.filter((destination) => (first === 'profile' ? destination.profile : destination.subprofile) === entity.ID);
		return destinationList(context, received, query);
	}
	const suite = suiteOf(context, first);
	if (suite === undefined) return undefined;
	const ofSuite = mailings.events.filter((event) => event.suite === suite);
	if (isKind(second) && !third) return eventList(ofSuite, second, query, accountEventJson);
	if (second !== 'emailing' || !third || !fourth) return undefined;
	const mailing = mailings.mailing(suite, third);
	const events = ofSuite.filter((event) => event.mailing === mailing.ID);
	if (fourth === 'statistics') return { status: 200, body: statistics(mailing, events, query) };
	if (fourth === 'destinations') return destinationList(context, mailing.destinations, query);
	if (isKind(fourth)) return eventList(events, fourth, query);
	throw new CopernicaError('Invalid method');
}
