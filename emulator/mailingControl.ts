import { decodeComponent } from './http';
import type { StoredMailing } from './mailingStore';
import type { CopernicaEmulator } from './server';
import type { ControlAnswer } from './webhookControl';

/**
 * The control API's mailing part (under /__emulator/): what tests need to see of the mailings
 * beyond the REST API, and what a large account needs. test/harness/emulatorClient.ts has a
 * method for each.
 *
 * - GET mailings: every mailing sent or scheduled, both suites, with its destination count.
 * - GET mailings/{id}/destinations, GET mailings/{id}/events: a mailing's, as stored.
 * - GET mailings/scheduled: the scheduled mailings (`POST ms/scheduledemailing`).
 * - GET mailings/events: every event, REST unsubscribes (no mailing) included.
 * - POST mailings/scheduled/{id}/send: sends a scheduled mailing now, as its start would → the mailing.
 *   (The store's clock moves a second per call from 2026-01-01, so a start to come never passes
 *   by itself unless PUT clock moves it there, and an `rrule` is kept but never repeats.)
 * - PUT mailings/senderdomains `["example.com", …]`: the configured sender domains (until the next reset).
 * - PUT clock `{"now":"YYYY-MM-DD HH:MM:SS"}`: the store's clock; what is sent next is sent then
 *   (until the next reset, which starts it at 2026-01-01 again).
 * - POST profiles/{database} `{"count":n,"fields"?:{…}}`: n profiles at once, `{n}` in a text
 *   value replaced by 1…n → `{"count":n,"first":id,"last":id}`. As seeded data, no webhook hears of them.
 */

/** A mailing as the control API shows it: the number of its destinations instead of the list. */
const counted = ({ destinations, ...mailing }: StoredMailing) => ({ ...mailing, destinations: destinations.length });

const notFound = (message: string): ControlAnswer => ({ status: 404, body: { error: { message } } });

export function mailingControl(emulator: CopernicaEmulator, method: string, path: string, body: unknown): ControlAnswer | undefined {
	const { mailings, store } = emulator;
	if (method === 'GET' && path === 'mailings') {
		return { status: 200, body: mailings.mailings.map(counted) };
	}
	if (method === 'GET' && path === 'mailings/scheduled') return { status: 200, body: mailings.scheduled };
	if (method === 'GET' && path === 'mailings/events') return { status: 200, body: mailings.events };
	const scheduled = /^mailings\/scheduled\/(\d+)\/send$/.exec(path);
	if (method === 'POST' && scheduled) {
		const found = mailings.scheduled.find((candidate) => candidate.ID === Number(scheduled[1]));
		if (!found) return notFound(`No scheduled mailing ${scheduled[1]}`);
		return { status: 200, body: counted(mailings.sendScheduled(found)) };
	}
	if (method === 'PUT' && path === 'mailings/senderdomains') {
		const domains = Array.isArray(body) ? body : undefined;
		if (!domains || domains.some((domain) => typeof domain !== 'string')) return { status: 400, body: { error: { message: 'Send an array of domain names' } } };
		mailings.senderDomains = domains as string[];
		return { status: 204 };
	}
	const ofMailing = /^mailings\/(\d+)\/(destinations|events)$/.exec(path);
	if (method === 'GET' && ofMailing) {
		const mailing = mailings.mailings.find((candidate) => candidate.ID === Number(ofMailing[1]));
		if (!mailing) return notFound(`No mailing ${ofMailing[1]}`);
		const answer = ofMailing[2] === 'destinations' ? mailing.destinations : mailings.events.filter((event) => event.mailing === mailing.ID);
		return { status: 200, body: answer };
	}
	if (method === 'PUT' && path === 'clock') {
		const now = (body ?? {}) as { now?: unknown };
		if (typeof now.now !== 'string' || !store.setClock(now.now)) return { status: 400, body: { error: { message: 'Send {"now": "YYYY-MM-DD HH:MM:SS"}' } } };
		return { status: 204 };
	}
	if (method === 'POST' && path.startsWith('profiles/')) {
		const database = store.databases.find((candidate) => String(candidate.ID) === decodeComponent(path.slice('profiles/'.length)) || candidate.name === decodeComponent(path.slice('profiles/'.length)));
		if (!database) return notFound(`No database ${path.slice('profiles/'.length)}`);
		const { count, fields = {} } = (body ?? {}) as { count?: unknown; fields?: Record<string, unknown> };
		const wanted = Number(count);
		if (!Number.isInteger(wanted) || wanted < 1) return { status: 400, body: { error: { message: 'count must be a positive integer' } } };
		const ids: number[] = [];
		for (let n = 1; n <= wanted; n++) {
			const filled = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, typeof value === 'string' ? value.replace(/\{n\}/g, String(n)) : value]));
			ids.push(store.createProfile(database, filled, []).ID);
		}
		store.takeChanges();
		return { status: 200, body: { count: wanted, first: ids[0], last: ids[ids.length - 1] } };
	}
	return undefined;
}
