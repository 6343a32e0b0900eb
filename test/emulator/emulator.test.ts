import axios from 'axios';

import { restApi, useEmulator } from '../harness/fixture';

/**
 * The emulator against the documented API (copernica-api.md §2–5): tests of the node are only
 * as good as the server they run against.
 */
const copernica = useEmulator();

const api = () => restApi(copernica);

/** A raw query string, so tests control the encoding exactly. */
async function getProfiles(query: string) {
	const response = await api().get(`/database/Customers/profiles?${query}&access_token=${copernica.token}`, {
		params: {},
	});
	return response.data as { start: number; limit: number; count: number; total?: number; data: Array<{ fields: Record<string, string> }> };
}

async function selectIds(...conditions: string[]) {
	const query = conditions.map((condition) => `fields%5B%5D=${encodeURIComponent(condition)}`).join('&');
	return (await getProfiles(query)).data.map((profile) => profile.fields.customerid);
}

describe('authentication', () => {
	it('answers a missing or wrong token with 400 Invalid access token, and logs no token', async () => {
		for (const params of [{}, { access_token: 'wrong' }]) {
			const response = await axios.get(`${copernica.credentials.baseUrl}/identity`, { params, validateStatus: () => true });
			expect(response.status).toBe(400);
			expect(response.data).toEqual({ error: { message: 'Invalid access token' } });
		}
		const ok = await api().get('/identity');
		expect(ok.status).toBe(200);
		expect(ok.data).toMatchObject({ id: '1', name: expect.any(String) });
		const log = await copernica.client.log();
		expect(log.map((entry) => entry.token)).toEqual(['missing', 'invalid', 'valid']);
		expect(JSON.stringify(log)).not.toContain(copernica.token);
	});
});

describe('databases, fields and interests', () => {
	it('finds a database by ID or by name in any case', async () => {
		const byName = await api().get('/database/customers');
		expect(byName.data).toMatchObject({ name: 'Customers', fields: { total: 7 } });
		const byId = await api().get(`/database/${byName.data.ID}`);
		expect(byId.data.name).toBe('Customers');
		const missing = await api().get('/database/Nope/fields');
		expect([missing.status, missing.data]).toEqual([400, { error: { message: 'No database with supplied ID' } }]);
	});

	it('pages with start, limit (default 100, at most 1000) and total', async () => {
		await copernica.client.reset({ databases: [], fillerDatabases: 1203 });
		const first = await api().get('/databases');
		expect(first.data).toMatchObject({ start: 0, limit: 100, count: 100, total: 1203 });
		const capped = await api().get('/databases', { params: { access_token: copernica.token, limit: 5000, start: 1000 } });
		expect(capped.data).toMatchObject({ start: 1000, limit: 1000, count: 203, total: 1203 });
		const noTotal = await api().get('/databases', { params: { access_token: copernica.token, total: 'false', limit: 1 } });
		expect(noTotal.data.total).toBeUndefined();
		expect(noTotal.data.count).toBe(1);
	});

	it('lists fields and interests with their IDs', async () => {
		const fields = await api().get('/database/Customers/fields');
		expect(fields.data.data[0]).toMatchObject({ ID: expect.any(String), name: 'customerid', type: 'text' });
		const interests = await api().get('/database/Customers/interests');
		expect(interests.data.data.map((interest: { name: string }) => interest.name)).toEqual(['newsletter', 'offers', 'football', 'baseball']);
	});
});

describe('selections', () => {
	it('supports all nine operators', async () => {
		expect(await selectIds('age==34')).toEqual(['C-1001']);
		expect(await selectIds('age!=34')).toEqual(['C-1002', 'C-1003', 'C-1004']);
		expect(await selectIds('age<>34')).toEqual(['C-1002', 'C-1003', 'C-1004']);
		expect(await selectIds('age<34')).toEqual(['C-1003']);
		expect(await selectIds('age>42')).toEqual(['C-1002']);
		expect(await selectIds('age<=34')).toEqual(['C-1001', 'C-1003']);
		expect(await selectIds('age>=42')).toEqual(['C-1002', 'C-1004']);
		expect(await selectIds('email=~%example.org')).toEqual(['C-1003', 'C-1004']);
		expect(await selectIds('email!~%example.org')).toEqual(['C-1001', 'C-1002']);
	});

	it('compares numbers as numbers, text case-insensitively and select fields exactly', async () => {
		expect(await selectIds('age>9')).toHaveLength(4);
		expect(await selectIds('CITY==amsterdam')).toEqual(['C-1001', 'C-1004']);
		expect(await selectIds('segment==Gold')).toEqual([]);
		expect(await selectIds('segment==gold')).toEqual(['C-1002']);
	});

	it('finds Equals matches through its index exactly as a full scan would, also after writes', async () => {
		expect(await selectIds('city==Amsterdam')).toEqual(['C-1001', 'C-1004']);
		// A write to the indexed field, a new profile and a removed one must all show at once.
		await api().put('/database/Customers/profiles?fields%5B%5D=customerid%3D%3DC-1001', { fields: { city: 'Delft' } });
		await api().post('/database/Customers/profiles', { fields: { customerid: 'C-3001', city: 'AMSTERDAM' } });
		expect(await selectIds('city==Amsterdam')).toEqual(['C-1004', 'C-3001']);
		expect(await selectIds('city==Amsterdam', 'customerid!=C-1004')).toEqual(['C-3001']);
		expect(await selectIds('city==delft')).toEqual(['C-1001']);
	});

	it('LIKE: % is any run of characters, _ exactly one', async () => {
		expect(await selectIds('firstname=~_nna')).toEqual(['C-1001']);
		expect(await selectIds('firstname=~A%')).toEqual(['C-1001']);
		expect(await selectIds('firstname=~_a%n')).toEqual(['C-1004']);
	});

	it('ANDs conditions and silently ignores unknown fields, bad operators and spaced field names', async () => {
		expect(await selectIds('city==Amsterdam', 'age>40')).toEqual(['C-1004']);
		expect(await selectIds('city==Amsterdam', 'emial==x')).toEqual(['C-1001', 'C-1004']);
		expect(await selectIds('city=Amsterdam')).toHaveLength(4);
		expect(await selectIds('city ==Amsterdam')).toHaveLength(4);
	});

	it('matches built-in id, and orders and pages the result', async () => {
		const all = await getProfiles('orderby=age&order=desc&limit=2&start=1');
		expect(all).toMatchObject({ start: 1, limit: 2, count: 2, total: 4 });
		expect(all.data.map((profile) => profile.fields.customerid)).toEqual(['C-1004', 'C-1001']);
	});
});

describe('PUT database/{id}/profiles', () => {
	it('requires the fields parameter and an object as body fields', async () => {
		const noSelection = await api().put('/database/Customers/profiles', { fields: { city: 'X' } });
		expect([noSelection.status, noSelection.data]).toEqual([400, { error: { message: 'URL parameter fields is required' } }]);
		const badBody = await api().put('/database/Customers/profiles?fields%5B%5D=id%3E0', { fields: 'city=X' });
		expect([badBody.status, badBody.data]).toEqual([400, { error: { message: 'Invalid data provided' } }]);
	});

	it('updates with 204, creates with 201, X-Created and Location, and otherwise does nothing', async () => {
		const update = await api().put('/database/Customers/profiles?fields%5B%5D=customerid%3D%3DC-1001', { fields: { CITY: 'Ede' } });
		expect(update.status).toBe(204);
		expect((await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001'))[0].fields.city).toBe('Ede');

		const nothing = await api().put('/database/Customers/profiles?fields%5B%5D=customerid%3D%3DC-9', { fields: { city: 'Ede' } });
		expect(nothing.status).toBe(204);
		expect(await copernica.client.profiles('Customers')).toHaveLength(4);

		const create = await api().put('/database/Customers/profiles?fields%5B%5D=customerid%3D%3DC-9&create=1', {
			fields: { customerid: 'C-9', nonsense: 'ignored' },
			interests: ['offers', 'unknown'],
		});
		expect(create.status).toBe(201);
		const id = create.headers['x-created'];
		expect(create.headers.location).toBe(`${copernica.credentials.baseUrl}/profile/${id}`);
		const created = await api().get(`/profile/${id}`);
		expect(created.data).toMatchObject({ ID: id, interests: ['offers'], fields: { customerid: 'C-9', age: '0' } });
		expect(created.data.fields.nonsense).toBeUndefined();
	});

	it('answers async=1 at once and applies the update afterwards', async () => {
		const response = await api().put('/database/Customers/profiles?fields%5B%5D=customerid%3D%3DC-1002&async=1', { fields: { city: 'Epe' } });
		expect([response.status, response.headers['x-created']]).toEqual([204, undefined]);
		await new Promise((resolve) => setImmediate(resolve));
		expect((await copernica.client.profilesWhere('Customers', 'customerid', 'C-1002'))[0].fields.city).toBe('Epe');
	});
});

describe('profiles by ID and other calls', () => {
	it('POST database profiles creates; profile/{id} reads and updates; unknown IDs and paths are errors', async () => {
		const created = await api().post('/database/Customers/profiles', { fields: { customerid: 'C-7' } });
		expect(created.status).toBe(201);
		const id = created.headers['x-created'];
		expect((await api().put(`/profile/${id}`, { fields: { city: 'Urk' } })).status).toBe(204);
		expect((await api().get(`/profile/${id}`)).data.fields).toMatchObject({ customerid: 'C-7', city: 'Urk' });
		expect((await api().get('/profile/999999')).data).toEqual({ error: { message: 'No entity with supplied ID' } });
		expect((await api().get('/nothing/here')).data).toEqual({ error: { message: 'Invalid method' } });
	});
});

describe('fault injection', () => {
	it('answers matching requests with a status, Retry-After and latency, a set number of times', async () => {
		await copernica.client.setFaults([{ path: 'identity', status: 429, retryAfterSeconds: 2, latencyMs: 120, times: 1 }]);
		const started = Date.now();
		const throttled = await api().get('/identity');
		expect(Date.now() - started).toBeGreaterThanOrEqual(100);
		expect([throttled.status, throttled.headers['retry-after']]).toEqual([429, '2']);
		expect((await api().get('/identity')).status).toBe(200);
	});
});

describe('latency', () => {
	it('answers every API request after mean ± jitter milliseconds, set through the control API', async () => {
		await axios.put(`${copernica.emulator.origin}/__emulator/latency`, { meanMs: 60, jitterMs: 20 });
		const times: number[] = [];
		for (let index = 0; index < 5; index++) {
			const started = Date.now();
			expect((await api().get('/identity')).status).toBe(200);
			times.push(Date.now() - started);
		}
		expect(Math.min(...times)).toBeGreaterThanOrEqual(39);
		expect(Math.max(...times)).toBeLessThan(200);
		// Counted from arrival to answer, so the mean is the latency asked for, not latency plus work.
		const { meanAnswerMs } = await copernica.client.stats();
		expect(meanAnswerMs).toBeGreaterThanOrEqual(40);
		expect(meanAnswerMs).toBeLessThan(85);
		const refused = await axios.put(`${copernica.emulator.origin}/__emulator/latency`, { meanMs: 5, jitterMs: 10 }, { validateStatus: () => true });
		expect(refused.status).toBe(400);
	});

	it('counts the most requests it had in flight at once', async () => {
		await axios.put(`${copernica.emulator.origin}/__emulator/latency`, { meanMs: 50, jitterMs: 0 });
		await Promise.all(Array.from({ length: 7 }, () => api().get('/identity')));
		expect((await copernica.client.stats()).maxInFlight).toBe(7);
	});
});

describe('REST API v4', () => {
	async function exchange(token: string) {
		return await axios.post(copernica.emulator.authenticateUrl, new URLSearchParams({ access_token: token }).toString(), {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			validateStatus: () => true,
			responseType: 'text',
		});
	}

	it('exchanges an access token for a JWT at POST /authenticate, and refuses a wrong one', async () => {
		const good = await exchange(copernica.token);
		expect(good.status).toBe(200);
		expect(good.data).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
		const claims = JSON.parse(Buffer.from(String(good.data).split('.')[1], 'base64url').toString('utf8'));
		expect(claims.exp - claims.iat).toBe(24 * 60 * 60);
		const bad = await exchange('wrong');
		expect([bad.status, JSON.parse(String(bad.data))]).toEqual([400, { error: { message: 'Invalid access token' } }]);
		expect(JSON.stringify(await copernica.client.log())).not.toContain(copernica.token);
	});

	it('takes the JWT as a Bearer token on /v4 and ignores access_token there', async () => {
		const jwt = String((await exchange(copernica.token)).data);
		const v4 = `${copernica.emulator.baseUrlV4}/identity`;
		const ok = await axios.get(v4, { headers: { Authorization: `Bearer ${jwt}` }, validateStatus: () => true });
		expect(ok.status).toBe(200);
		const queryOnly = await axios.get(v4, { params: { access_token: copernica.token }, validateStatus: () => true });
		expect([queryOnly.status, queryOnly.data]).toEqual([401, { error: { message: 'Invalid access token' } }]);
		const forged = await axios.get(v4, { headers: { Authorization: `Bearer ${jwt.slice(0, -2)}xx` }, validateStatus: () => true });
		expect(forged.status).toBe(401);
		const log = await copernica.client.log();
		expect(log.filter((entry) => entry.version === 'v4').map((entry) => [entry.auth, entry.token])).toEqual([
			['bearer', 'valid'],
			['none', 'missing'],
			['bearer', 'invalid'],
		]);
	});
});

describe('REST API v4 with short-lived JWTs', () => {
	it('answers an expired JWT with 401 Access token expired', async () => {
		const { CopernicaEmulator } = await import('../../emulator/server');
		const shortLived = new CopernicaEmulator({ tokens: ['t'], jwtTtlSeconds: 1 });
		await shortLived.start();
		try {
			const jwt = shortLived.jwt.issue('x', Date.now() - 5000);
			const response = await axios.get(`${shortLived.baseUrlV4}/identity`, {
				headers: { Authorization: `Bearer ${jwt}` },
				validateStatus: () => true,
			});
			expect([response.status, response.data]).toEqual([401, { error: { message: 'Access token expired' } }]);
		} finally {
			await shortLived.stop();
		}
	});
});

describe('collections and subprofiles (copernica-api.md §3)', () => {
	async function orders() {
		const collections = (await api().get('/database/Customers/collections')).data;
		expect(collections).toMatchObject({ start: 0, count: 1, total: 1 });
		return collections.data[0] as { ID: string; name: string; fields: { data: Array<{ name: string }> } };
	}

	async function subprofiles(collectionId: string, query = '') {
		const response = await api().get(`/collection/${collectionId}/subprofiles?${query}`);
		return response.data as { total: number; data: Array<{ ID: string; profile: string; fields: Record<string, string> }> };
	}

	it('lists a database\'s collections with their fields, and a collection\'s subprofiles with a selection', async () => {
		const collection = await orders();
		expect(collection.name).toBe('Orders');
		expect(collection.fields.data.map((field) => field.name)).toEqual(['orderid', 'status', 'total']);
		expect((await subprofiles(collection.ID)).total).toBe(3);
		const open = await subprofiles(collection.ID, 'fields%5B%5D=status%3D%3Dopen');
		expect(open.data.map((subprofile) => subprofile.fields.orderid)).toEqual(['O-2', 'O-3']);
	});

	it('PUT collection/{id}/subprofiles with only unknown selection fields updates every subprofile (the live danger)', async () => {
		const collection = await orders();
		const response = await api().put(`/collection/${collection.ID}/subprofiles?fields%5B%5D=sttus%3D%3Dopen`, {
			fields: { status: 'cancelled' },
		});
		expect(response.status).toBe(204);
		expect((await subprofiles(collection.ID)).data.map((subprofile) => subprofile.fields.status)).toEqual([
			'cancelled',
			'cancelled',
			'cancelled',
		]);
	});

	it('POST profile/{id}/subprofiles/{collection} takes a flat body and a collection name; removing the profile removes its subprofiles', async () => {
		const anna = (await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001'))[0];
		const created = await api().post(`/profile/${anna.ID}/subprofiles/orders`, { orderid: 'O-9', total: '9.5' });
		expect(created.status).toBe(201);
		const id = created.headers['x-created'];
		expect((await api().get(`/subprofile/${id}`)).data).toMatchObject({
			ID: id,
			profile: anna.ID,
			fields: { orderid: 'O-9', status: '', total: '9.5' },
			removed: false,
		});
		const ofAnna = (await api().get(`/profile/${anna.ID}/subprofiles/Orders`)).data;
		expect(ofAnna.data.map((subprofile: { fields: { orderid: string } }) => subprofile.fields.orderid)).toEqual(['O-1', 'O-2', 'O-9']);
		await api().delete(`/profile/${anna.ID}`);
		expect((await subprofiles((await orders()).ID)).data.map((subprofile) => subprofile.fields.orderid)).toEqual(['O-3']);
		const again = await api().delete(`/subprofile/${id}`);
		expect([again.status, again.data]).toEqual([400, { error: { message: 'This subprofile has already been removed' } }]);
	});
});

/**
 * Each kind its own ID sequence (emulator/store.ts newId): the sample's IDs collide across
 * kinds, as they can in Copernica, and each path finds its own kind.
 */
describe('IDs of different kinds can be equal', () => {
	type Entity = { ID: string; fields: Record<string, string> };

	async function listed(path: string): Promise<Entity[]> {
		return (await api().get(path)).data.data as Entity[];
	}

	it('a subprofile can have a profile\'s ID: profile/{id} answers the profile, subprofile/{id} the subprofile, and a PUT to one leaves the other', async () => {
		const collection = (await api().get('/database/Customers/collections')).data.data[0].ID as string;
		const profiles = await listed('/database/Customers/profiles');
		const orders = await listed(`/collection/${collection}/subprofiles`);
		const shared = orders.filter((order) => profiles.some((profile) => profile.ID === order.ID));
		// All three orders: Orders' 1000–1002 are Customers' 1000–1002 too.
		expect(shared.map((order) => order.fields.orderid)).toEqual(['O-1', 'O-2', 'O-3']);
		for (const order of shared) {
			const profile = profiles.find((candidate) => candidate.ID === order.ID)!;
			expect((await api().get(`/profile/${order.ID}`)).data).toMatchObject({ ID: order.ID, fields: { customerid: profile.fields.customerid } });
			expect((await api().get(`/subprofile/${order.ID}`)).data).toMatchObject({ ID: order.ID, fields: { orderid: order.fields.orderid } });
		}
		// O-2 (Anna's) has the ID of Bram's profile.
		const o2 = shared.find((order) => order.fields.orderid === 'O-2')!;
		const bram = (await api().get(`/profile/${o2.ID}`)).data;
		expect(bram.fields.customerid).toBe('C-1002');
		expect((await api().put(`/subprofile/${o2.ID}`, { fields: { status: 'shipped' } })).status).toBe(204);
		expect((await api().get(`/subprofile/${o2.ID}`)).data.fields.status).toBe('shipped');
		expect((await api().get(`/profile/${o2.ID}`)).data).toEqual(bram);
		expect((await api().delete(`/profile/${o2.ID}`)).status).toBe(204);
		// Bram's subprofile O-3 goes with him; Anna's O-2, with his ID, stays.
		expect((await listed(`/collection/${collection}/subprofiles`)).map((order) => order.fields.orderid)).toEqual(['O-1', 'O-2']);
	});

	it('a collection can have a database\'s ID: database/{id} is the database, collection/{id} the collection', async () => {
		const customers = (await api().get('/database/Customers')).data;
		const newsletter = (await api().get('/database/Newsletter')).data;
		const orders = (await api().get('/database/Customers/collections')).data.data[0];
		// Orders is the first collection and Customers the first database: both 1000.
		expect(orders.ID).toBe(customers.ID);
		expect(newsletter.ID).not.toBe(customers.ID);
		expect((await api().get(`/database/${orders.ID}`)).data.name).toBe('Customers');
		expect((await listed(`/collection/${orders.ID}/subprofiles`)).map((order) => order.fields.orderid)).toEqual(['O-1', 'O-2', 'O-3']);
		expect((await listed(`/database/${orders.ID}/profiles`)).map((profile) => profile.fields.customerid)).toEqual(['C-1001', 'C-1002', 'C-1003', 'C-1004']);
		// Fields too: a collection's field IDs and a database's start at 1000 alike.
		const orderFields = (await api().get(`/collection/${orders.ID}/fields`)).data.data as Array<{ ID: string; name: string }>;
		const customerFields = (await api().get(`/database/${customers.ID}/fields`)).data.data as Array<{ ID: string; name: string }>;
		expect(orderFields.map((field) => field.ID)).toEqual(customerFields.slice(0, 3).map((field) => field.ID));
		expect(orderFields.map((field) => field.name)).toEqual(['orderid', 'status', 'total']);
	});
});
