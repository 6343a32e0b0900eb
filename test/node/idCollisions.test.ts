import type { INodeParameters } from 'n8n-workflow';

import type { Seed } from '../../emulator/seed';
import { sampleSeed } from '../../emulator/seed';
import { runCopernicaNode } from '../harness/engine';
import { restApi, useEmulator } from '../harness/fixture';
import { databaseByName } from '../harness/parameters';

/**
 * IDs of different kinds can be equal, as in Copernica, where each kind is its own table
 * (emulator/store.ts newId): a subprofile can have a profile's ID, a collection a database's.
 * Through n8n's engine, the node sends each ID to the path of its own kind, so it changes the
 * entity meant and leaves the one of the other kind that shares its ID.
 *
 * The sample seed with a second collection of Customers, Returns: Orders (1000) has Customers'
 * ID, Returns (1001) Newsletter's, and the orders O-1, O-2, O-3 (1000–1002) and the return R-1
 * (1003) have the IDs of Anna, Bram, Chloé and Daan.
 */
function seed(): Seed {
	const base = sampleSeed();
	base.databases[0].collections!.push({
		name: 'Returns',
		fields: [{ name: 'returnid', type: 'text' }, { name: 'reason', type: 'text' }],
		subprofiles: [{ profile: 2, fields: { returnid: 'R-1', reason: 'too small' } }],
	});
	return base;
}

const copernica = useEmulator(seed);

const store = () => copernica.emulator.store;
const collectionOf = (name: string) => store().databases.flatMap((database) => database.collections).find((collection) => collection.name === name)!;
const subprofileWhere = (field: string, value: string) => [...store().subprofiles.values()].find((subprofile) => subprofile.fields[field] === value)!;
/** A profile as stored, copied (fields and interests), to compare before and after. */
const profileCopy = (id: number) => {
	const profile = store().profiles.get(id);
	return profile && { ...profile, fields: { ...profile.fields }, interests: [...profile.interests] };
};

function subprofileParameters(operation: string, collection: string, extra: INodeParameters): INodeParameters {
	return {
		resource: 'subprofile',
		operation,
		database: databaseByName('Customers'),
		collection: { __rl: true, mode: 'id', value: collection },
		...extra,
	};
}

async function requests(): Promise<string[]> {
	return (await copernica.client.log()).map((entry) => `${entry.method} ${entry.path}`);
}

describe('a subprofile with the ID of a profile', () => {
	it('Subprofile → Update changes the subprofile and leaves the profile with its ID', async () => {
		const o2 = subprofileWhere('orderid', 'O-2');
		const bram = profileCopy(o2.ID)!;
		// The premise: O-2 (Anna's order) has Bram's ID.
		expect([bram.fields.customerid, store().profiles.get(o2.profile)!.fields.customerid]).toEqual(['C-1002', 'C-1001']);
		const orders = String(collectionOf('Orders').ID);
		const { output, error } = await runCopernicaNode({
			parameters: subprofileParameters('update', orders, { subprofileId: String(o2.ID), fieldValues: { fields: [{ name: 'status', value: 'shipped' }] } }),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.ID, item.json.orderid, item.json.status])).toEqual([[String(o2.ID), 'O-2', 'shipped']]);
		expect(subprofileWhere('orderid', 'O-2').fields.status).toBe('shipped');
		expect(profileCopy(o2.ID)).toEqual(bram);
		expect((await copernica.client.writes()).map((entry) => [entry.method, entry.path, entry.body])).toEqual([['PUT', `subprofile/${o2.ID}`, { fields: { status: 'shipped' } }]]);
	});

	it('Subprofile → Unsubscribe runs the collection\'s behaviour on the subprofile, not the database\'s on the profile with its ID', async () => {
		const o3 = subprofileWhere('orderid', 'O-3');
		const chloe = profileCopy(o3.ID)!;
		expect(chloe.fields.customerid).toBe('C-1003');
		const orders = String(collectionOf('Orders').ID);
		const customers = String(store().database('Customers').ID);
		// Orders and Customers share an ID too: each behaviour is its own.
		expect(orders).toBe(customers);
		const api = restApi(copernica);
		expect((await api.put(`/collection/${orders}/unsubscribe`, { behavior: 'remove' })).status).toBe(204);
		expect((await api.put(`/database/${customers}/unsubscribe`, { behavior: 'update', fields: { city: 'Unsubscribed' } })).status).toBe(204);
		await copernica.client.clearLog();
		const { output, error } = await runCopernicaNode({
			parameters: subprofileParameters('unsubscribe', orders, { subprofileId: String(o3.ID) }),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ ID: String(o3.ID), unsubscribed: true, behavior: 'remove', removed: true });
		expect(store().subprofiles.get(o3.ID)!.removed).not.toBeNull();
		expect(profileCopy(o3.ID)).toEqual(chloe);
		expect((await copernica.client.writes()).map((entry) => `${entry.method} ${entry.path}`)).toEqual([`PUT subprofile/${o3.ID}/unsubscribe`]);
	});

	it('Subprofile → Get answers the subprofile and Profile → Get the profile, for the same ID', async () => {
		const o1 = subprofileWhere('orderid', 'O-1');
		const orders = String(collectionOf('Orders').ID);
		const order = await runCopernicaNode({ parameters: subprofileParameters('get', orders, { subprofileId: String(o1.ID) }), credentials: copernica.credentials });
		expect(order.error).toBeUndefined();
		expect(order.output.map((item) => item.json)).toEqual([{ ID: String(o1.ID), orderid: 'O-1', status: 'paid', total: '25.5', profile: String(o1.profile) }]);
		const profile = await runCopernicaNode({
			parameters: { resource: 'profile', operation: 'get', database: databaseByName('Customers'), profileId: String(o1.ID) },
			credentials: copernica.credentials,
		});
		expect(profile.error).toBeUndefined();
		// Anna has the ID of her own first order.
		expect(profile.output.map((item) => [item.json.ID, item.json.customerid])).toEqual([[String(o1.ID), 'C-1001']]);
		expect(await requests()).toContain(`GET subprofile/${o1.ID}`);
		expect(await requests()).toContain(`GET profile/${o1.ID}`);
	});
});

describe('a collection with the ID of a database', () => {
	it('Subprofile → Get Many of a collection by ID reads that collection, not the database with its ID', async () => {
		const returns = collectionOf('Returns');
		const newsletter = store().database('Newsletter');
		// The premise: Returns (of Customers) has the ID of the Newsletter database.
		expect(returns.ID).toBe(newsletter.ID);
		const { output, error } = await runCopernicaNode({
			parameters: subprofileParameters('getMany', String(returns.ID), { returnAll: true }),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		const r1 = subprofileWhere('returnid', 'R-1');
		expect(output.map((item) => item.json)).toEqual([{ ID: String(r1.ID), returnid: 'R-1', reason: 'too small', profile: String(r1.profile) }]);
		// Every request that names the ID names it as a collection; none reads the Newsletter database.
		const paths = await requests();
		const naming = paths.filter((path) => path.split(/[ /]/).includes(String(returns.ID)));
		expect(naming).toContain(`GET collection/${returns.ID}/subprofiles`);
		expect(naming.filter((path) => !path.startsWith(`GET collection/${returns.ID}/`))).toEqual([]);
		expect(paths.filter((path) => path.toLowerCase().includes('database/newsletter'))).toEqual([]);
	});

	it('Subprofile → Get Many of Orders by its ID, which is Customers\' own, lists the orders', async () => {
		const orders = collectionOf('Orders');
		expect(orders.ID).toBe(store().database('Customers').ID);
		const { output, error } = await runCopernicaNode({
			parameters: subprofileParameters('getMany', String(orders.ID), { returnAll: true }),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.orderid)).toEqual(['O-1', 'O-2', 'O-3']);
		expect(output.every((item) => item.json.customerid === undefined)).toBe(true);
	});
});
