import type { AxiosInstance } from 'axios';

import { restApi, restApiV4, restApiVersions, useEmulator } from '../harness/fixture';
import { sampleIds } from '../harness/sampleIds';

/**
 * The emulator's mailings (copernica-mailings.md §4.1, §4.2), over HTTP on the v3 paths
 * (`ms/`, `publisher/`) and the v4 ones (`draganddrop/`, `html/`). Events follow the rule of
 * emulator/mailingStore.ts eventsOf(), restated here on its own so a change to either shows.
 */
const copernica = useEmulator();

const VERSIONS = restApiVersions(copernica);

const WELCOME = Number(sampleIds.template('Welcome'));
const SPRING_SALE = Number(sampleIds.template('Spring sale'));
const DRAFT = Number(sampleIds.template('Draft'));
const LAYOUT = sampleIds.publisherTemplate('Newsletter layout');
const JANUARY = Number(sampleIds.document('Newsletter January'));
const FEBRUARY = Number(sampleIds.document('Newsletter February'));

/** The documented rule: ID%7 an error instead of a delivery; else a delivery, ID%3 an impression, ID%5 a click (ID%10 two), ID%11 an unsubscribe, ID%13 an abuse. */
function expectedEvents(id: number): Record<string, number> {
	if (id % 7 === 0) return { errors: 1 };
	return {
		deliveries: 1,
		impressions: id % 3 === 0 ? 1 : 0,
		clicks: (id % 5 === 0 ? 1 : 0) + (id % 10 === 0 ? 1 : 0),
		unsubscribes: id % 11 === 0 ? 1 : 0,
		abuses: id % 13 === 0 ? 1 : 0,
	};
}

function expectedTotals(ids: number[]): Record<string, number> {
	const totals: Record<string, number> = { deliveries: 0, errors: 0, impressions: 0, clicks: 0, unsubscribes: 0, abuses: 0 };
	for (const id of ids) for (const [kind, count] of Object.entries(expectedEvents(id))) totals[kind] += count;
	return totals;
}

/** Customers' ID and its profiles' IDs, by customerid. */
async function customers(api: AxiosInstance): Promise<{ database: string; ids: Record<string, string> }> {
	const database = (await api.get('/database/Customers')).data.ID as string;
	const profiles = (await api.get('/database/Customers/profiles')).data.data as Array<{ ID: string; fields: { customerid: string } }>;
	return { database, ids: Object.fromEntries(profiles.map((profile) => [profile.fields.customerid, profile.ID])) };
}

/**
 * `count` customers more, M-1 on (IDs from 1005: profiles have an ID sequence of their own, and
 * the sample's five take 1000–1004), for a test that needs events the sample's four customers
 * (1000–1003: two clicks, a bounce, an open, a delivery) do not have. The tests' totals are
 * checked against expectedTotals of the IDs the emulator gave, so a shift in them shows.
 */
async function moreCustomers(count: number): Promise<void> {
	await copernica.client.addProfiles('Customers', count, { customerid: 'M-{n}', email: 'more{n}@example.com' });
}

/** POST {ms}/emailing and the ID of the mailing it sent: the answer carries the request's ID (emulator/mailingStore.ts SEQUENCE_STARTS). */
async function sendMs(api: AxiosInstance, ms: string, body: Record<string, unknown>): Promise<string> {
	const answer = await api.post(`/${ms}/emailing`, body);
	expect(answer.status).toBe(201);
	return await copernica.client.mailingOfRequest(answer.headers['x-created']);
}

/** A second later, as the store's clock ticks, plus `seconds`. */
function later(stamp: string, seconds: number): string {
	return new Date(Date.parse(`${stamp.replace(' ', 'T')}Z`) + seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

describe.each(VERSIONS)('templates on %s', (_version, paths) => {
	it('lists Marketing Suite templates with the documented shape and filters, and one by ID', async () => {
		const { api, ms } = await paths();
		const all = await api.get(`/${ms}/templates`);
		expect(all.status).toBe(200);
		expect(all.data).toMatchObject({ start: 0, limit: 100, count: 3, total: 3 });
		expect(all.data.data[0]).toEqual({
			id: String(WELCOME),
			name: 'Welcome',
			from_address: { name: 'Web shop', email: 'shop@example.com' },
			subject: 'Welcome to the shop',
			type: 'html',
			archived: false,
			directory: 'Onboarding',
		});
		const names = async (query: string) => (await api.get(`/${ms}/templates?${query}`)).data.data.map((template: { name: string }) => template.name);
		expect(await names('type=json')).toEqual(['Spring sale', 'Draft']);
		expect(await names('keyword=SALE')).toEqual(['Spring sale']);
		expect(await names('name=draft')).toEqual(['Draft']);
		expect(await names('created_after=2025-12-02')).toEqual([]);
		expect(await names('created_before=garbage')).toEqual([]);
		expect((await api.get(`/${ms}/template/${DRAFT}`)).data).toMatchObject({ id: String(DRAFT), subject: '', from_address: { name: '', email: '' } });
		const missing = await api.get(`/${ms}/template/99`);
		expect([missing.status, missing.data]).toEqual([400, { error: { message: 'No template with supplied ID' } }]);
	});

	it('lists Publisher templates, their documents and one document', async () => {
		const { api, publisher } = await paths();
		const templates = (await api.get(`/${publisher}/templates`)).data;
		expect(templates.data).toEqual([{ ID: LAYOUT, name: 'Newsletter layout', description: 'Monthly newsletter', created: '2025-12-01 09:00:00' }]);
		expect((await api.get(`/${publisher}/template/${LAYOUT}`)).data.name).toBe('Newsletter layout');
		const documents = (await api.get(`/${publisher}/template/${LAYOUT}/documents`)).data;
		expect(documents).toMatchObject({ count: 2, total: 2 });
		expect(documents.data.map((document: { name: string }) => document.name)).toEqual(['Newsletter January', 'Newsletter February']);
		expect((await api.get(`/${publisher}/document/${JANUARY}`)).data).toEqual({
			ID: String(JANUARY),
			name: 'Newsletter January',
			template: LAYOUT,
			subject: 'News for January',
			from_address: { name: 'Web shop', email: 'news@example.com' },
			created: '2025-12-01 09:00:00',
		});
		const missing = await api.get(`/${publisher}/document/99`);
		expect([missing.status, missing.data]).toEqual([400, { error: { message: 'No document with supplied ID' } }]);
	});
});

describe('the v3 and v4 prefixes', () => {
	it('v4 answers the old ms/ and publisher/ prefixes, and v3 the new ones, with Invalid method', async () => {
		const v3 = restApi(copernica);
		const v4 = await restApiV4(copernica);
		const invalid = [400, { error: { message: 'Invalid method' } }];
		for (const [api, path] of [
			[v4, '/ms/templates'],
			[v4, '/publisher/emailings'],
			[v3, '/draganddrop/templates'],
			[v3, '/html/emailings'],
		] as const) {
			const answer = await api.get(path);
			expect([answer.status, answer.data]).toEqual(invalid);
		}
		const { ids } = await customers(v3);
		const post = await v4.post('/ms/emailing', { target: ids['C-1001'], targettype: 'profile', template: WELCOME });
		expect([post.status, post.data]).toEqual(invalid);
		const perProfile = await v4.get(`/profile/${ids['C-1001']}/ms/destinations`);
		expect([perProfile.status, perProfile.data]).toEqual(invalid);
		expect(await copernica.client.mailings()).toEqual([]);
	});
});

describe.each(VERSIONS)('sending Marketing Suite mailings on %s', (version, paths) => {
	it('sends to a database: 201, the request\'s ID only in X-Created and Location, one destination per live profile', async () => {
		const { api, ms } = await paths();
		const { database, ids } = await customers(api);
		const sent = await api.post(`/${ms}/emailing`, { target: database, targettype: 'database', template: WELCOME });
		expect(sent.status).toBe(201);
		expect(sent.data).toBe('');
		const request = sent.headers['x-created'];
		expect(sent.headers.location).toBe(`${copernica.emulator.baseUrl}/${ms}/emailing/${request}`);
		const id = String((await copernica.client.mailings())[0].ID);
		const mailing = (await api.get(`/${ms}/emailing/${id}`)).data;
		expect(mailing).toEqual({
			id,
			timestamp: expect.stringMatching(/^2026-01-01 \d\d:\d\d:\d\d$/),
			template: String(WELCOME),
			subject: 'Welcome to the shop',
			from_address: { name: 'Web shop', email: 'shop@example.com' },
			destinations: '4',
			type: 'mass',
			target: { type: 'database', sources: [database] },
			tags: [],
		});
		const destinations = (await api.get(`/${ms}/emailing/${id}/destinations`)).data;
		expect(destinations).toMatchObject({ count: 4, total: 4 });
		expect(destinations.data.map((destination: { profile: string }) => destination.profile)).toEqual(Object.values(ids));
		expect(destinations.data[0]).toEqual({ ID: expect.any(String), mailing: id, timestampsent: mailing.timestamp, profile: ids['C-1001'], subprofile: null });
		const stored = await copernica.client.mailings();
		expect(stored.map((entry) => [entry.suite, entry.targetType, entry.destinations])).toEqual([['ms', 'database', 4]]);
		expect(version).toMatch(/^v[34]$/);
	});

	it('answers a send with the request\'s ID, not the mailing\'s: the second send\'s request ID is the first mailing\'s', async () => {
		const { api, ms } = await paths();
		const { ids } = await customers(api);
		const requests: string[] = [];
		for (const customerid of ['C-1001', 'C-1002']) {
			requests.push((await api.post(`/${ms}/emailing`, { target: ids[customerid], targettype: 'profile', template: WELCOME })).headers['x-created']);
		}
		const stored = await copernica.client.mailings();
		expect(stored.map((mailing) => String(mailing.request))).toEqual(requests);
		expect(stored.map((mailing) => String(mailing.ID))).not.toContain(requests[0]);
		// Read as a mailing ID, the second request names the first mailing: an answer, about the wrong mailing.
		const wrong = (await api.get(`/${ms}/emailing/${requests[1]}`)).data;
		expect([wrong.id, wrong.target]).toEqual([String(stored[0].ID), { type: 'profile', sources: [ids['C-1001']] }]);
	});

	it('computes the statistics from the generated events', async () => {
		const { api, ms } = await paths();
		// Ten more customers, so that Customers holds every kind of event (the sample's four alone have no unsubscribe or abuse).
		await moreCustomers(10);
		const { database, ids } = await customers(api);
		const id = await sendMs(api, ms, { target: database, targettype: 'database', template: SPRING_SALE });
		const totals = expectedTotals(Object.values(ids).map(Number));
		// The sample's four profiles 1000–1003 (Erik of Newsletter is 1004) and M-1…M-10, 1005–1014:
		// 1001 (Bram) and 1008 bounce (%7); 1002, 1005, 1011 and 1014 open (%3); 1000 and 1010 click twice
		// (%10), 1005 once; 1012 unsubscribes (%11); 1014 reports abuse (%13).
		expect(totals).toEqual({ deliveries: 12, errors: 2, impressions: 4, clicks: 5, unsubscribes: 1, abuses: 1 });
		expect((await api.get(`/${ms}/emailing/${id}/statistics`)).data).toEqual({
			// Strings, as Copernica returns its values (copernica-api.md §3.1).
			destinations: '14',
			deliveries: { total: '12' },
			errors: { total: '2', unique: '2' },
			impressions: { total: '4', unique: '4' },
			clicks: { total: '5', unique: '3' },
			unsubscribes: { total: '1', unique: '1' },
			abuses: { total: '1', unique: '1' },
			unknown: { total: '0' },
			dominant_results: { abuses: '1', unsubscribes: '1', clicks: '3', impressions: '2', deliveries: '5', errors: '2' },
		});
		const errors = (await api.get(`/${ms}/emailing/${id}/errors`)).data;
		const bounce = (profile: string) => ({
			ID: expect.any(String),
			mailing: id,
			timestamp: expect.any(String),
			destination: expect.any(String),
			profile,
			subprofile: null,
			status: 'bounce',
			errorcode: '550',
			description: 'User unknown',
			errortype: 'hard',
		});
		expect(errors.data).toEqual([bounce(ids['C-1002']), bounce(ids['M-4'])]);
		const impressions = (await api.get(`/${ms}/emailing/${id}/impressions`)).data.data;
		expect(impressions.map((event: { profile: string; device: string }) => [event.profile, event.device])).toEqual(
			['C-1003', 'M-1', 'M-7', 'M-10'].map((customerid) => [ids[customerid], 'desktop']),
		);
		const mailing = (await api.get(`/${ms}/emailing/${id}`)).data;
		expect(impressions[0].timestamp).toBe(later(mailing.timestamp, 3600));
		// Before the opens (an hour after the send), only deliveries and errors.
		const early = (await api.get(`/${ms}/emailing/${id}/statistics`, { params: { endtime: later(mailing.timestamp, 60) } })).data;
		expect([early.deliveries.total, early.errors.total, early.impressions.total, early.unsubscribes.total]).toEqual(['12', '2', '0', '0']);
	});

	it('refuses a send without target, targettype or template, an unknown template, and unknown targets, sending nothing', async () => {
		const { api, ms } = await paths();
		const { database } = await customers(api);
		const refusals: Array<[Record<string, unknown>, string]> = [
			[{ targettype: 'database', template: WELCOME }, 'Parameter target is required'],
			[{ target: database, template: WELCOME }, 'Parameter targettype is required'],
			[{ target: database, targettype: 'database' }, 'Parameter template is required'],
			[{ target: database, targettype: 'everyone', template: WELCOME }, 'Invalid targettype'],
			[{ target: database, targettype: 'database', template: 77 }, 'No template with supplied ID'],
			[{ target: 'Customers', targettype: 'database', template: WELCOME }, 'No database with supplied ID'],
			[{ target: 999, targettype: 'view', template: WELCOME }, 'No view with supplied ID'],
			[{ target: 999, targettype: 'miniview', template: WELCOME }, 'No miniview with supplied ID'],
			[{ target: 999, targettype: 'collection', template: WELCOME }, 'No collection with supplied ID'],
			[{ target: 999, targettype: 'profile', template: WELCOME }, 'No entity with supplied ID'],
			[{ target: 999, targettype: 'subprofile', template: WELCOME }, 'No entity with supplied ID'],
		];
		for (const [body, message] of refusals) {
			const answer = await api.post(`/${ms}/emailing`, body);
			expect([answer.status, answer.data]).toEqual([400, { error: { message } }]);
		}
		expect(await copernica.client.mailings()).toEqual([]);
		expect(await copernica.client.mailingEvents()).toEqual([]);
	});

	it('sends to a view (its built members), a profile, a subprofile, a collection and a miniview', async () => {
		const { api, ms } = await paths();
		const { database, ids } = await customers(api);
		const collection = (await api.get(`/database/${database}/collections`)).data.data[0].ID as string;
		const subprofiles = (await api.get(`/collection/${collection}/subprofiles`)).data.data as Array<{ ID: string; profile: string }>;
		const views = (await api.get(`/database/${database}/views`)).data.data as Array<{ ID: string; name: string }>;
		const amsterdam = views.find((view) => view.name === 'Amsterdam')!.ID;
		const miniview = (await api.get(`/collection/${collection}/miniviews`)).data.data[0].ID as string;
		const send = async (targettype: string, target: string) => {
			const id = await sendMs(api, ms, { target, targettype, template: WELCOME });
			return (await api.get(`/${ms}/emailing/${id}/destinations`)).data.data.map((destination: { profile: string; subprofile: string | null }) => [destination.profile, destination.subprofile]);
		};
		expect(await send('view', amsterdam)).toEqual([[ids['C-1001'], null], [ids['C-1004'], null]]);
		expect(await send('profile', ids['C-1002'])).toEqual([[ids['C-1002'], null]]);
		expect(await send('subprofile', subprofiles[2].ID)).toEqual([[ids['C-1002'], subprofiles[2].ID]]);
		expect(await send('collection', collection)).toEqual(subprofiles.map((subprofile) => [subprofile.profile, subprofile.ID]));
		// Open orders: O-2 (Anna's) and O-3 (Bram's).
		expect(await send('miniview', miniview)).toEqual([[ids['C-1001'], subprofiles[1].ID], [ids['C-1002'], subprofiles[2].ID]]);
		const list = (await api.get(`/${ms}/emailings`)).data;
		expect(list.total).toBe(5);
		expect(list.data.map((mailing: { type: string }) => mailing.type)).toEqual(['mass', 'individual', 'individual', 'mass', 'mass']);
		expect((await api.get(`/${ms}/emailings`, { params: { type: 'individual' } })).data.total).toBe(2);
		expect((await api.get(`/${ms}/emailings`, { params: { type: 'nonsense' } })).data.total).toBe(5);
		expect((await api.get(`/${ms}/emailings`, { params: { mindestinations: 3 } })).data.total).toBe(1);
		expect((await api.get(`/${ms}/emailings`, { params: { todate: '2026-01-01' } })).data.total).toBe(0);
		expect((await api.get(`/${ms}/emailings`, { params: { fromdate: '2026-01-01' } })).data.total).toBe(5);
		expect((await api.get(`/${ms}/emailings`, { params: { status: 'failed' } })).data.total).toBe(0);
	});

	it('lists what one profile and one subprofile received', async () => {
		const { api, ms } = await paths();
		const { database, ids } = await customers(api);
		const collection = (await api.get(`/database/${database}/collections`)).data.data[0].ID as string;
		const subprofile = (await api.get(`/collection/${collection}/subprofiles`)).data.data[0].ID as string;
		const first = await sendMs(api, ms, { target: database, targettype: 'database', template: WELCOME });
		await api.post(`/${ms}/emailing`, { target: ids['C-1002'], targettype: 'profile', template: SPRING_SALE });
		const third = await sendMs(api, ms, { target: subprofile, targettype: 'subprofile', template: SPRING_SALE });
		const received = (await api.get(`/profile/${ids['C-1001']}/${ms}/destinations`)).data;
		expect(received.data.map((destination: { mailing: string; subprofile: string | null }) => [destination.mailing, destination.subprofile])).toEqual([
			[first, null],
			[third, subprofile],
		]);
		const emailings = (await api.get(`/profile/${ids['C-1001']}/${ms}/emailings`)).data;
		expect(emailings.data.map((mailing: { id: string }) => mailing.id)).toEqual([first, third]);
		const ofSubprofile = (await api.get(`/subprofile/${subprofile}/${ms}/destinations`)).data;
		expect(ofSubprofile.data.map((destination: { mailing: string }) => destination.mailing)).toEqual([third]);
		const sent = received.data[0].timestampsent as string;
		expect((await api.get(`/profile/${ids['C-1001']}/${ms}/destinations?fields%5B%5D=${encodeURIComponent(`timestampsent>${sent}`)}`)).data.total).toBe(1);
		const missing = await api.get(`/profile/5/${ms}/destinations`);
		expect([missing.status, missing.data]).toEqual([400, { error: { message: 'No entity with supplied ID' } }]);
	});

	it('schedules a mailing: a start in the past (or unreadable) sends now, one to come waits', async () => {
		const { api, ms } = await paths();
		const { ids } = await customers(api);
		const past = await api.post(`/${ms}/scheduledemailing`, { target: ids['C-1001'], targettype: 'profile', template: WELCOME, start: '2025-06-01 08:00:00', rrule: 'FREQ=DAILY;COUNT=2' });
		expect([past.status, past.data]).toEqual([201, '']);
		await api.post(`/${ms}/scheduledemailing`, { target: ids['C-1001'], targettype: 'profile', template: WELCOME, start: 'next tuesday' });
		await api.post(`/${ms}/scheduledemailing`, { target: ids['C-1001'], targettype: 'profile', template: WELCOME, start: '2030-01-01 08:00:00' });
		const scheduled = (await api.get(`/${ms}/scheduledemailings`)).data;
		expect(scheduled.data.map((entry: { start: string; rrule: string; emailing: string | null }) => [entry.start, entry.rrule, entry.emailing !== null])).toEqual([
			['2025-06-01 08:00:00', 'FREQ=DAILY;COUNT=2', true],
			['0000-00-00 00:00:00', '', true],
			['2030-01-01 08:00:00', '', false],
		]);
		expect((await api.get(`/${ms}/scheduledemailing/${past.headers['x-created']}`)).data.target).toEqual({ type: 'profile', sources: [ids['C-1001']] });
		expect((await copernica.client.mailings()).length).toBe(2);
		const noStart = await api.post(`/${ms}/scheduledemailing`, { target: ids['C-1001'], targettype: 'profile', template: WELCOME });
		expect([noStart.status, noStart.data]).toEqual([400, { error: { message: 'Parameter start is required' } }]);
		// A template without a subject is scheduled all the same; it fails at its start.
		const draft = await api.post(`/${ms}/scheduledemailing`, { target: ids['C-1001'], targettype: 'profile', template: DRAFT, start: '2030-01-01 08:00:00' });
		expect([draft.status, draft.data]).toEqual([201, '']);
		expect((await copernica.client.scheduledMailings()).length).toBe(4);
		// The one to come, sent as its start would: one destination, and the scheduled entry now names it.
		const [, , waiting, waitingDraft] = await copernica.client.scheduledMailings();
		const mailing = await copernica.client.sendScheduledMailing(waiting.ID);
		expect([mailing.targetType, mailing.target, mailing.destinations]).toEqual(['profile', Number(ids['C-1001']), 1]);
		expect((await api.get(`/${ms}/scheduledemailing/${waiting.ID}`)).data.emailing).toBe(String(mailing.ID));
		const failed = await copernica.client.sendScheduledMailing(waitingDraft.ID);
		expect([failed.status, failed.failure, failed.destinations]).toEqual(['failed', 'Template has no subject', 0]);
	});

	it('accepts a send that cannot go out (no subject, no from address, a sender domain not configured) and records it failed: no destinations, no events, listed only with status failed or all', async () => {
		const { api, ms, publisher } = await paths();
		const { database, ids } = await customers(api);
		// Draft has neither a subject nor a from address.
		const draft = await api.post(`/${ms}/emailing`, { target: database, targettype: 'database', template: DRAFT });
		expect([draft.status, draft.data]).toEqual([201, '']);
		await copernica.client.setSenderDomains(['news.example.com']);
		for (const [path, body] of [
			[`/${ms}/emailing`, { target: ids['C-1001'], targettype: 'profile', template: WELCOME }],
			[`/${ms}/scheduledemailing`, { target: ids['C-1001'], targettype: 'profile', template: WELCOME, start: '2020-01-01 00:00:00' }],
			[`/${publisher}/emailing`, { target: ids['C-1001'], targettype: 'profile', document: JANUARY }],
		] as const) {
			expect((await api.post(path, body)).status).toBe(201);
		}
		const stored = await copernica.client.mailings();
		expect(stored.map((mailing) => [mailing.suite, mailing.status, mailing.failure, mailing.destinations])).toEqual([
			['ms', 'failed', 'Template has no subject', 0],
			['ms', 'failed', 'Sender domain is not configured', 0],
			['ms', 'failed', 'Sender domain is not configured', 0],
			['publisher', 'failed', 'Sender domain is not configured', 0],
		]);
		expect(await copernica.client.mailingEvents()).toEqual([]);
		const failedId = await copernica.client.mailingOfRequest(draft.headers['x-created']);
		// The list's default is status=sent (§4.2): a failed mailing is not in it.
		expect((await api.get(`/${ms}/emailings`)).data.total).toBe(0);
		const failed = (await api.get(`/${ms}/emailings`, { params: { status: 'failed' } })).data;
		expect(failed.data.map((mailing: { id: string }) => mailing.id)).toEqual([failedId, String(stored[1].ID), String(stored[2].ID)]);
		expect((await api.get(`/${ms}/emailings`, { params: { status: 'all' } })).data.total).toBe(3);
		expect((await api.get(`/${publisher}/emailings`, { params: { status: 'failed' } })).data.total).toBe(1);
		// Read by its ID, it looks like a mailing sent to nobody: the documented fields have no status.
		const one = (await api.get(`/${ms}/emailing/${failedId}`)).data;
		expect([one.destinations, 'status' in one]).toEqual(['0', false]);

		await copernica.client.setSenderDomains(['EXAMPLE.com']);
		expect((await api.post(`/${ms}/emailing`, { target: ids['C-1001'], targettype: 'profile', template: WELCOME })).status).toBe(201);
		expect((await copernica.client.mailings()).at(-1)).toMatchObject({ status: 'sent', destinations: 1 });
	});
});

describe.each(VERSIONS)('Publisher mailings on %s', (_version, paths) => {
	it('sends a document; test mailings are listed only with test=yes or both', async () => {
		const { api, publisher } = await paths();
		// Ten more customers (1005–1014), for an unsubscribe and an abuse report: M-8 (1012, %11) is the one who unsubscribes.
		await moreCustomers(10);
		const { database, ids } = await customers(api);
		const refused = await api.post(`/${publisher}/emailing`, { target: database, targettype: 'database' });
		expect([refused.status, refused.data]).toEqual([400, { error: { message: 'Parameter document is required' } }]);
		const real = await api.post(`/${publisher}/emailing`, { target: database, targettype: 'database', document: JANUARY, settings: { description: 'January' } });
		expect([real.status, real.data]).toEqual([201, '']);
		const test = (await api.post(`/${publisher}/emailing`, { target: ids['M-8'], targettype: 'profile', document: FEBRUARY, settings: { test: true } })).headers['x-created'];
		const listed = (await api.get(`/${publisher}/emailings`)).data;
		expect(listed.data.map((mailing: { id: string }) => mailing.id)).toEqual([real.headers['x-created']]);
		expect(listed.data[0]).toMatchObject({ document: String(JANUARY), subject: 'News for January', destinations: '14', clicks: '5', impressions: '4', errors: '2', unsubscribes: '1', abuses: '1', test: false, description: 'January', contenttype: 'html' });
		expect((await api.get(`/${publisher}/emailings`, { params: { test: 'both' } })).data.total).toBe(2);
		expect((await api.get(`/${publisher}/emailings`, { params: { test: 'yes' } })).data.data[0].id).toBe(test);
		expect((await api.get(`/${publisher}/emailing/${test}/destinations`)).data.data.map((destination: { profile: string }) => destination.profile)).toEqual([ids['M-8']]);
		expect((await api.get(`/${publisher}/emailing/${real.headers['x-created']}/statistics`)).data.deliveries).toEqual({ total: '12' });
		expect((await api.get(`/profile/${ids['M-8']}/${publisher}/destinations`)).data.total).toBe(2);
		// Publisher mailings are not Marketing Suite ones.
		const wrongSuite = await api.get(`/${publisher === 'html' ? 'draganddrop' : 'ms'}/emailing/${test}`);
		expect([wrongSuite.status, wrongSuite.data]).toEqual([400, { error: { message: 'No emailing with supplied ID' } }]);
		// M-8 (1012, %11) unsubscribes from both: a test mailing is a real send to its target (docs silent).
		expect((await api.get(`/${publisher}/unsubscribes`)).data.total).toBe(2);
	});

	it('takes settings as form fields too, and a start to come leaves the mailing scheduled without destinations', async () => {
		const { api, publisher } = await paths();
		const { database } = await customers(api);
		const form = new URLSearchParams({ target: database, targettype: 'database', document: String(JANUARY), 'settings[start]': '2031-05-01 10:00:00' }).toString();
		const later = await api.post(`/${publisher}/emailing`, form, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		expect(later.status).toBe(201);
		expect((await api.get(`/${publisher}/emailings`)).data.total).toBe(0);
		const all = (await api.get(`/${publisher}/emailings`, { params: { status: 'all' } })).data.data;
		expect(all.map((mailing: { id: string; timestamp: string; destinations: string }) => [mailing.id, mailing.timestamp, mailing.destinations])).toEqual([
			[later.headers['x-created'], '2031-05-01 10:00:00', '0'],
		]);
	});
});

describe('the control API\'s clock', () => {
	it('PUT clock: what is sent next is sent at that moment; a moment it cannot read is refused and changes nothing', async () => {
		const api = restApi(copernica);
		const { database } = await customers(api);
		for (const bad of ['2026-11-31 12:00:00', '2026-11-30', 'yesterday', 20261130]) {
			const refused = await fetch(`${copernica.emulator.origin}/__emulator/clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: bad }) });
			expect([bad, refused.status]).toEqual([bad, 400]);
		}
		await copernica.client.setClock('2026-11-30 12:00:00');
		const sent = await api.post('/ms/emailing', { target: database, targettype: 'database', template: sampleIds.template('Welcome') });
		const mailing = (await api.get(`/ms/emailing/${await copernica.client.mailingOfRequest(sent.headers['x-created'])}`)).data;
		expect(mailing.timestamp).toBe('2026-11-30 12:00:00');
		const yesterday = await api.get('/ms/emailings?fromdate=2026-11-30 00:00:00&todate=2026-11-30 23:59:59');
		expect(yesterday.data.data.map((entry: { id: string }) => entry.id)).toEqual([mailing.id]);
		// A reset starts the clock in 2026-01-01 again.
		copernica.emulator.reset();
		const again = await api.post('/ms/emailing', { target: database, targettype: 'database', template: sampleIds.template('Welcome') });
		expect((await api.get(`/ms/emailing/${await copernica.client.mailingOfRequest(again.headers['x-created'])}`)).data.timestamp).toMatch(/^2026-01-01 /);
	});
});

describe('events', () => {
	it('pages more than 1,000 events, and the account-wide lists hold every mailing\'s', async () => {
		const api = restApi(copernica);
		const { database, ids } = await customers(api);
		const added = await copernica.client.addProfiles('Customers', 1500, { customerid: 'B-{n}', email: 'bulk{n}@example.com', city: 'Leiden' });
		expect(added.count).toBe(1500);
		expect(added.last - added.first).toBe(1499);
		const id = await sendMs(api, 'ms', { target: database, targettype: 'database', template: WELCOME });
		const recipients = [...Object.values(ids).map(Number), ...Array.from({ length: 1500 }, (_, index) => added.first + index)];
		const totals = expectedTotals(recipients);
		expect(totals.deliveries).toBeGreaterThan(1000);
		const first = (await api.get(`/ms/emailing/${id}/deliveries`, { params: { limit: 1000 } })).data;
		expect(first).toMatchObject({ start: 0, limit: 1000, count: 1000, total: totals.deliveries });
		const second = (await api.get(`/ms/emailing/${id}/deliveries`, { params: { start: 1000, limit: 1000 } })).data;
		expect(second).toMatchObject({ start: 1000, count: totals.deliveries - 1000, total: totals.deliveries });
		const seen = new Set([...first.data, ...second.data].map((event: { profile: string }) => event.profile));
		expect(seen.size).toBe(totals.deliveries);
		expect((await api.get(`/ms/emailing/${id}/destinations`, { params: { limit: 5000 } })).data).toMatchObject({ limit: 1000, count: 1000, total: 1504 });
		const statistics = (await api.get(`/ms/emailing/${id}/statistics`)).data;
		expect([statistics.deliveries.total, statistics.errors.total, statistics.impressions.total, statistics.clicks.total, statistics.unsubscribes.total, statistics.abuses.total]).toEqual(
			[totals.deliveries, totals.errors, totals.impressions, totals.clicks, totals.unsubscribes, totals.abuses].map(String),
		);
		// Two clicks for every ID%10: unique counts destinations.
		const twice = recipients.filter((recipient) => recipient % 10 === 0 && recipient % 7 !== 0).length;
		expect(statistics.clicks.unique).toBe(String(totals.clicks - twice));
		expect((await api.get(`/ms/emailing/${id}/clicks`, { params: { unique: 'true' } })).data.total).toBe(totals.clicks - twice);
		const unsubscribed = (await api.get(`/ms/emailing/${id}/destinations`, { params: { Unsubscribed: 'true' } })).data.total;
		expect(unsubscribed).toBe(totals.unsubscribes);
		expect((await api.get(`/ms/emailing/${id}/destinations`, { params: { unsubscribed: 'true' } })).data.total).toBe(1504);

		// One more mailing, to a recipient who opens and reports abuse (%3 and %13: 1014, one of the added).
		const opensAndAbuses = recipients.find((recipient) => expectedEvents(recipient).impressions === 1 && expectedEvents(recipient).abuses === 1);
		await api.post('/ms/emailing', { target: opensAndAbuses, targettype: 'profile', template: WELCOME });
		expect((await api.get('/ms/impressions')).data.total).toBe(totals.impressions + 1);
		expect((await api.get('/ms/abuses')).data.total).toBe(totals.abuses + 1);
		expect((await api.get('/ms/impressions', { params: { begintime: 'garbage' } })).data.total).toBe(totals.impressions + 1);
		expect((await api.get('/ms/impressions', { params: { endtime: 'garbage' } })).data.total).toBe(0);
		const click = (await api.get(`/ms/emailing/${id}/clicks`, { params: { limit: 2 } })).data.data;
		expect(click.map((event: { link: string }) => event.link)).toEqual(['https://example.com/offer', 'https://example.com/shop']);
		expect(Object.keys(click[0])).toEqual(['ID', 'mailing', 'timestamp', 'destination', 'profile', 'subprofile', 'link', 'ip', 'useragent']);
	});

	it('calls the delivery, open, click and bounce webhooks for a sent mailing', async () => {
		const api = restApi(copernica);
		const { ids } = await customers(api);
		for (const trigger of ['delivery', 'open', 'bounce', 'click']) {
			expect((await api.post('/webhooks', { handler: 'http://127.0.0.1:9/hook', trigger })).status).toBe(201);
		}
		await api.post('/ms/emailing', { target: ids['C-1003'], targettype: 'profile', template: WELCOME });
		await api.post('/ms/emailing', { target: ids['C-1002'], targettype: 'profile', template: WELCOME });
		const calls = await copernica.client.settleDeliveries();
		const destinations = [...(await copernica.client.mailings())].map((mailing) => mailing.ID);
		const [chloe] = await copernica.client.mailingDestinations(destinations[0]);
		const [bram] = await copernica.client.mailingDestinations(destinations[1]);
		const sent = calls.map((call) => [call.trigger, new URLSearchParams(call.body).get('id'), new URLSearchParams(call.body).get('recipient')]);
		// Chloé (1002, %3): a delivery and an open; Bram (1001, %7): a bounce.
		expect(sent).toEqual([
			['delivery', String(chloe.ID), 'chloe@example.org'],
			['open', String(chloe.ID), 'chloe@example.org'],
			['bounce', String(bram.ID), 'bram@example.com'],
		]);
	});
});
