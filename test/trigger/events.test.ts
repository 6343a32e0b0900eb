import type { IDataObject } from 'n8n-workflow';

import { restApi, useEmulator } from '../harness/fixture';
import { triggerOutputProblems } from '../harness/outputSchema';
import type { TriggerHarness } from '../harness/triggerEngine';
import { byName, useTriggers } from '../harness/triggerFixture';

/**
 * What a workflow gets from each event: the emulator writes, then calls the registered webhook
 * with the signed form body Copernica documents (copernica-webhooks.md §3.2); the trigger
 * verifies it, reads it and starts one execution with one item.
 */
const copernica = useEmulator();
const { trigger } = useTriggers(copernica);
const api = () => restApi(copernica);

async function databaseId(name: string): Promise<string> {
	return String((await api().get(`/database/${name}`)).data.ID);
}

async function profileOf(customerid: string): Promise<{ ID: string }> {
	const [profile] = await copernica.client.profilesWhere('Customers', 'customerid', customerid);
	return profile;
}

async function ordersId(): Promise<string> {
	return String((await api().get('/database/Customers/collections')).data.data[0].ID);
}

/** Every call Copernica made has been answered, and every execution they started has finished. */
async function settled(harness: TriggerHarness): Promise<IDataObject[][]> {
	const deliveries = await copernica.client.settleDeliveries();
	for (const delivery of deliveries) expect(delivery.status).toBe(200);
	await harness.executionsSettled();
	return harness.executions.map((_, index) => harness.outputOf(index));
}

async function active(event: string, extra: Parameters<typeof trigger>[0] = {}): Promise<TriggerHarness> {
	const harness = await trigger({ event, ...extra });
	await harness.activate();
	return harness;
}

describe('Copernica Trigger output', () => {
	it('Profile Updated: one item with the profile, its fields as an object, its interests as a list, ISO timestamp', async () => {
		const harness = await active('profileUpdated');
		const bram = await profileOf('C-1002');
		expect((await api().put(`/profile/${bram.ID}`, { fields: { city: 'Den Haag' } })).status).toBeLessThan(300);
		const executions = await settled(harness);
		expect(executions).toHaveLength(1);
		expect(executions[0]).toHaveLength(1);
		const [item] = executions[0];
		expect(item).toMatchObject({
			event: 'profileUpdated',
			type: 'update',
			database: await databaseId('Customers'),
			collection: null,
			profileId: bram.ID,
			subprofileId: null,
			fields: { customerid: 'C-1002', email: 'bram@example.com', city: 'Den Haag', firstname: 'Bram' },
			interests: ['newsletter', 'football'],
			parameters: { city: 'Den Haag' },
		});
		expect(typeof item.time).toBe('number');
		expect(item.timestamp).toBe(new Date((item.time as number) * 1000).toISOString());
		expect(Object.keys(item).some((key) => key.includes('['))).toBe(false);
		expect(triggerOutputProblems('profileUpdated', item)).toEqual([]);
	});

	it('one interest arrives as a list of one; a profile with no interests (no key sent) as an empty list', async () => {
		const harness = await active('profileUpdated');
		const anna = await profileOf('C-1001');
		const chloe = await profileOf('C-1003');
		await api().put(`/profile/${anna.ID}`, { fields: { city: 'Haarlem' } });
		await api().put(`/profile/${chloe.ID}`, { fields: { city: 'Leiden' } });
		const [[first], [second]] = await settled(harness);
		expect(first).toMatchObject({ profileId: anna.ID, interests: ['newsletter'] });
		expect(second).toMatchObject({ profileId: chloe.ID, interests: [] });
	});

	it('empty fields stay empty strings, unicode arrives intact', async () => {
		const harness = await active('profileUpdated');
		const anna = await profileOf('C-1001');
		await api().put(`/profile/${anna.ID}`, { fields: { firstname: 'Zoë 🌷 Ærø', city: '' } });
		const [[item]] = await settled(harness);
		expect(item.fields).toMatchObject({ firstname: 'Zoë 🌷 Ærø', city: '' });
	});

	it('Profile Created and Profile Deleted', async () => {
		const created = await active('profileCreated');
		const response = await api().post('/database/Customers/profiles', { fields: { customerid: 'C-2001', email: 'eva@example.com' } });
		const id = String(response.headers['x-created']);
		const [[item]] = await settled(created);
		expect(item).toMatchObject({ event: 'profileCreated', type: 'create', profileId: id, fields: { customerid: 'C-2001' } });
		expect(triggerOutputProblems('profileCreated', item)).toEqual([]);
		await created.deactivate();

		const deleted = await active('profileDeleted');
		await api().delete(`/profile/${id}`);
		const [[gone]] = await settled(deleted);
		expect(gone).toMatchObject({ event: 'profileDeleted', type: 'delete', profileId: id });
		expect(gone).not.toHaveProperty('parameters');
		expect(triggerOutputProblems('profileDeleted', gone)).toEqual([]);
	});

	it('Subprofile Created, Updated and Deleted carry the collection and the subprofile; the profile trigger ignores them', async () => {
		const collection = await ordersId();
		const profileTrigger = await active('profileUpdated');
		const harnesses = {
			subprofileCreated: await active('subprofileCreated', { collection: byName('Orders') }),
			subprofileUpdated: await active('subprofileUpdated', { collection: byName('Orders') }),
			subprofileDeleted: await active('subprofileDeleted', { collection: byName('Orders') }),
		};
		const anna = await profileOf('C-1001');
		const response = await api().post(`/profile/${anna.ID}/subprofiles/${collection}`, { orderid: 'O-9', status: 'open', total: 9.5 });
		const subprofileId = String(response.headers['x-created']);
		await api().put(`/subprofile/${subprofileId}`, { fields: { status: 'paid' } });
		await api().delete(`/subprofile/${subprofileId}`);
		await copernica.client.settleDeliveries();
		for (const [event, harness] of Object.entries(harnesses)) {
			const executions = await settled(harness);
			expect(executions).toHaveLength(1);
			const [[item]] = executions;
			expect(item).toMatchObject({ event, collection, subprofileId, profileId: anna.ID, database: await databaseId('Customers') });
			expect(item).not.toHaveProperty('interests');
			expect(triggerOutputProblems(event, item)).toEqual([]);
		}
		expect((await harnesses.subprofileUpdated.executionsSettled()).length).toBe(1);
		expect(harnesses.subprofileUpdated.outputOf(0)[0].fields).toMatchObject({ status: 'paid', orderid: 'O-9' });
		// Copernica also calls a database's update webhook for its subprofiles (worse case, §3.1): no execution.
		expect(await settled(profileTrigger)).toEqual([]);
	});

	it.each([
		['emailDelivered', 'delivery', {}, {}],
		['emailOpened', 'open', { ip: '192.0.2.7', useragent: 'Mozilla/5.0', referer: 'https://mail.example' }, { ip: '192.0.2.7', userAgent: 'Mozilla/5.0', referer: 'https://mail.example' }],
		['emailClicked', 'click', { ip: '192.0.2.7', useragent: 'Mozilla/5.0', original: 'https://shop.example/sale?x=1&y=2' }, { link: 'https://shop.example/sale?x=1&y=2', userAgent: 'Mozilla/5.0' }],
		['emailBounced', 'bounce', { envelope: 'MAILER-DAEMON@mx.example', mime: 'From: a\r\n\r\nbounce text' }, { bounce: { envelope: 'MAILER-DAEMON@mx.example', message: 'From: a\r\n\r\nbounce text' } }],
		['emailFailed', 'failure', { action: 'failed', state: 'rcpt', code: '550', extended: '5.1.1', description: 'User unknown' }, { failure: { action: 'failed', state: 'rcpt', code: '550', extended: '5.1.1', description: 'User unknown' } }],
	])('%s: the message, the recipient and the details of the %s event', async (event, copernicaTrigger, fields, expected) => {
		const harness = await active(event);
		expect(await copernica.client.fireMailingEvent(copernicaTrigger, { id: 'msg-77', recipient: 'anna@example.com', tags: ['summer', 'sale'], ...fields })).toBe(1);
		const [[item]] = await settled(harness);
		expect(item).toMatchObject({ event, type: copernicaTrigger, messageId: 'msg-77', recipient: 'anna@example.com', tags: ['summer', 'sale'], ...expected });
		expect(triggerOutputProblems(event, item)).toEqual([]);
	});

	it('a profile event of another database starts nothing, even when Copernica sends it', async () => {
		const harness = await active('profileUpdated');
		const [webhook] = await copernica.client.webhooks();
		await copernica.client.deliver(webhook.ID, {
			type: 'update',
			profile: 5,
			database: Number(await databaseId('Newsletter')),
			fields: { email: 'x@example.com' },
			time: Math.floor(Date.now() / 1000),
		});
		expect(await settled(harness)).toEqual([]);
	});

	it('a subprofile of another collection starts nothing, also when the webhook\'s state is not at hand', async () => {
		// Verify Signature off: with it on, a call whose registration is unknown is refused anyway (lifecycle.test.ts).
		const harness = await active('subprofileUpdated', { collection: byName('Orders'), options: { verifySignature: false } });
		const [webhook] = await copernica.client.webhooks();
		harness.staticData = {};
		await copernica.client.deliver(webhook.ID, {
			type: 'update',
			profile: 1004,
			subprofile: 7,
			database: Number(await databaseId('Customers')),
			collection: Number(await ordersId()) + 1000,
			fields: { a: 'b' },
		});
		expect(await settled(harness)).toEqual([]);
	});

	it('an event of another type starts nothing (a create sent to the update webhook)', async () => {
		const harness = await active('profileUpdated');
		const [webhook] = await copernica.client.webhooks();
		await copernica.client.deliver(webhook.ID, { type: 'create', profile: 5, database: Number(await databaseId('Customers')), fields: {} });
		expect(await settled(harness)).toEqual([]);
	});

	it('more than 1,000 fields: every one arrives (the trigger reads the raw body; n8n stops its own parse at 1,000 keys)', async () => {
		const harness = await active('profileUpdated');
		const [webhook] = await copernica.client.webhooks();
		const fields = Object.fromEntries(Array.from({ length: 1500 }, (_, index) => [`field${index}`, `value ${index}`]));
		await copernica.client.deliver(webhook.ID, { type: 'update', profile: 7, database: Number(await databaseId('Customers')), fields, interests: ['a', 'b'] });
		const [[item]] = await settled(harness);
		expect(Object.keys(item.fields as IDataObject)).toHaveLength(1500);
		expect((item.fields as IDataObject).field1499).toBe('value 1499');
		expect(item.interests).toEqual(['a', 'b']);
	});

	it('Include Raw Fields adds every variable as Copernica sent it', async () => {
		const harness = await active('profileUpdated', { options: { includeRaw: true } });
		const anna = await profileOf('C-1001');
		await api().put(`/profile/${anna.ID}`, { fields: { city: 'Delft' } });
		const [[item]] = await settled(harness);
		expect(item.raw).toMatchObject({ type: 'update', profile: anna.ID, fields: { city: 'Delft' } });
	});

	it('a JSON body (the security page shows one) reads the same', async () => {
		const harness = await active('profileUpdated');
		const [webhook] = await copernica.client.webhooks();
		await copernica.client.deliver(
			webhook.ID,
			{ type: 'update', profile: 9, database: Number(await databaseId('Customers')), fields: { city: 'Breda' }, interests: 'offers' },
			{ forgery: 'jsonBody' },
		);
		const [[item]] = await settled(harness);
		expect(item).toMatchObject({ profileId: '9', fields: { city: 'Breda' }, interests: ['offers'] });
	});

	it('prototype keys in a body are dropped, not merged into objects', async () => {
		const harness = await active('profileUpdated');
		const [webhook] = await copernica.client.webhooks();
		await copernica.client.deliver(webhook.ID, {
			type: 'update',
			profile: 3,
			database: Number(await databaseId('Customers')),
			fields: { __proto__: 'x', constructor: 'y', city: 'Ede' } as IDataObject,
		});
		const [[item]] = await settled(harness);
		expect(item.fields).toEqual({ city: 'Ede' });
		expect(({} as IDataObject).city).toBeUndefined();
	});
});
