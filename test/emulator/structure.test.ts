import type { AxiosInstance } from 'axios';

import { restApiVersions, useEmulator } from '../harness/fixture';
import { sampleIds } from '../harness/sampleIds';

/**
 * Unsubscribe behaviours and database structure (copernica-mailings.md §4.2 "Unsubscribes",
 * "Database structure"), over HTTP on v3 and v4 (the same paths on both).
 */
const copernica = useEmulator();

const VERSIONS = restApiVersions(copernica);

async function profileId(api: AxiosInstance, customerid: string): Promise<string> {
	return (await api.get(`/database/Customers/profiles?fields%5B%5D=${encodeURIComponent(`customerid==${customerid}`)}`)).data.data[0].ID;
}

describe.each(VERSIONS)('unsubscribe on %s', (_version, connect) => {
	it('reads and sets a database\'s behaviour; nothing (the default) changes nothing but records the event', async () => {
		const { api, ms } = await connect();
		expect((await api.get('/database/Customers/unsubscribe')).data).toEqual({ behavior: 'nothing', fields: [] });
		const anna = await profileId(api, 'C-1001');
		const before = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001');
		const answer = await api.put(`/profile/${anna}/unsubscribe`);
		expect([answer.status, answer.data]).toEqual([204, '']);
		expect(await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001')).toEqual(before);
		const events = await copernica.client.mailingEvents();
		expect(events.map((event) => [event.kind, event.mailing, event.profile, event.source])).toEqual([['unsubscribes', null, Number(anna), 'rest']]);
		const listed = (await api.get(`/${ms}/unsubscribes`)).data;
		// The account-wide list shows only what the docs list for it: no profile (copernica-mailings.md §4.2).
		expect(listed.data.map((event: { profile?: string; mailing: string | null; source: string }) => [event.profile, event.mailing, event.source])).toEqual([[undefined, null, 'rest']]);
	});

	it('update writes the stored fields; remove removes the profile', async () => {
		const { api } = await connect();
		const set = await api.put('/database/Customers/unsubscribe', { behavior: 'update', fields: { city: 'unsubscribed', age: 'n/a' } });
		expect([set.status, set.data]).toEqual([204, '']);
		expect((await api.get('/database/Customers/unsubscribe')).data).toEqual({ behavior: 'update', fields: { city: 'unsubscribed', age: 'n/a' } });
		await api.put(`/profile/${await profileId(api, 'C-1001')}/unsubscribe`);
		const [anna] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001');
		expect([anna.fields.city, anna.fields.age]).toEqual(['unsubscribed', '0']);

		await api.put('/database/Customers/unsubscribe', { behavior: 'remove' });
		// The fields stay stored (used only with update).
		expect((await api.get('/database/Customers/unsubscribe')).data).toEqual({ behavior: 'remove', fields: { city: 'unsubscribed', age: 'n/a' } });
		const bram = await profileId(api, 'C-1002');
		await api.put(`/profile/${bram}/unsubscribe`);
		expect((await api.get(`/profile/${bram}`)).data.removed).not.toBe(false);
		expect((await api.get('/database/Customers/profiles')).data.total).toBe(3);
		// Again on the removed profile: a silent success.
		expect((await api.put(`/profile/${bram}/unsubscribe`)).status).toBe(204);
	});

	it('runs the behaviour when a mailing\'s recipient unsubscribes through its link', async () => {
		const { api, ms } = await connect();
		await api.put('/database/Customers/unsubscribe', { behavior: 'remove' });
		// None of the sample's customers (1000–1003) unsubscribes; of eight more (1005–1012, after
		// Newsletter's Erik, 1004), M-8 does (1012 % 11 == 0). Anna (1000) does not.
		await copernica.client.addProfiles('Customers', 8, { customerid: 'M-{n}', email: 'more{n}@example.com' });
		for (const customerid of ['M-8', 'C-1001']) {
			expect((await api.post(`/${ms}/emailing`, { target: await profileId(api, customerid), targettype: 'profile', template: Number(sampleIds.template('Welcome')) })).status).toBe(201);
		}
		const live = (await api.get('/database/Customers/profiles')).data.data.map((profile: { fields: { customerid: string } }) => profile.fields.customerid);
		expect(live).toEqual(['C-1001', 'C-1002', 'C-1003', 'C-1004', 'M-1', 'M-2', 'M-3', 'M-4', 'M-5', 'M-6', 'M-7']);
		const events = await copernica.client.mailingEvents();
		expect(events.filter((event) => event.kind === 'unsubscribes').map((event) => event.source)).toEqual(['link']);
	});

	it('ignores a behaviour it cannot read and fields that are no object, without an error', async () => {
		const { api } = await connect();
		await api.put('/database/Customers/unsubscribe', { behavior: 'update', fields: { city: 'x' } });
		const answer = await api.put('/database/Customers/unsubscribe', { behavior: 'delete', fields: 'city=y' });
		expect([answer.status, answer.data]).toEqual([204, '']);
		expect((await api.get('/database/Customers/unsubscribe')).data).toEqual({ behavior: 'update', fields: { city: 'x' } });
	});

	it('runs a collection\'s behaviour for PUT subprofile/{id}/unsubscribe', async () => {
		const { api } = await connect();
		const collection = (await api.get('/database/Customers/collections')).data.data[0].ID;
		expect((await api.get(`/collection/${collection}/unsubscribe`)).data).toEqual({ behavior: 'nothing', fields: [] });
		await api.put(`/collection/${collection}/unsubscribe`, { behavior: 'update', fields: { status: 'unsubscribed' } });
		const [order] = (await api.get(`/collection/${collection}/subprofiles`)).data.data;
		expect((await api.put(`/subprofile/${order.ID}/unsubscribe`)).status).toBe(204);
		expect((await api.get(`/subprofile/${order.ID}`)).data.fields.status).toBe('unsubscribed');
		await api.put(`/collection/${collection}/unsubscribe`, { behavior: 'remove' });
		await api.put(`/subprofile/${order.ID}/unsubscribe`);
		expect((await api.get(`/collection/${collection}/subprofiles`)).data.total).toBe(2);
		const missing = await api.put('/subprofile/1/unsubscribe');
		expect([missing.status, missing.data]).toEqual([400, { error: { message: 'No entity with supplied ID' } }]);
	});

	it('keeps a collection\'s behaviour apart from that of the database with the same ID', async () => {
		const { api } = await connect();
		const database = (await api.get('/database/Customers')).data.ID;
		const collection = (await api.get('/database/Customers/collections')).data.data[0].ID;
		// Orders and Customers are both 1000: each kind has its own IDs (emulator/store.ts newId).
		expect(collection).toBe(database);
		await api.put(`/collection/${collection}/unsubscribe`, { behavior: 'remove' });
		expect((await api.get(`/database/${database}/unsubscribe`)).data).toEqual({ behavior: 'nothing', fields: [] });
		await api.put(`/database/${database}/unsubscribe`, { behavior: 'update', fields: { city: 'gone' } });
		expect((await api.get(`/collection/${collection}/unsubscribe`)).data).toEqual({ behavior: 'remove', fields: [] });
		// The profile with the subprofile's ID is updated by its database's behaviour, the subprofile removed by its collection's.
		const [order] = (await api.get(`/collection/${collection}/subprofiles`)).data.data;
		await api.put(`/profile/${order.ID}/unsubscribe`);
		expect((await api.get(`/profile/${order.ID}`)).data).toMatchObject({ removed: false, fields: { city: 'gone' } });
		expect((await api.get(`/subprofile/${order.ID}`)).data.removed).toBe(false);
		await api.put(`/subprofile/${order.ID}/unsubscribe`);
		expect((await api.get(`/subprofile/${order.ID}`)).data.removed).not.toBe(false);
		expect((await api.get(`/profile/${order.ID}`)).data.removed).toBe(false);
	});
});

describe.each(VERSIONS)('structure on %s', (version, connect) => {
	it('creates a field that PUT database/{id}/profiles can then write and select on', async () => {
		const { api } = await connect();
		const created = await api.post('/database/Customers/fields', { name: 'loyalty', type: 'integer', value: '5', displayed: true, textlines: '3', index: 'yes' });
		expect([created.status, created.data]).toEqual([201, '']);
		const id = created.headers['x-created'];
		const database = (await api.get('/database/Customers')).data.ID;
		expect(created.headers.location).toBe(`${copernica.emulator.baseUrl}/database/${database}/field/${id}`);
		const fields = (await api.get('/database/Customers/fields')).data;
		expect(fields.total).toBe(8);
		expect(fields.data[7]).toEqual({ ID: id, name: 'loyalty', type: 'integer', value: '5', displayed: true, ordered: false, length: '255', textlines: '3', hidden: false, index: true });
		// Existing profiles get the default.
		expect((await copernica.client.profilesWhere('Customers', 'loyalty', '5')).length).toBe(4);
		const put = await api.put(`/database/Customers/profiles?fields%5B%5D=${encodeURIComponent('customerid==C-1002')}`, { fields: { LOYALTY: '12abc' } });
		expect(put.status).toBe(204);
		const selected = (await api.get(`/database/Customers/profiles?fields%5B%5D=${encodeURIComponent('loyalty>10')}`)).data;
		expect(selected.data.map((profile: { fields: { customerid: string; loyalty: string } }) => [profile.fields.customerid, profile.fields.loyalty])).toEqual([['C-1002', '12']]);
		const createdProfile = await api.put(`/database/Customers/profiles?fields%5B%5D=${encodeURIComponent('customerid==C-7')}&create=1`, { fields: { customerid: 'C-7' } });
		expect(createdProfile.status).toBe(201);
		expect((await copernica.client.profilesWhere('Customers', 'customerid', 'C-7'))[0].fields.loyalty).toBe('5');
	});

	it('refuses a missing or duplicate name and a second email, phone_fax or phone_gsm field; an unknown type is text', async () => {
		const { api } = await connect();
		const refusals: Array<[Record<string, unknown>, string]> = [
			[{ type: 'text' }, 'Parameter name is required'],
			[{ name: ' ' }, 'Parameter name is required'],
			[{ name: 'CITY' }, 'A field with this name already exists'],
			[{ name: 'email2', type: 'email' }, 'There can only be one field of type email'],
		];
		for (const [body, message] of refusals) {
			const answer = await api.post('/database/Customers/fields', body);
			expect([answer.status, answer.data]).toEqual([400, { error: { message } }]);
		}
		expect((await api.post('/database/Customers/fields', { name: 'mobile', type: 'phone_gsm' })).status).toBe(201);
		const second = await api.post('/database/Customers/fields', { name: 'mobile2', type: 'phone_gsm' });
		expect([second.status, second.data]).toEqual([400, { error: { message: 'There can only be one field of type phone_gsm' } }]);
		expect((await api.post('/database/Customers/fields', { name: 'note', type: 'memo' })).status).toBe(201);
		const types = (await api.get('/database/Customers/fields')).data.data.map((field: { name: string; type: string }) => [field.name, field.type]);
		expect(types.slice(7)).toEqual([['mobile', 'phone_gsm'], ['note', 'text']]);
	});

	it('creates collection fields the subprofile routes can use, and interests', async () => {
		const { api } = await connect();
		const collection = (await api.get('/database/Customers/collections')).data.data[0].ID;
		expect((await api.post(`/collection/${collection}/fields`, { name: 'shipped', type: 'date' })).status).toBe(201);
		expect((await api.post(`/collection/${collection}/fields`, { name: 'contact', type: 'email' })).status).toBe(201);
		const again = await api.post(`/collection/${collection}/fields`, { name: 'contact2', type: 'email' });
		expect([again.status, again.data]).toEqual([400, { error: { message: 'There can only be one field of type email' } }]);
		await api.put(`/collection/${collection}/subprofiles?fields%5B%5D=${encodeURIComponent('orderid==O-1')}`, { fields: { shipped: '2026-02-30' } });
		const [order] = (await api.get(`/collection/${collection}/subprofiles?fields%5B%5D=${encodeURIComponent('orderid==O-1')}`)).data.data;
		expect(order.fields.shipped).toBe('2026-03-02');

		const interest = await api.post('/database/Customers/interests', { name: 'tennis', group: 'sports', description: 'Racket sports' });
		expect([interest.status, interest.data]).toEqual([201, '']);
		const interests = (await api.get('/database/Customers/interests')).data.data;
		expect(interests[interests.length - 1]).toEqual({ ID: interest.headers['x-created'], name: 'tennis', group: 'sports' });
		const stored = copernica.emulator.store.database('Customers').interests.at(-1);
		expect(stored?.description).toBe(version === 'v4' ? 'Racket sports' : undefined);
		await api.put(`/profile/${await profileId(api, 'C-1001')}/interests`, ['tennis']);
		expect((await api.get(`/profile/${await profileId(api, 'C-1001')}/interests`)).data).toEqual(['tennis']);
		const noName = await api.post('/database/Customers/interests', { group: 'sports' });
		expect([noName.status, noName.data]).toEqual([400, { error: { message: 'Parameter name is required' } }]);
	});
});
