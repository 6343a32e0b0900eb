import type { AxiosInstance } from 'axios';

import { restApiVersions, useEmulator } from '../harness/fixture';
import { sampleIds } from '../harness/sampleIds';

/**
 * Selections (copernica-mailings.md §4.2 "Selections (views and miniviews)"): the sample's
 * views on Customers (Amsterdam, its child Amsterdam over 40, Gold or 50+) and the Orders
 * miniview Open orders, membership as of the last build.
 */
const copernica = useEmulator();

const VERSIONS = restApiVersions(copernica);

async function setup(api: AxiosInstance) {
	const database = (await api.get('/database/Customers')).data;
	const views = (await api.get(`/database/${database.ID}/views`)).data.data as Array<{ ID: string; name: string }>;
	const byName = Object.fromEntries(views.map((view) => [view.name, view.ID]));
	return { database: database.ID as string, collection: database.collections.data[0].ID as string, views: byName };
}

/** POST {kind}/{id}/rebuild and one request more: the rebuild is done once the next request's answer has gone out (emulator/mailingStore.ts requestRebuild). */
async function rebuildAndWait(api: AxiosInstance, kind: 'view' | 'miniview', id: string): Promise<void> {
	expect((await api.post(`/${kind}/${id}/rebuild`)).status).toBe(204);
	await api.get(`/${kind}/${id}`);
}

const customerIds = (list: { data: Array<{ fields: { customerid: string } }> }) => list.data.map((profile) => profile.fields.customerid);

describe.each(VERSIONS)('views on %s', (_version, connect) => {
	it('lists a database\'s top views with the documented fields, and nested views below their parent', async () => {
		const { api } = await connect();
		const { database, views } = await setup(api);
		const list = (await api.get(`/database/${database}/views`)).data;
		expect(list).toMatchObject({ start: 0, limit: 100, count: 2, total: 2 });
		expect(list.data[0]).toEqual({
			ID: views.Amsterdam,
			name: 'Amsterdam',
			description: 'Customers in Amsterdam',
			'parent-type': 'database',
			'parent-id': database,
			// Strings, as Copernica returns its values (copernica-api.md §3.1).
			'has-children': 'true',
			'has-referred': 'false',
			'has-rules': 'true',
			database,
			'last-built': expect.stringMatching(/^2026-01-01 \d\d:\d\d:\d\d$/),
			intentions: { email: true, sms: false, fax: false, pdf: false },
		});
		const nested = (await api.get(`/view/${views.Amsterdam}/views`)).data;
		expect(nested.data.map((view: { name: string; 'parent-type': string; 'parent-id': string }) => [view.name, view['parent-type'], view['parent-id']])).toEqual([
			['Amsterdam over 40', 'view', views.Amsterdam],
		]);
		expect((await api.get(`/view/${nested.data[0].ID}`)).data).toMatchObject({ name: 'Amsterdam over 40', 'has-children': 'false', 'has-rules': 'true' });
		const rules = (await api.get(`/view/${views['Gold or 50+']}/rules`)).data;
		expect(rules.data.map((rule: { conditions: string[] }) => rule.conditions)).toEqual([['segment==gold'], ['age>=50']]);
		const missing = await api.get('/view/999');
		expect([missing.status, missing.data]).toEqual([400, { error: { message: 'No view with supplied ID' } }]);
		const tooLong = await api.get(`/database/${database}/views/${views.Amsterdam}`);
		expect([tooLong.status, tooLong.data]).toEqual([400, { error: { message: 'Invalid method' } }]);
		const unknownDatabase = await api.get('/database/Nope/views');
		expect([unknownDatabase.status, unknownDatabase.data]).toEqual([400, { error: { message: 'No database with supplied ID' } }]);
	});

	it('gives each kind its own ID sequence: a view, a miniview, a template and a database can share an ID, and each path finds its own', async () => {
		const { api, ms, publisher } = await connect();
		const { database, collection, views } = await setup(api);
		const miniview = (await api.get(`/collection/${collection}/miniviews`)).data.data[0].ID as string;
		const template = (await api.get(`/${ms}/templates`)).data.data[0].id as string;
		const document = (await api.get(`/${publisher}/template/${sampleIds.publisherTemplate('Newsletter layout')}/documents`)).data.data[0].ID as string;
		expect([views.Amsterdam, miniview, template, document]).toEqual([database, database, database, database]);
		expect((await api.get(`/view/${database}`)).data.name).toBe('Amsterdam');
		expect((await api.get(`/miniview/${database}`)).data.name).toBe('Open orders');
		expect((await api.get(`/database/${database}`)).data.name).toBe('Customers');
		// A view's children are views: the miniview that shares its parent's ID is not among them.
		expect((await api.get(`/view/${views.Amsterdam}/views`)).data.data.map((view: { name: string }) => view.name)).toEqual(['Amsterdam over 40']);
		expect((await api.get(`/miniview/${miniview}/miniviews`)).data.total).toBe(0);
	});

	it('lists a view\'s profiles like database profiles (paged, fields[], dataonly) and its profile IDs', async () => {
		const { api } = await connect();
		const { views } = await setup(api);
		const profiles = (await api.get(`/view/${views.Amsterdam}/profiles`)).data;
		expect(profiles).toMatchObject({ start: 0, count: 2, total: 2 });
		expect(customerIds(profiles)).toEqual(['C-1001', 'C-1004']);
		expect(Object.keys(profiles.data[0])).toEqual(['ID', 'fields', 'interests', 'modified', 'database', 'secret', 'created', 'removed']);
		const dataOnly = (await api.get(`/view/${views.Amsterdam}/profiles`, { params: { dataonly: 'true', limit: 1, start: 1 } })).data;
		expect(dataOnly).toMatchObject({ start: 1, limit: 1, count: 1, total: 2 });
		expect(Object.keys(dataOnly.data[0])).toEqual(['ID', 'fields', 'interests', 'modified']);
		const older = (await api.get(`/view/${views.Amsterdam}/profiles?fields%5B%5D=${encodeURIComponent('age>40')}`)).data;
		expect(customerIds(older)).toEqual(['C-1004']);
		// ORed rules: gold (Bram) or 50+ (Bram again): one profile.
		expect(customerIds((await api.get(`/view/${views['Gold or 50+']}/profiles`)).data)).toEqual(['C-1002']);
		const ids = (await api.get(`/view/${views.Amsterdam}/profileids`)).data;
		expect(ids).toEqual([profiles.data[0].ID, profiles.data[1].ID]);
	});

	it('keeps the membership of the last build until POST view/{id}/rebuild', async () => {
		const { api, ms } = await connect();
		const { views } = await setup(api);
		const builtBefore = (await api.get(`/view/${views.Amsterdam}`)).data['last-built'];
		// Chloé moves to Amsterdam and Anna leaves: the view does not see it yet.
		await api.put(`/database/Customers/profiles?fields%5B%5D=${encodeURIComponent('customerid==C-1003')}`, { fields: { city: 'Amsterdam', age: 45 } });
		await api.put(`/database/Customers/profiles?fields%5B%5D=${encodeURIComponent('customerid==C-1001')}`, { fields: { city: 'Delft' } });
		expect(customerIds((await api.get(`/view/${views.Amsterdam}/profiles`)).data)).toEqual(['C-1001', 'C-1004']);
		const staleSend = (await api.post(`/${ms}/emailing`, { target: views.Amsterdam, targettype: 'view', template: Number(sampleIds.template('Welcome')) })).status;
		expect(staleSend).toBe(201);
		expect((await copernica.client.mailings())[0].destinations).toBe(2);
		const [anna] = await copernica.client.mailingDestinations((await copernica.client.mailings())[0].ID);
		expect(anna.recipient).toBe('anna@example.com');

		const rebuild = await api.post(`/view/${views.Amsterdam}/rebuild`);
		expect([rebuild.status, rebuild.data]).toEqual([204, '']);
		// In the background: the request right after the rebuild still sees the last build, the one after that the new one.
		expect(customerIds((await api.get(`/view/${views.Amsterdam}/profiles`)).data)).toEqual(['C-1001', 'C-1004']);
		const builtAfter = (await api.get(`/view/${views.Amsterdam}`)).data['last-built'];
		expect(builtAfter > builtBefore).toBe(true);
		expect(customerIds((await api.get(`/view/${views.Amsterdam}/profiles`)).data)).toEqual(['C-1003', 'C-1004']);
		// The child draws on its parent's last build, and has not been rebuilt itself.
		const child = (await api.get(`/view/${views.Amsterdam}/views`)).data.data[0].ID;
		expect(customerIds((await api.get(`/view/${child}/profiles`)).data)).toEqual(['C-1004']);
		await rebuildAndWait(api, 'view', child);
		expect(customerIds((await api.get(`/view/${child}/profiles`)).data)).toEqual(['C-1003', 'C-1004']);
	});

	it('rebuilds in the background: a send and a read right after POST view/{id}/rebuild still get the last build', async () => {
		const { api, ms } = await connect();
		const { views } = await setup(api);
		const builtBefore = (await api.get(`/view/${views.Amsterdam}`)).data['last-built'];
		await api.put(`/database/Customers/profiles?fields%5B%5D=${encodeURIComponent('customerid==C-1002')}`, { fields: { city: 'Amsterdam' } });
		expect((await api.post(`/view/${views.Amsterdam}/rebuild`)).status).toBe(204);
		// The next request: a send to the view goes to the old members.
		expect((await api.post(`/${ms}/emailing`, { target: views.Amsterdam, targettype: 'view', template: Number(sampleIds.template('Welcome')) })).status).toBe(201);
		expect((await copernica.client.mailings())[0].destinations).toBe(2);
		const after = (await api.get(`/view/${views.Amsterdam}`)).data;
		expect(after['last-built'] > builtBefore).toBe(true);
		expect(customerIds((await api.get(`/view/${views.Amsterdam}/profiles`)).data)).toEqual(['C-1001', 'C-1002', 'C-1004']);
	});

	it('pages profileids as database/{id}/profileids: a plain array of at most 100 by default, 1,000 at most', async () => {
		const { api } = await connect();
		const { views } = await setup(api);
		await copernica.client.addProfiles('Customers', 1200, { customerid: 'P-{n}', city: 'Amsterdam' });
		await rebuildAndWait(api, 'view', views.Amsterdam);
		expect((await api.get(`/view/${views.Amsterdam}/profiles`)).data.total).toBe(1202);
		// No total: a count taken from this list's length sees one page.
		expect((await api.get(`/view/${views.Amsterdam}/profileids`)).data).toHaveLength(100);
		expect((await api.get(`/view/${views.Amsterdam}/profileids`, { params: { limit: 5000 } })).data).toHaveLength(1000);
		expect((await api.get(`/view/${views.Amsterdam}/profileids`, { params: { start: 1000, limit: 1000 } })).data).toHaveLength(202);
	});

	it('drops removed profiles from the list without a rebuild', async () => {
		const { api } = await connect();
		const { views } = await setup(api);
		const [first] = (await api.get(`/view/${views.Amsterdam}/profileids`)).data;
		expect((await api.delete(`/profile/${first}`)).status).toBe(204);
		expect(customerIds((await api.get(`/view/${views.Amsterdam}/profiles`)).data)).toEqual(['C-1004']);
	});

	it('lists a collection\'s miniviews and a miniview\'s subprofiles, rebuilt on request', async () => {
		const { api } = await connect();
		const { collection } = await setup(api);
		const miniviews = (await api.get(`/collection/${collection}/miniviews`)).data;
		expect(miniviews.data.map((miniview: { name: string; collection: string; 'parent-type': string }) => [miniview.name, miniview.collection, miniview['parent-type']])).toEqual([
			['Open orders', collection, 'collection'],
		]);
		const id = miniviews.data[0].ID;
		const orders = (await api.get(`/miniview/${id}/subprofiles`)).data;
		expect(orders.data.map((subprofile: { fields: { orderid: string } }) => subprofile.fields.orderid)).toEqual(['O-2', 'O-3']);
		await api.put(`/collection/${collection}/subprofiles?fields%5B%5D=${encodeURIComponent('orderid==O-1')}`, { fields: { status: 'open' } });
		expect((await api.get(`/miniview/${id}/subprofileids`)).data).toHaveLength(2);
		await rebuildAndWait(api, 'miniview', id);
		expect((await api.get(`/miniview/${id}/subprofileids`)).data).toHaveLength(3);
		const missing = await api.get('/miniview/999/subprofiles');
		expect([missing.status, missing.data]).toEqual([400, { error: { message: 'No miniview with supplied ID' } }]);
	});
});
