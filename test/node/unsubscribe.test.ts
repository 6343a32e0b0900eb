import type { INodeParameters } from 'n8n-workflow';

import { runCopernicaNode } from '../harness/engine';
import { restApi, useEmulator } from '../harness/fixture';
import { schemaViolations, shippedSchema } from '../harness/outputSchema';
import { databaseByName } from '../harness/parameters';
import { runWithoutLeaks } from '../harness/runWithoutLeaks';

/**
 * Profile and Subprofile → Unsubscribe through n8n's engine: `PUT profile/{id}/unsubscribe` (empty
 * body) runs the database's unsubscribe behaviour (copernica-mailings.md §4.2 "Unsubscribes"); the
 * node confirms the profile is in the chosen database first, reads the behaviour, and reads the
 * profile back, so the item says what happened.
 */
const copernica = useEmulator();

const store = () => copernica.emulator.store;
const profileOf = (customerid: string) => [...store().profiles.values()].find((profile) => profile.fields.customerid === customerid)!;
const orderOf = (orderid: string) => [...store().subprofiles.values()].find((order) => order.fields.orderid === orderid)!;
const customersId = () => String(profileOf('C-1001').database);
const ordersId = () => String(orderOf('O-1').collection);

async function setBehaviour(owner: 'database' | 'collection', id: string, behaviour: { behavior: string; fields?: Record<string, string> }) {
	expect((await restApi(copernica).put(`/${owner}/${id}/unsubscribe`, behaviour)).status).toBe(204);
	await copernica.client.clearLog();
}

function unsubscribeProfile(profileId: string | number, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'profile', operation: 'unsubscribe', database: databaseByName('Customers'), profileId: String(profileId), ...extra };
}

function unsubscribeOrder(subprofileId: string | number): INodeParameters {
	return {
		resource: 'subprofile',
		operation: 'unsubscribe',
		database: databaseByName('Customers'),
		collection: ordersId(),
		subprofileId: String(subprofileId),
	};
}

async function requests() {
	return (await copernica.client.log()).filter((entry) => entry.path !== 'authenticate').map((entry) => [entry.method, entry.path, entry.body ?? null]);
}

const fits = (resource: string, json: object) => schemaViolations(json, shippedSchema(resource, 'unsubscribe')!);

describe('Profile → Unsubscribe', () => {
	it('behaviour "update": the fields are changed, and the item says so with the profile as it now is', async () => {
		const anna = profileOf('C-1001');
		await setBehaviour('database', customersId(), { behavior: 'update', fields: { segment: 'silver', city: 'Unsubscribed' } });
		const { output, error } = await runCopernicaNode({ parameters: unsubscribeProfile(anna.ID), credentials: copernica.credentials });
		expect(error).toBeUndefined();
		expect(await requests()).toEqual([
			['GET', 'database/Customers', null],
			['GET', `profile/${anna.ID}`, null],
			['GET', `database/${customersId()}/unsubscribe`, null],
			['PUT', `profile/${anna.ID}/unsubscribe`, null],
			['GET', `profile/${anna.ID}`, null],
		]);
		expect(store().profiles.get(anna.ID)!.fields).toMatchObject({ segment: 'silver', city: 'Unsubscribed' });
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			ID: String(anna.ID),
			unsubscribed: true,
			behavior: 'update',
			fields: { segment: 'silver', city: 'Unsubscribed' },
			removed: false,
			profile: expect.objectContaining({ ID: String(anna.ID), customerid: 'C-1001', segment: 'silver', city: 'Unsubscribed', interests: expect.any(Array) }),
		});
		expect(fits('profile', output[0].json)).toEqual([]);
	});

	it('behaviour "nothing" (the default): the PUT is sent, nothing changes, and the item says so', async () => {
		const bram = profileOf('C-1002');
		const before = { ...bram.fields };
		const { output, error } = await runCopernicaNode({ parameters: unsubscribeProfile(bram.ID), credentials: copernica.credentials });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ ID: String(bram.ID), unsubscribed: true, behavior: 'nothing', removed: false, profile: { city: 'Utrecht' } });
		expect(output[0].json).not.toHaveProperty('fields');
		expect(store().profiles.get(bram.ID)!.fields).toEqual(before);
		expect((await copernica.client.writes()).map((entry) => [entry.method, entry.path])).toEqual([['PUT', `profile/${bram.ID}/unsubscribe`]]);
		expect((await copernica.client.mailingEvents()).filter((event) => event.kind === 'unsubscribes').map((event) => event.profile)).toEqual([bram.ID]);
		expect(fits('profile', output[0].json)).toEqual([]);
	});

	it('behaviour "remove": the profile is removed and the item says so; a re-run sends nothing and does not fail', async () => {
		const chloe = profileOf('C-1003');
		await setBehaviour('database', customersId(), { behavior: 'remove' });
		const first = await runCopernicaNode({ parameters: unsubscribeProfile(chloe.ID), credentials: copernica.credentials });
		expect(first.error).toBeUndefined();
		expect(first.output[0].json).toEqual({ ID: String(chloe.ID), unsubscribed: true, behavior: 'remove', removed: true });
		expect(store().profiles.get(chloe.ID)!.removed).not.toBeNull();
		expect(fits('profile', first.output[0].json)).toEqual([]);
		await copernica.client.clearLog();
		const again = await runCopernicaNode({ parameters: unsubscribeProfile(chloe.ID), credentials: copernica.credentials });
		expect(again.error).toBeUndefined();
		expect(again.output[0].json).toEqual({ ID: String(chloe.ID), unsubscribed: false, behavior: 'remove', removed: true });
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('a profile of another database is refused before the PUT', async () => {
		const erik = [...store().profiles.values()].find((profile) => profile.fields.email === 'erik@example.net')!;
		const { error } = await runCopernicaNode({ parameters: unsubscribeProfile(erik.ID), credentials: copernica.credentials });
		expect(error?.message).toBe(
			`Profile ${erik.ID} is not in database "Customers" (ID ${customersId()}) but in database ${erik.database}; nothing was changed [item 0]`,
		);
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('an unknown profile is Copernica\'s error, and nothing is sent', async () => {
		const { error } = await runCopernicaNode({ parameters: unsubscribeProfile(999999), credentials: copernica.credentials });
		expect(error?.message).toBe('Copernica: No entity with supplied ID [item 0]');
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('REST v4: the same paths with the JWT; no secret anywhere', async () => {
		const daan = profileOf('C-1004');
		const credentials = copernica.v4Credentials;
		const { output, error } = await runWithoutLeaks({ parameters: unsubscribeProfile(daan.ID), credentials }, () => [copernica.token, String(credentials.jwt)]);
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ unsubscribed: true, behavior: 'nothing' });
		expect((await copernica.client.writes()).filter((entry) => entry.path !== 'authenticate').map((entry) => [entry.method, entry.path, entry.version])).toEqual([
			['PUT', `profile/${daan.ID}/unsubscribe`, 'v4'],
		]);
	});

	it('Continue On Fail: the unknown profile\'s error item and the other\'s result, each paired, no token anywhere', async () => {
		const anna = profileOf('C-1001');
		const { output, error } = await runWithoutLeaks(
			{
				parameters: unsubscribeProfile('={{ $json.id }}'),
				credentials: copernica.credentials,
				input: [{ id: 999999 }, { id: anna.ID }],
				onError: 'continueRegularOutput',
			},
			[copernica.token],
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.error ?? item.json.unsubscribed, item.pairedItem])).toEqual([
			['Copernica: No entity with supplied ID [item 0]', { item: 0 }],
			[true, { item: 1 }],
		]);
	});
});

describe('Subprofile → Unsubscribe', () => {
	it('runs the collection\'s behaviour: "update" changes the subprofile, and the item shows it', async () => {
		const order = orderOf('O-1');
		await setBehaviour('collection', ordersId(), { behavior: 'update', fields: { status: 'unsubscribed' } });
		const { output, error } = await runCopernicaNode({ parameters: unsubscribeOrder(order.ID), credentials: copernica.credentials });
		expect(error).toBeUndefined();
		expect(await requests()).toEqual([
			// The collection, given by ID, must be one of the database's (collectionLocator.ts).
			['GET', 'database/Customers/collections', null],
			['GET', `subprofile/${order.ID}`, null],
			['GET', `collection/${ordersId()}/unsubscribe`, null],
			['PUT', `subprofile/${order.ID}/unsubscribe`, null],
			['GET', `subprofile/${order.ID}`, null],
		]);
		expect(store().subprofiles.get(order.ID)!.fields.status).toBe('unsubscribed');
		expect(output[0].json).toEqual({
			ID: String(order.ID),
			unsubscribed: true,
			behavior: 'update',
			fields: { status: 'unsubscribed' },
			removed: false,
			subprofile: expect.objectContaining({ ID: String(order.ID), orderid: 'O-1', status: 'unsubscribed', profile: String(order.profile) }),
		});
		expect(fits('subprofile', output[0].json)).toEqual([]);
	});

	it('"remove" removes the subprofile; a subprofile of another collection is refused before the PUT', async () => {
		const order = orderOf('O-2');
		await setBehaviour('collection', ordersId(), { behavior: 'remove' });
		const { output } = await runCopernicaNode({ parameters: unsubscribeOrder(order.ID), credentials: copernica.credentials });
		expect(output[0].json).toEqual({ ID: String(order.ID), unsubscribed: true, behavior: 'remove', removed: true });
		expect(store().subprofiles.get(order.ID)!.removed).not.toBeNull();

		const customers = store().database(customersId());
		const returns = store().addCollection(customers, 'Returns', [{ name: 'reason', type: 'text' }]);
		const other = store().createSubprofile(profileOf('C-1001'), returns, { reason: 'size' });
		await copernica.client.clearLog();
		const { error } = await runCopernicaNode({ parameters: unsubscribeOrder(other.ID), credentials: copernica.credentials });
		expect(error?.message).toBe(
			`Subprofile ${other.ID} is not in collection "${ordersId()}" (ID ${ordersId()}) but in collection ${returns.ID}; nothing was changed [item 0]`,
		);
		expect(await copernica.client.writes()).toEqual([]);
	});
});
