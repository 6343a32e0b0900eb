import axios from 'axios';
import { createHash, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { UNVALIDATED_DOMAIN } from '../../emulator/routes/webhooks';
import type { Forgery } from '../../emulator/signing';
import { signRequest } from '../../emulator/signing';
import { restApi, restApiV4, useEmulator } from '../harness/fixture';

/**
 * The emulator's webhooks (copernica-webhooks.md §3): registering them, and the signed calls
 * after each write, checked here the way a trigger must check them (§3.3), with a verifier of
 * the test's own, so the emulator's signing is not checked against itself.
 */
const copernica = useEmulator();

const api = () => restApi(copernica);

interface Received {
	url: string;
	headers: IncomingHttpHeaders;
	/** Header names as they arrived, in order. */
	names: string[];
	body: string;
}

/** A handler on this machine that keeps what it gets and answers `status`. */
const receiver = { calls: [] as Received[], status: 200, server: undefined as Server | undefined, url: '' };

beforeAll(async () => {
	receiver.server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const names = request.rawHeaders.filter((_, index) => index % 2 === 0);
			receiver.calls.push({ url: request.url ?? '', headers: request.headers, names, body: Buffer.concat(chunks).toString('utf8') });
			response.writeHead(receiver.status).end();
		});
	});
	await new Promise<void>((resolve) => receiver.server!.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/webhook/copernica-trigger?workflow=7`;
});

beforeEach(() => {
	receiver.calls = [];
	receiver.status = 200;
});

afterAll(async () => {
	receiver.server?.closeAllConnections();
	await new Promise((resolve) => receiver.server?.close(resolve));
});

async function register(body: Record<string, unknown>): Promise<string> {
	const response = await api().post('/webhooks', { handler: receiver.url, ...body });
	expect(response.status).toBe(201);
	return response.headers['x-created'] as string;
}

async function customers(): Promise<{ ID: string; collections: { data: Array<{ ID: string }> } }> {
	return (await api().get('/database/Customers')).data;
}

async function profileIdOf(customerid: string): Promise<string> {
	const [profile] = await copernica.client.profilesWhere('Customers', 'customerid', customerid);
	return profile.ID;
}

/** The calls, once every delivery has settled. */
async function settled(): Promise<Received[]> {
	await copernica.client.settleDeliveries();
	return receiver.calls;
}

/** The body's keys in order, and its values by key (a key sent twice keeps every value). */
function form(body: string): { keys: string[]; get: (key: string) => string[] } {
	const params = new URLSearchParams(body);
	return { keys: [...new Set(params.keys())], get: (key) => params.getAll(key) };
}

/** The key a DoH JSON answer publishes for `name`: TXT strings joined, `p=` read as SPKI DER. */
async function keyFromDns(name: string): Promise<KeyObject | undefined> {
	const answer = (await axios.get(copernica.emulator.dohUrl, { params: { name, type: 'TXT' } })).data as {
		Status: number;
		Answer?: Array<{ type: number; data: string }>;
	};
	if (answer.Status !== 0) return undefined;
	for (const record of answer.Answer ?? []) {
		if (record.type !== 16) continue;
		const strings = [...record.data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]);
		const text = strings.length > 0 ? strings.join('') : record.data;
		const p = /(?:^|;)\s*p=([^;]+)/.exec(text)?.[1]?.replace(/\s+/g, '');
		if (text.startsWith('v=DKIM1') && p) return createPublicKey({ key: Buffer.from(p, 'base64'), format: 'der', type: 'spki' });
	}
	return undefined;
}

const REQUIRED = ['(request-target)', 'host', 'date', 'digest', 'x-copernica-id', 'x-nonce'];

/**
 * Copernica's checklist (§3.3, CopernicaRequest.php) with n8n's 300 s window (§3.4.4): the
 * checks that fail, [] for a good call. A missing header ends it there; the others all run,
 * so a test sees that a forgery breaks its check and only that one.
 */
async function failedChecks(call: Received, handler: string): Promise<string[]> {
	const headers = call.headers as Record<string, string>;
	for (const name of ['host', 'date', 'digest', 'x-copernica-id', 'x-nonce', 'signature']) {
		if (headers[name] === undefined) return [`missing ${name}`];
	}
	const failed: string[] = [];
	const { params, covered, signing } = signatureOf(call, handler);
	for (const name of REQUIRED) if (!covered.includes(name)) failed.push(`not covered ${name}`);
	const [algorithm, value] = headers.digest.split(/=(.*)/s);
	if (algorithm.toLowerCase() !== 'sha-256' || value !== createHash('sha256').update(call.body).digest('base64')) failed.push('digest');
	if (!(Math.abs(Date.now() - Date.parse(headers.date)) <= 300_000)) failed.push('date');
	if (/^account[-_](\d+)$/.exec(headers['x-copernica-id'])?.[1] !== '1') failed.push('account');
	if (headers.host !== new URL(handler).host) failed.push('host');
	if (!params.keyId.endsWith('.copernica.com') || params.algorithm !== 'rsa-sha256') failed.push('keyId');
	const key = await keyFromDns(params.keyId);
	if (!key || !verify('sha256', Buffer.from(signing), key, Buffer.from(params.signature, 'base64'))) failed.push('signature');
	return failed;
}

/** The Signature header's parameters, the headers it covers, and the string it signs (§3.3 SignatureString.php). */
function signatureOf(call: Received, handler: string) {
	const headers = call.headers as Record<string, string>;
	const params = Object.fromEntries([...headers.signature.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
	const covered = params.headers.toLowerCase().split(' ');
	// The request target of the registered handler, not of what arrived (§3.4.3).
	const { pathname, search } = new URL(handler);
	const signing = covered
		.map((name) => `${name}: ${name === '(request-target)' ? `post ${pathname}${search}` : (headers[name] ?? '').trim()}`)
		.join('\n');
	return { params, covered, signing };
}

describe('registering webhooks (copernica-webhooks.md §3.1)', () => {
	it('POST webhooks answers 201 with the ID in X-Created and Location, nothing in the body; GET, PUT, DELETE webhook/{id}', async () => {
		const created = await api().post('/webhooks', { handler: receiver.url, trigger: 'create' });
		expect(created.status).toBe(201);
		expect(created.data).toBe('');
		const id = created.headers['x-created'] as string;
		expect(id).toMatch(/^\d+$/);
		expect(created.headers.location).toBe(`${copernica.credentials.baseUrl}/webhook/${id}`);
		expect((await api().get(`/webhook/${id}`)).data).toEqual({ ID: id, handler: receiver.url, trigger: 'create', callers: ['ms', 'publisher'] });

		const put = await api().put(`/webhook/${id}`, { trigger: 'update', callers: ['ms'], handler: `${receiver.url}&v=2` });
		expect(put.status).toBe(204);
		expect((await api().get(`/webhook/${id}`)).data).toEqual({ ID: id, handler: `${receiver.url}&v=2`, trigger: 'update', callers: ['ms'] });

		expect((await api().delete(`/webhook/${id}`)).status).toBe(204);
		for (const method of ['get', 'put', 'delete'] as const) {
			const gone = await api()[method](`/webhook/${id}`);
			expect([gone.status, gone.data]).toEqual([400, { error: { message: 'No entity with supplied ID' } }]);
		}
	});

	it('has no list: GET webhooks is an Invalid method; the control API lists them with their scope', async () => {
		const database = await customers();
		const id = await register({ trigger: 'update', database: database.ID, collection: database.collections.data[0].ID });
		const list = await api().get('/webhooks');
		expect([list.status, list.data]).toEqual([400, { error: { message: 'Invalid method' } }]);
		expect(await copernica.client.webhooks()).toEqual([
			{ ID: id, handler: receiver.url, trigger: 'update', callers: ['ms', 'publisher'], database: database.ID, collection: database.collections.data[0].ID },
		]);
	});

	it('takes the same calls on REST v4', async () => {
		const v4 = await restApiV4(copernica);
		const created = await v4.post('/webhooks', { handler: receiver.url, trigger: 'delete' });
		expect(created.status).toBe(201);
		expect((await v4.get(`/webhook/${created.headers['x-created']}`)).data.trigger).toBe('delete');
	});

	it('refuses unknown triggers and callers, handlers that are no http(s) URL, unknown or mismatched databases and collections', async () => {
		const database = await customers();
		const newsletter = (await api().get('/database/Newsletter')).data.ID as string;
		const refusals: Array<[Record<string, unknown>, string | RegExp]> = [
			[{ trigger: 'unsubscribe' }, /^Invalid trigger/],
			[{ trigger: 'UPDATE' }, /^Invalid trigger/],
			[{}, /^Invalid trigger/],
			[{ trigger: 'update', callers: ['rest'] }, /^Invalid callers/],
			[{ trigger: 'update', callers: 'ms' }, /^Invalid callers/],
			[{ trigger: 'update', handler: 'ftp://127.0.0.1/hook' }, 'Handler must be an http or https URL'],
			[{ trigger: 'update', handler: 'not a url' }, 'Handler must be an http or https URL'],
			[{ trigger: 'update', handler: undefined }, 'Handler must be an http or https URL'],
			[{ trigger: 'update', database: '99999' }, 'No database with supplied ID'],
			[{ trigger: 'update', database: 'Customers' }, 'No database with supplied ID'],
			[{ trigger: 'update', collection: '99999' }, 'No collection with supplied ID'],
			[{ trigger: 'update', database: newsletter, collection: database.collections.data[0].ID }, 'Collection does not belong to the database'],
		];
		for (const [body, message] of refusals) {
			const response = await api().post('/webhooks', { handler: receiver.url, ...body });
			expect(response.status).toBe(400);
			expect(response.data.error.message).toMatch(message);
		}
		const id = await register({ trigger: 'update' });
		const badPut = await api().put(`/webhook/${id}`, { trigger: 'update', handler: 'https://n8n.example.com/webhook' });
		expect([badPut.status, badPut.data]).toEqual([400, { error: { message: UNVALIDATED_DOMAIN } }]);
		expect((await api().get(`/webhook/${id}`)).data.handler).toBe(receiver.url);
		expect(await copernica.client.webhooks()).toHaveLength(1);
	});

	it('takes handlers on a validated domain or below it only, and reset restores localhost and 127.0.0.1', async () => {
		const post = async (handler: string) => await api().post('/webhooks', { handler, trigger: 'update' });
		const refused = await post('https://n8n.example.com/webhook/abc');
		expect([refused.status, refused.data]).toEqual([400, { error: { message: 'Handler URL is not on a validated domain' } }]);
		expect(UNVALIDATED_DOMAIN).toBe('Handler URL is not on a validated domain');
		expect((await post('http://localhost:5678/webhook/abc')).status).toBe(201);

		await copernica.client.setValidatedDomains(['Example.com']);
		expect((await post('https://example.com/webhook')).status).toBe(201);
		expect((await post('https://n8n.EXAMPLE.com/webhook')).status).toBe(201);
		for (const handler of ['https://notexample.com/webhook', 'https://example.com.evil.net/webhook', 'http://127.0.0.1/webhook']) {
			expect((await post(handler)).data).toEqual({ error: { message: UNVALIDATED_DOMAIN } });
		}

		await copernica.client.reset();
		expect(await copernica.client.webhooks()).toEqual([]);
		expect((await post('https://n8n.example.com/webhook')).status).toBe(400);
		expect((await post(receiver.url)).status).toBe(201);
	});
});

describe('signed calls after a write (copernica-webhooks.md §3.2, §3.3)', () => {
	it('a profile update calls the handler with a form body whose signature verifies against the key in DNS', async () => {
		const id = await register({ trigger: 'update' });
		const profile = await profileIdOf('C-1003');
		const started = Math.floor(Date.now() / 1000);
		expect((await api().put(`/profile/${profile}`, { fields: { city: 'Den Haag', nickname: 'ignored' } })).status).toBe(204);

		const [call, ...more] = await settled();
		expect(more).toEqual([]);
		expect(call.url).toBe('/webhook/copernica-trigger?workflow=7');
		expect(await failedChecks(call, receiver.url)).toEqual([]);
		expect(call.names.slice(0, 8)).toEqual(['Host', 'Date', 'Content-Type', 'Content-Length', 'X-Copernica-ID', 'X-Nonce', 'Digest', 'Signature']);
		expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(call.headers['x-copernica-id']).toBe('account-1');
		expect(call.headers.signature).toMatch(
			/^keyId="n8ntest\._domainkey\.copernica\.com",algorithm="rsa-sha256",headers="\(request-target\) Host Date Content-length Content-type X-Copernica-ID Digest X-nonce",signature="[A-Za-z0-9+/]+=*"$/,
		);
		expect(call.body).toContain('fields%5Bcity%5D=Den+Haag');

		const body = form(call.body);
		expect(body.keys).toEqual([
			'type', 'parameters[city]', 'parameters[nickname]', 'timestamp', 'time', 'profile', 'database', 'created', 'modified',
			'fields[customerid]', 'fields[email]', 'fields[firstname]', 'fields[lastname]', 'fields[city]', 'fields[age]', 'fields[segment]',
		]);
		expect(body.get('type')).toEqual(['update']);
		expect(body.get('profile')).toEqual([profile]);
		expect(body.get('database')).toEqual([(await customers()).ID]);
		expect(body.get('fields[city]')).toEqual(['Den Haag']);
		expect(body.get('parameters[nickname]')).toEqual(['ignored']);
		expect(body.get('timestamp')[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		expect(Number(body.get('time')[0])).toBeGreaterThanOrEqual(started);

		const [entry] = await copernica.client.deliveries();
		expect(entry).toMatchObject({ webhook: Number(id), handler: receiver.url, trigger: 'update', status: 200, body: call.body, settled: true });
		expect(entry.headers.Digest).toBe(call.headers.digest);
	});

	it('sends interests per item: one, many, none (no key), and a subprofile with its IDs and no interests', async () => {
		await register({ trigger: 'update' });
		for (const customer of ['C-1001', 'C-1002', 'C-1003']) await api().put(`/profile/${await profileIdOf(customer)}`, { fields: { age: 60 } });
		const [subprofile] = (await api().get(`/profile/${await profileIdOf('C-1001')}/subprofiles/Orders`)).data.data;
		await api().put(`/subprofile/${subprofile.ID}`, { fields: { status: 'shipped' } });

		const [one, many, none, sub] = (await settled()).map((call) => form(call.body));
		expect(one.get('interests[]')).toEqual(['newsletter']);
		expect(many.get('interests[]')).toEqual(['newsletter', 'football']);
		expect(none.keys.filter((key) => key.startsWith('interests'))).toEqual([]);
		expect(sub.keys).toEqual([
			'type', 'parameters[status]', 'timestamp', 'time', 'profile', 'subprofile', 'database', 'collection', 'created', 'modified',
			'fields[orderid]', 'fields[status]', 'fields[total]',
		]);
		expect([sub.get('subprofile'), sub.get('collection'), sub.get('fields[status]')]).toEqual([
			[subprofile.ID],
			[(await customers()).collections.data[0].ID],
			['shipped'],
		]);
	});

	it('a delete carries the data it had; a profile delete is followed by its subprofiles\' deletes', async () => {
		await register({ trigger: 'delete' });
		const profile = await profileIdOf('C-1002');
		expect((await api().delete(`/profile/${profile}`)).status).toBe(204);
		const [removed, order] = (await settled()).map((call) => form(call.body));
		expect(removed.keys).toEqual([
			'type', 'timestamp', 'time', 'profile', 'database',
			'fields[customerid]', 'fields[email]', 'fields[firstname]', 'fields[lastname]', 'fields[city]', 'fields[age]', 'fields[segment]',
		]);
		expect([removed.get('type'), removed.get('profile'), removed.get('fields[email]')]).toEqual([['delete'], [profile], ['bram@example.com']]);
		expect(order.keys).toEqual(['type', 'timestamp', 'time', 'profile', 'subprofile', 'database', 'collection', 'fields[orderid]', 'fields[status]', 'fields[total]']);
		expect(order.get('fields[orderid]')).toEqual(['O-3']);
	});

	it('fires on every write path: POST profiles, PUT profiles with create, one call per changed profile of a selection PUT, interests, subprofiles', async () => {
		const database = await customers();
		await register({ trigger: 'create' });
		await register({ trigger: 'update' });
		await api().post(`/database/${database.ID}/profiles`, { fields: { customerid: 'C-2001' }, interests: ['offers'] });
		await api().put(`/database/${database.ID}/profiles?fields[]=customerid%3D%3DC-2002&create=true`, { fields: { customerid: 'C-2002' } });
		// Anna and Daan live in Amsterdam; Daan is already gold, so only Anna changes.
		await copernica.client.clearLog();
		await api().put(`/database/${database.ID}/profiles?fields[]=city%3D%3DAmsterdam`, { fields: { segment: 'gold' } });
		await api().put(`/database/${database.ID}/profiles?fields[]=customerid%3D%3DC-1004`, { fields: { segment: 'gold' } });
		await api().put(`/database/${database.ID}/profiles?fields[]=city%3D%3DAmsterdam`, { fields: { segment: 'silver' } });
		const anna = await profileIdOf('C-1001');
		await api().post(`/profile/${anna}/interests`, ['football']);
		await api().put(`/profile/${anna}/interests`, ['football']);
		await api().post(`/profile/${anna}/subprofiles/Orders`, { orderid: 'O-9' });
		await api().put(`/collection/${database.collections.data[0].ID}/subprofiles?fields[]=status%3D%3Dopen`, { status: 'paid' });

		const calls = (await settled()).map((call) => form(call.body));
		const summary = calls.map((body) => [body.get('type')[0], body.get('subprofile')[0] ?? body.get('fields[customerid]')[0]]);
		const daan = await profileIdOf('C-1004');
		expect(summary.slice(0, 2)).toEqual([['create', 'C-2001'], ['create', 'C-2002']]);
		expect(calls[0].get('interests[]')).toEqual(['offers']);
		expect(summary.slice(2, 6)).toEqual([['update', 'C-1001'], ['update', 'C-1004'], ['update', 'C-1001'], ['update', 'C-1004']]);
		expect(calls[3].get('profile')).toEqual([daan]);
		// Interest writes: no parameters, the interests after the write.
		expect(calls[6].keys.some((key) => key.startsWith('parameters'))).toBe(false);
		expect(calls[6].get('interests[]')).toEqual(['newsletter', 'football']);
		expect(calls[7].get('interests[]')).toEqual(['football']);
		expect(calls.slice(8).map((body) => [body.get('type')[0], body.get('fields[orderid]')[0]])).toEqual([
			['create', 'O-9'],
			['update', 'O-2'],
			['update', 'O-3'],
		]);
	});

	it('an async PUT delivers once its write is done, after the 204', async () => {
		const database = await customers();
		await register({ trigger: 'update' });
		await register({ trigger: 'create' });
		await api().put(`/database/${database.ID}/profiles?fields[]=city%3D%3DUtrecht&async=1`, { fields: { age: 52 } });
		await api().put(`/database/${database.ID}/profiles?fields[]=customerid%3D%3DC-3001&async=1&create=1`, { fields: { customerid: 'C-3001' } });
		const calls = (await settled()).map((call) => form(call.body));
		expect(calls.map((body) => [body.get('type')[0], body.get('fields[customerid]')[0]])).toEqual([['update', 'C-1002'], ['create', 'C-3001']]);
	});

	it('delivers by trigger, database and collection; callers does not keep REST writes away', async () => {
		const database = await customers();
		const collection = database.collections.data[0].ID;
		const newsletter = (await api().get('/database/Newsletter')).data.ID as string;
		const all = await register({ trigger: 'update', callers: ['publisher'] });
		const ofCustomers = await register({ trigger: 'update', database: database.ID });
		const ofOrders = await register({ trigger: 'update', collection });
		await register({ trigger: 'update', database: newsletter });
		await register({ trigger: 'create' });
		await api().put(`/profile/${await profileIdOf('C-1003')}`, { fields: { city: 'Delft' } });
		const [order] = (await api().get(`/collection/${collection}/subprofiles`)).data.data;
		await api().put(`/subprofile/${order.ID}`, { fields: { status: 'returned' } });

		await settled();
		const deliveries = await copernica.client.deliveries();
		expect(deliveries.map((entry) => [String(entry.webhook), form(entry.body).get('subprofile').length > 0 ? 'subprofile' : 'profile'])).toEqual([
			[all, 'profile'],
			[ofCustomers, 'profile'],
			[all, 'subprofile'],
			[ofCustomers, 'subprofile'],
			[ofOrders, 'subprofile'],
		]);
	});

	it('logs a failed call and does not retry it, then goes on with the next one', async () => {
		receiver.status = 500;
		const id = await register({ trigger: 'update' });
		await copernica.client.setValidatedDomains(['127.0.0.1', 'localhost']);
		const closed = await api().post('/webhooks', { handler: 'http://127.0.0.1:1/nobody-listens', trigger: 'update' });
		await api().put(`/profile/${await profileIdOf('C-1003')}`, { fields: { city: 'Delft' } });
		await api().put(`/profile/${await profileIdOf('C-1003')}`, { fields: { city: 'Leiden' } });
		const deliveries = await copernica.client.settleDeliveries();
		expect(deliveries.map((entry) => [String(entry.webhook), entry.status ?? 'error'])).toEqual([
			[id, 500],
			[closed.headers['x-created'], 'error'],
			[id, 500],
			[closed.headers['x-created'], 'error'],
		]);
		expect(deliveries[1].error).toMatch(/ECONNREFUSED/);
		expect(receiver.calls).toHaveLength(2);
	});

	it('sends mailing events from the control API, with the variables of §3.2', async () => {
		const opens = await register({ trigger: 'open' });
		await register({ trigger: 'click' });
		expect(await copernica.client.fireMailingEvent('open', { id: '77', recipient: 'anna@example.com', tags: ['spring', 'sale'] })).toBe(1);
		const [call] = await settled();
		expect(await failedChecks(call, receiver.url)).toEqual([]);
		const body = form(call.body);
		expect(body.keys).toEqual(['id', 'type', 'timestamp', 'time', 'recipient', 'ip', 'useragent', 'referer', 'tags[]']);
		expect([body.get('id'), body.get('type'), body.get('tags[]')]).toEqual([['77'], ['open'], ['spring', 'sale']]);
		expect((await copernica.client.deliveries())[0].webhook).toBe(Number(opens));
		await expect(copernica.client.fireMailingEvent('unsubscribe')).rejects.toThrow(/trigger must be one of/);
	});
});

describe('forged calls (copernica-webhooks.md §3.3)', () => {
	const expected: Array<[Forgery, string | undefined, string[]]> = [
		['wrongDigest', undefined, ['digest']],
		['bodyChangedAfterSigning', undefined, ['digest', 'signature']],
		['missingHeader', undefined, ['missing digest']],
		['missingHeader', 'X-Copernica-ID', ['missing x-copernica-id']],
		['headerNotSigned', undefined, ['not covered digest']],
		['headerNotSigned', 'X-nonce', ['not covered x-nonce']],
		['headerNotSigned', '(request-target)', ['not covered (request-target)']],
		['staleDate', undefined, ['date']],
		['otherAccount', undefined, ['account']],
		['foreignKeyId', undefined, ['keyId']],
		['unknownKey', undefined, ['signature']],
		['underscoreSeparator', undefined, []],
		['jsonBody', undefined, []],
	];

	it.each(expected)('%s (%s) fails %j and nothing else', async (forgery, header, failures) => {
		const id = await register({ trigger: 'update' });
		const other = (await api().get('/database/Newsletter')).data.ID as string;
		const payload = { type: 'update', profile: '5', database: other, fields: { email: 'x@example.com' }, interests: ['weekly'] };
		await copernica.client.deliver(id, payload, { forgery, header });
		const [call] = await settled();
		expect(await failedChecks(call, receiver.url)).toEqual(failures);
		if (forgery === 'underscoreSeparator') expect(call.headers['x-copernica-id']).toBe('account_1');
		if (forgery === 'jsonBody') {
			expect(call.headers['content-type']).toBe('application/json');
			expect(JSON.parse(call.body)).toEqual(payload);
		}
		if (forgery === 'foreignKeyId') expect(call.headers.signature).toContain('keyId="n8ntest._domainkey.evilcopernica.com"');
		expect((await copernica.client.deliveries())[0].forgery).toBe(forgery);
	});

	it('missingHeader Host: Node\'s HTTP server (so n8n) refuses the call with 400 before any handler sees it', async () => {
		const id = await register({ trigger: 'update' });
		await copernica.client.deliver(id, { type: 'update', profile: '5' }, { forgery: 'missingHeader', header: 'Host' });
		expect(await settled()).toEqual([]);
		const [entry] = await copernica.client.deliveries();
		expect([entry.status, Object.keys(entry.headers).includes('Host'), entry.headers.Signature.includes(' Host ')]).toEqual([400, false, false]);
	});

	it('an unforged call of another database\'s payload verifies; the emulator can send account_ on every call', async () => {
		const id = await register({ trigger: 'update' });
		await copernica.client.deliver(id, { type: 'update', profile: '5', database: '4242', fields: { email: 'x@example.com' } });
		await copernica.client.setAccountSeparator('_');
		await api().put(`/profile/${await profileIdOf('C-1003')}`, { fields: { city: 'Delft' } });
		const [delivered, written] = await settled();
		expect(form(delivered.body).get('database')).toEqual(['4242']);
		expect(await failedChecks(delivered, receiver.url)).toEqual([]);
		expect(written.headers['x-copernica-id']).toBe('account_1');
		expect(await failedChecks(written, receiver.url)).toEqual([]);
	});
});

describe('signRequest (emulator/signing.ts), for tests that forge calls themselves', () => {
	it('is pure given the date and nonce, and asks for otherKey where a forgery signs with another key', () => {
		const key = copernica.emulator.webhooks.key;
		const options = { url: receiver.url, body: { type: 'update', fields: { city: 'Delft' } }, accountId: '1', key, date: new Date(0), nonce: 'n1' };
		const signed = signRequest(options);
		expect(signRequest(options)).toEqual(signed);
		expect(signed.body).toBe('type=update&fields%5Bcity%5D=Delft');
		expect([signed.headers.Date, signed.headers['X-Nonce'], signed.headers.Host]).toEqual(['Thu, 01 Jan 1970 00:00:00 GMT', 'n1', new URL(receiver.url).host]);
		expect(() => signRequest({ ...options, forgery: 'unknownKey' })).toThrow(/otherKey/);
	});
});

describe('the key in DNS (copernica-webhooks.md §3.3, §3.4.1)', () => {
	it('answers in the DoH JSON format: a CNAME, then the TXT record in quoted strings of at most 255 bytes; NXDOMAIN otherwise; counts requests', async () => {
		const { keyId, record, dohUrl } = await copernica.client.signingKey();
		expect(dohUrl).toBe(copernica.emulator.dohUrl);
		expect(dohUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/resolve$/);
		const answer = (await axios.get(dohUrl, { params: { name: keyId, type: 'TXT' } })).data;
		expect(answer.Status).toBe(0);
		expect(answer.Answer.map((entry: { type: number }) => entry.type)).toEqual([5, 16]);
		const strings = [...(answer.Answer[1].data as string).matchAll(/"([^"]*)"/g)].map((match) => match[1]);
		expect(strings.length).toBeGreaterThan(1);
		expect(strings.every((text) => Buffer.byteLength(text) <= 255)).toBe(true);
		expect(strings.join('')).toBe(record);
		expect(record).toMatch(/^v=DKIM1; k=rsa; p=MII[A-Za-z0-9+/]+=*$/);
		const missing = (await axios.get(dohUrl, { params: { name: 'nobody._domainkey.copernica.com', type: 'TXT' } })).data;
		expect(missing.Status).toBe(3);
		await axios.get(dohUrl, { params: { name: `${keyId.toUpperCase()}.`, type: 'TXT' } });
		expect(await copernica.client.dohRequests()).toEqual({ [keyId]: 2, 'nobody._domainkey.copernica.com': 1 });
		await copernica.client.clearDohRequests();
		expect(await copernica.client.dohRequests()).toEqual({});
	});

	it('rotates the key under the same keyId: the old key is gone, calls verify with the new one only', async () => {
		const id = await register({ trigger: 'update' });
		const before = await copernica.client.signingKey();
		const oldKey = (await keyFromDns(before.keyId))!;
		const after = await copernica.client.rotateKey();
		expect(after.keyId).toBe(before.keyId);
		expect(after.record).not.toBe(before.record);
		await copernica.client.deliver(id, { type: 'update', profile: '1' });
		const [call] = await settled();
		expect(await failedChecks(call, receiver.url)).toEqual([]);
		const { params, signing } = signatureOf(call, receiver.url);
		expect(verify('sha256', Buffer.from(signing), oldKey, Buffer.from(params.signature, 'base64'))).toBe(false);
	});

	it('publishes under a new keyId when asked: the old name answers NXDOMAIN', async () => {
		const id = await register({ trigger: 'update' });
		const before = await copernica.client.signingKey();
		const after = await copernica.client.rotateKey('n8ntest2._domainkey.copernica.com');
		expect(after.keyId).toBe('n8ntest2._domainkey.copernica.com');
		expect(await keyFromDns(before.keyId)).toBeUndefined();
		await copernica.client.deliver(id, { type: 'update', profile: '1' });
		const [call] = await settled();
		expect(call.headers.signature).toContain('keyId="n8ntest2._domainkey.copernica.com"');
		expect(await failedChecks(call, receiver.url)).toEqual([]);
	});
});
