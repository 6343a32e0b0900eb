import type { INodeParameters } from 'n8n-workflow';

import type { Seed } from '../../emulator/seed';
import { sampleSeed } from '../../emulator/seed';
import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName } from '../harness/parameters';

/**
 * Subprofile → Create, Get, Get Many, Update, Update Many and Delete through n8n's engine. The
 * Customers database has an Orders collection: three orders of Anna and Bram, and 1,200 orders
 * of Daan, more than one page of 1,000.
 */
const DAAN_ORDERS = 1200;

function seed(): Seed {
	const base = sampleSeed();
	const orders = base.databases[0].collections![0];
	for (let index = 0; index < DAAN_ORDERS; index++) {
		orders.subprofiles!.push({ profile: 3, fields: { orderid: `D-${index}`, status: index % 2 ? 'open' : 'paid', total: index } });
	}
	return base;
}

const copernica = useEmulator(seed);

interface Subprofile {
	ID: string;
	profile: string;
	fields: Record<string, string>;
}

/** The emulator's Orders collection, read over its API (so the test sees what Copernica would hold). */
async function orders(): Promise<{ collectionId: string; all: Subprofile[] }> {
	const store = copernica.emulator.store;
	const collection = store.databases[0].collections[0];
	const all = [...store.subprofiles.values()]
		.filter((subprofile) => subprofile.collection === collection.ID && subprofile.removed === null)
		.map((subprofile) => ({ ID: String(subprofile.ID), profile: String(subprofile.profile), fields: { ...subprofile.fields } }));
	return { collectionId: String(collection.ID), all };
}

async function orderById(orderid: string): Promise<Subprofile | undefined> {
	return (await orders()).all.find((subprofile) => subprofile.fields.orderid === orderid);
}

async function profileIdOf(customerid: string): Promise<string> {
	return (await copernica.client.profilesWhere('Customers', 'customerid', customerid))[0].ID;
}

async function run(operation: string, extra: INodeParameters, input?: Array<Record<string, string>>) {
	const { collectionId } = await orders();
	return await runCopernicaNode({
		parameters: {
			resource: 'subprofile',
			operation,
			database: databaseByName('Customers'),
			collection: collectionId,
			...extra,
		},
		credentials: copernica.credentials,
		input,
	});
}

function fieldRows(fields: Record<string, string>) {
	return { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) };
}

describe('Subprofile → Create', () => {
	it('POSTs a flat body under the profile and outputs the new subprofile', async () => {
		const anna = await profileIdOf('C-1001');
		const { output, error } = await run(
			'create',
			{ profileId: '={{ $json.customer }}', fieldValues: fieldRows({ orderid: '={{ $json.order }}', TOTAL: '19.95' }) },
			[{ customer: anna, order: 'O-100' }],
		);
		expect(error).toBeUndefined();
		const created = await orderById('O-100');
		expect(created).toMatchObject({ profile: anna, fields: { orderid: 'O-100', status: '', total: '19.95' } });
		expect(output.map((item) => item.json)).toEqual([{ ID: created!.ID, orderid: 'O-100', status: '', total: '19.95', profile: anna }]);
		const writes = await copernica.client.writes();
		expect(writes.map((entry) => [entry.method, entry.path, entry.body])).toEqual([
			['POST', `profile/${anna}/subprofiles/${(await orders()).collectionId}`, { orderid: 'O-100', total: '19.95' }],
		]);
	});

	it('a field the collection does not have is refused before anything is written', async () => {
		const { error } = await run('create', { profileId: await profileIdOf('C-1001'), fieldValues: fieldRows({ price: '1' }) });
		expect(error?.message).toBe('Fields to Set: the collection has no field "price" [item 0]');
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('a collection given by name is looked up among the database\'s collections', async () => {
		const anna = await profileIdOf('C-1001');
		const create = (name: string) =>
			runCopernicaNode({
				parameters: {
					resource: 'subprofile',
					operation: 'create',
					database: databaseByName('Customers'),
					collection: { __rl: true, mode: 'name', value: name },
					profileId: anna,
					fieldValues: fieldRows({ orderid: 'O-200' }),
				},
				credentials: copernica.credentials,
			});
		const byName = await create('orders');
		expect(byName.error).toBeUndefined();
		expect((await orderById('O-200'))?.profile).toBe(anna);
		await copernica.client.clearLog();
		const unknown = await create('Bookings');
		expect(unknown.error?.message).toBe('The database has no collection "Bookings" [item 0]');
		expect(unknown.error?.description).toBe('Use one of: Orders.');
		expect((await copernica.client.log()).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET database/Customers/collections',
		]);
	});
});

describe('Subprofile → Get and Get Many', () => {
	it('Get reads one subprofile by ID', async () => {
		const o3 = (await orderById('O-3'))!;
		const { output } = await run('get', { subprofileId: o3.ID });
		expect(output[0].json).toEqual({ ID: o3.ID, ...o3.fields, profile: o3.profile });
	});

	it('Get Many with Return All pages past 1,000 through the whole collection', async () => {
		const { output, error } = await run('getMany', { returnAll: true });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3 + DAAN_ORDERS);
		const pages = (await copernica.client.log()).filter((entry) => entry.path.endsWith('/subprofiles')).map((entry) => Object.fromEntries(entry.query));
		expect(pages.map((query) => [query.start, query.limit, query.dataonly])).toEqual([
			['0', '1000', 'true'],
			['1000', '1000', 'true'],
		]);
	});

	it('Get Many of one profile, with a selection checked against the collection and a Limit', async () => {
		const daan = await profileIdOf('C-1004');
		const { output, error } = await run('getMany', {
			profileId: daan,
			limit: 3,
			selection: { conditions: [{ field: 'status', operator: 'equals', value: 'open' }] },
			options: { orderBy: 'total', orderDirection: 'desc' },
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.orderid, item.json.profile])).toEqual([
			['D-999', daan],
			['D-997', daan],
			['D-995', daan],
		]);
		const list = (await copernica.client.log()).at(-1)!;
		expect(list.path).toBe(`profile/${daan}/subprofiles/${(await orders()).collectionId}`);
	});

	it('Get Many refuses a condition on a field the collection does not have', async () => {
		const { error } = await run('getMany', {
			selection: { conditions: [{ field: 'state', operator: 'equals', value: 'open' }] },
		});
		expect(error?.message).toBe('Condition 1: the collection has no field "state" [item 0]');
		expect((await copernica.client.log()).map((entry) => entry.path)).toEqual(['database/Customers/collections', `collection/${(await orders()).collectionId}/fields`]);
	});
});

describe('Subprofile → Update and Update Many', () => {
	it('Update PUTs subprofile/{id} with only the fields set and outputs the result', async () => {
		const o2 = (await orderById('O-2'))!;
		const { output, error } = await run('update', { subprofileId: o2.ID, fieldValues: fieldRows({ status: 'paid' }) });
		expect(error).toBeUndefined();
		expect((await orderById('O-2'))!.fields).toEqual({ ...o2.fields, status: 'paid' });
		expect(output[0].json.status).toBe('paid');
		expect((await copernica.client.writes()).map((entry) => [entry.method, entry.path, entry.body])).toEqual([
			['PUT', `subprofile/${o2.ID}`, { fields: { status: 'paid' } }],
		]);
	});

	it('Update Many changes exactly the subprofiles the selection matches', async () => {
		const { output, error } = await run('updateMany', {
			selection: { conditions: [{ field: 'orderid', operator: 'like', value: 'O-%' }, { field: 'status', operator: 'equals', value: 'open' }] },
			fieldValues: fieldRows({ status: 'shipped' }),
		});
		expect(error).toBeUndefined();
		const statuses = (await orders()).all.filter((o) => o.fields.orderid.startsWith('O-')).map((o) => [o.fields.orderid, o.fields.status]);
		expect(statuses).toEqual([
			['O-1', 'paid'],
			['O-2', 'shipped'],
			['O-3', 'shipped'],
		]);
		expect(output[0].json).toEqual({ collection: (await orders()).collectionId, selection: ['orderid=~O-%', 'status==open'], statusCode: 204 });
		const put = (await copernica.client.writes())[0];
		expect(put.query.filter(([key]) => key !== 'access_token')).toEqual([
			['fields[]', 'orderid=~O-%'],
			['fields[]', 'status==open'],
		]);
		expect(put.body).toEqual({ fields: { status: 'shipped' } });
	});

	it('Update Many refuses an empty selection, a misspelt field and an empty value before anything is written', async () => {
		const cases: Array<[INodeParameters, string]> = [
			[{ selection: { conditions: [] } }, 'The selection is empty [item 0]'],
			[{ selection: { conditions: [{ field: 'sttus', operator: 'equals', value: 'open' }] } }, 'Condition 1: the collection has no field "sttus" [item 0]'],
			[{ selection: { conditions: [{ field: 'status', operator: 'equals', value: '' }] } }, 'Condition 1: the value is empty [item 0]'],
			[{ selection: { conditions: [{ field: 'status ', operator: 'equals', value: 'open' }] } }, 'Condition 1: the field "status " has spaces around it [item 0]'],
		];
		for (const [parameters, message] of cases) {
			const { error } = await run('updateMany', { ...parameters, fieldValues: fieldRows({ status: 'x' }) });
			expect(error?.message).toBe(message);
		}
		expect(await copernica.client.writes()).toEqual([]);
		expect((await orders()).all.every((o) => o.fields.status !== 'x')).toBe(true);
	});

	it('Update and Update Many with no field to set are refused before any request', async () => {
		const o1 = (await orderById('O-1'))!;
		const selection = { conditions: [{ field: 'status', operator: 'equals', value: 'open' }] };
		for (const [operation, extra] of [['updateMany', { selection }], ['update', { subprofileId: o1.ID }]] as const) {
			const { error } = await run(operation, { ...extra, fieldValues: { fields: [] } });
			expect(error?.message).toBe('Nothing to set [item 0]');
		}
		expect(await copernica.client.log()).toEqual([]);
	});

	it('Update Many with Max Matches refuses a selection that matches more, and Preview Only changes nothing', async () => {
		const selection = { conditions: [{ field: 'status', operator: 'equals', value: 'open' }] };
		const refused = await run('updateMany', { selection, fieldValues: fieldRows({ status: 'x' }), options: { maxMatches: 10 } });
		expect(refused.error?.message).toBe(
			`The selection matches ${2 + DAAN_ORDERS / 2} subprofiles, more than Max Matches (10); nothing was changed [item 0]`,
		);
		const preview = await run('updateMany', { selection, fieldValues: fieldRows({ status: 'x' }), options: { preview: true } });
		expect(preview.output[0].json).toMatchObject({ preview: true, matches: 2 + DAAN_ORDERS / 2, wouldSend: { fields: { status: 'x' } } });
		expect(preview.output[0].json.subprofiles).toHaveLength(100);
		expect(await copernica.client.writes()).toEqual([]);
	});
});

describe('Subprofile → Delete', () => {
	it('removes the subprofile; a second delete counts as deleted', async () => {
		const o1 = (await orderById('O-1'))!;
		const first = await run('delete', { subprofileId: o1.ID });
		expect(first.output[0].json).toEqual({ deleted: true });
		expect(await orderById('O-1')).toBeUndefined();
		const again = await run('delete', { subprofileId: o1.ID });
		expect(again.error).toBeUndefined();
		expect(again.output[0].json).toEqual({ deleted: true });
	});
});

describe('a collection given by ID must be one of the chosen database\'s', () => {
	it('Update Many refuses the Orders ID under Newsletter, and a database ID typed as a collection, before any write', async () => {
		const { collectionId } = await orders();
		const newsletterId = String(copernica.emulator.store.databases.find((database) => database.name === 'Newsletter')!.ID);
		const before = JSON.stringify((await orders()).all);
		const cases: Array<[INodeParameters, string]> = [
			// An ID picked for Customers, after the Database was switched to Newsletter.
			[{ database: databaseByName('Newsletter'), collection: { __rl: true, mode: 'id', value: collectionId } }, `The collection ${collectionId} is not in the chosen database "Newsletter"; nothing was sent [item 0]`],
			// Newsletter's database ID typed into Collection: Customers has no collection of that ID (IDs are per kind).
			[{ collection: { __rl: true, mode: 'id', value: newsletterId } }, `The collection ${newsletterId} is not in the chosen database "Customers"; nothing was sent [item 0]`],
		];
		for (const [parameters, message] of cases) {
			await copernica.client.clearLog();
			const { error } = await run('updateMany', { ...parameters, selection: { conditions: [{ field: 'status', operator: 'equals', value: 'open' }] }, fieldValues: fieldRows({ status: 'x' }) });
			expect(error?.message).toBe(message);
			expect((await copernica.client.log()).filter((entry) => entry.method !== 'GET')).toEqual([]);
		}
		expect(JSON.stringify((await orders()).all)).toBe(before);
	});
});
