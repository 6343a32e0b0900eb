import { signRequest } from '../../emulator/signing';
import { restApi, useEmulator } from '../harness/fixture';
import { n8nLogSince, n8nLogSize } from '../harness/n8nLog';
import { postCall } from '../harness/triggerEngine';
import { byName, untagged, useTriggers } from '../harness/triggerFixture';

/**
 * Registering and removing the trigger's webhook as n8n does it on publish, republish, a changed
 * event, a duplicated workflow, "Listen for test event" and unpublish (copernica-webhooks.md §3.1,
 * §6.2: the complaints about webhooks registered twice or left behind).
 */
const copernica = useEmulator();
const { parameters, trigger } = useTriggers(copernica);

async function databaseId(name: string): Promise<string> {
	return String((await restApi(copernica).get(`/database/${name}`)).data.ID);
}

async function ordersId(): Promise<string> {
	return String((await restApi(copernica).get(`/database/Customers/collections`)).data.data[0].ID);
}

describe('Copernica Trigger lifecycle', () => {
	it('registers one webhook on publish: the production URL, the event, the database by ID, both callers', async () => {
		const harness = await trigger({ event: 'profileUpdated' });
		expect(await harness.activate()).toEqual({ existed: false });
		const webhooks = await copernica.client.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(untagged(webhooks[0].handler)).toBe(harness.productionUrl);
		// A tag of this registration's own: a webhook a lost answer left behind calls with another (webhookLifecycle.ts).
		expect(webhooks[0].handler).toMatch(/\?copernicaRegistration=[0-9a-f]{16}$/);
		expect(webhooks[0]).toMatchObject({
			trigger: 'update',
			callers: ['ms', 'publisher'],
			database: await databaseId('Customers'),
		});
		expect(webhooks[0].collection).toBeUndefined();
		// Kept under the production URL (webhookState.ts): the test URL has a state of its own.
		expect(harness.webhookState('production')).toMatchObject({
			webhookId: webhooks[0].ID,
			trigger: 'update',
			databaseId: await databaseId('Customers'),
			accountId: '1',
		});
	});

	it('registers subprofile events with the collection, by name looked up to its ID, and callers as chosen', async () => {
		const harness = await trigger({ event: 'subprofileCreated', collection: byName('orders'), options: { callers: 'publisher' } });
		await harness.activate();
		const [webhook] = await copernica.client.webhooks();
		expect(webhook).toMatchObject({ trigger: 'create', callers: ['publisher'], collection: await ordersId() });
	});

	it('registers mailing events with no database', async () => {
		const harness = await trigger({ event: 'emailClicked' });
		await harness.activate();
		const [webhook] = await copernica.client.webhooks();
		expect(webhook).toMatchObject({ trigger: 'click' });
		expect(webhook.database).toBeUndefined();
	});

	it('republishing unchanged keeps the one webhook: checkExists answers true, nothing is created', async () => {
		const harness = await trigger();
		await harness.activate();
		await harness.deactivate();
		await harness.activate();
		const [first] = await copernica.client.webhooks();
		await copernica.client.clearLog();
		expect(await harness.activate()).toEqual({ existed: true });
		expect(await copernica.client.webhooks()).toEqual([first]);
		expect((await copernica.client.writes()).length).toBe(0);
	});

	it.each([
		['another event', { event: 'profileCreated' }],
		['another database', { database: byName('Newsletter') }],
		['other callers', { options: { callers: 'ms' } }],
	])('changing the node to %s replaces the webhook: the stale one is removed, one remains', async (_what, change) => {
		const harness = await trigger();
		await harness.activate();
		const [stale] = await copernica.client.webhooks();
		harness.reconfigure(parameters(change));
		expect(await harness.activate()).toEqual({ existed: false });
		const webhooks = await copernica.client.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(webhooks[0].ID).not.toBe(stale.ID);
		expect(untagged(webhooks[0].handler)).toBe(harness.productionUrl);
	});

	it('a webhook removed in Copernica meanwhile is registered again', async () => {
		const harness = await trigger();
		await harness.activate();
		const [gone] = await copernica.client.webhooks();
		expect((await restApi(copernica).delete(`/webhook/${gone.ID}`)).status).toBeLessThan(300);
		expect(await harness.activate()).toEqual({ existed: false });
		const webhooks = await copernica.client.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(untagged(webhooks[0].handler)).toBe(harness.productionUrl);
	});

	it('a duplicated workflow (new URL, the original state copied) registers its own and leaves the original alone', async () => {
		const harness = await trigger();
		await harness.activate();
		const [original] = await copernica.client.webhooks();
		harness.duplicate();
		expect(await harness.activate()).toEqual({ existed: false });
		const webhooks = await copernica.client.webhooks();
		expect(webhooks).toHaveLength(2);
		expect(webhooks.map((webhook) => untagged(webhook.handler)).sort()).toEqual([untagged(original.handler), harness.productionUrl].sort());
	});

	it('unpublishing removes the webhook; a webhook already removed in Copernica counts as removed', async () => {
		const harness = await trigger();
		await harness.activate();
		expect(await harness.deactivate()).toBe(true);
		expect(await copernica.client.webhooks()).toEqual([]);
		expect(harness.webhookState('production')).toBeUndefined();

		await harness.activate();
		const [webhook] = await copernica.client.webhooks();
		await restApi(copernica).delete(`/webhook/${webhook.ID}`);
		expect(await harness.deactivate()).toBe(true);
		expect(harness.webhookState('production')).toBeUndefined();
	});

	it('a removal Copernica fails keeps the ID, so the next publish finds the webhook instead of leaving it behind', async () => {
		const harness = await trigger();
		await harness.activate();
		await copernica.client.setFaults([{ method: 'DELETE', path: 'webhook/', status: 500 }]);
		expect(await harness.deactivate()).toBe(false);
		await copernica.client.setFaults([]);
		expect(await harness.activate()).toEqual({ existed: true });
		expect(await copernica.client.webhooks()).toHaveLength(1);
	});

	it('"Listen for test event" registers the test URL while listening and removes it after, leaving production alone', async () => {
		const harness = await trigger();
		await harness.activate();
		await harness.listenForTestEvent();
		const both = await copernica.client.webhooks();
		expect(both.map((webhook) => untagged(webhook.handler)).sort()).toEqual([harness.productionUrl, harness.testUrl].sort());
		// n8n removes the test webhook with the same mode and activation as a published one ('internal', 'update').
		expect(await harness.stopListening()).toBe(true);
		const left = await copernica.client.webhooks();
		expect(left.map((webhook) => untagged(webhook.handler))).toEqual([harness.productionUrl]);
		expect(harness.webhookState('production')).toMatchObject({ webhookId: left[0].ID });
		// The published workflow still receives its calls.
		const [anna] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001');
		await restApi(copernica).put(`/profile/${anna.ID}`, { fields: { city: 'Assen' } });
		const deliveries = await copernica.client.settleDeliveries();
		expect(deliveries.map((delivery) => [untagged(delivery.handler), delivery.status])).toEqual([[harness.productionUrl, 200]]);
		expect(await harness.executionsSettled()).toHaveLength(1);
	});

	it('a test event is verified and runs as a test; the test webhook\'s state stays out of the saved workflow', async () => {
		const harness = await trigger();
		await harness.listenForTestEvent();
		const [anna] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001');
		await restApi(copernica).put(`/profile/${anna.ID}`, { fields: { city: 'Emmen' } });
		const deliveries = await copernica.client.settleDeliveries();
		expect(deliveries.map((delivery) => [untagged(delivery.handler), delivery.status])).toEqual([[harness.testUrl, 200]]);
		const [run] = await harness.executionsSettled();
		expect(run.mode).toBe('manual');
		expect(harness.outputOf(0)[0]).toMatchObject({ profileId: anna.ID, fields: { city: 'Emmen' } });
		expect(harness.webhookState('production')).toBeUndefined();
		await harness.stopListening();
		expect(await copernica.client.webhooks()).toEqual([]);
	});

	it('a handler on a domain that is not validated is refused, and the error says how to validate one', async () => {
		await copernica.client.setValidatedDomains(['example.com']);
		const harness = await trigger();
		const error = await harness.activate().then(
			() => undefined,
			(caught: Error & { description?: string }) => caught,
		);
		expect(error?.message).toContain('Handler URL is not on a validated domain');
		expect(error?.description).toContain('Configuration → Validated domains');
		expect(error?.description).toContain('TXT record');
		expect(error?.description).toContain('n8n Cloud');
		expect(harness.webhookState('production')).toBeUndefined();
		expect(await copernica.client.webhooks()).toEqual([]);
	});

	it('an unknown database stops the publish before any webhook is registered', async () => {
		const harness = await trigger({ database: byName('No such database') });
		await expect(harness.activate()).rejects.toThrow();
		expect(await copernica.client.webhooks()).toEqual([]);
	});
});

describe('Copernica Trigger lifecycle without its state', () => {
	it('static data lost, and Copernica has no webhook list (its docs name none): a new webhook is registered, the old one stays', async () => {
		const harness = await trigger();
		await harness.activate();
		harness.staticData = {};
		expect(await harness.activate()).toEqual({ existed: false });
		expect(await copernica.client.webhooks()).toHaveLength(2);
		// Asked once on each publish without a webhook ID; answered "Invalid method" both times.
		const asked = (await copernica.client.log()).filter((entry) => entry.method === 'GET' && entry.path === 'webhooks');
		expect(asked).toHaveLength(2);
	});

	it('static data lost: calls are refused (their registration is unknown) until the workflow is published again', async () => {
		const harness = await trigger();
		await harness.activate();
		harness.staticData = {};
		const [anna] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001');
		await restApi(copernica).put(`/profile/${anna.ID}`, { fields: { city: 'Hoorn' } });
		expect((await copernica.client.settleDeliveries()).map((delivery) => delivery.status)).toEqual([401]);
		await copernica.client.clearDeliveries();
		await harness.activate();
		await restApi(copernica).put(`/profile/${anna.ID}`, { fields: { city: 'Edam' } });
		expect((await copernica.client.settleDeliveries()).map((delivery) => delivery.status).sort()).toEqual([200, 401]);
		expect(await harness.executionsSettled()).toHaveLength(1);
	});

	it('static data lost, and a list answers: the webhook left behind at this URL is removed before the new one', async () => {
		const harness = await trigger();
		await harness.activate();
		const [leftover] = await copernica.client.webhooks();
		harness.staticData = {};
		await copernica.client.setFaults([
			{ method: 'GET', path: 'webhooks', times: 1, status: 200, contentType: 'application/json', body: JSON.stringify({ start: 0, limit: 100, count: 1, total: 1, data: [leftover] }) },
		]);
		expect(await harness.activate()).toEqual({ existed: false });
		const webhooks = await copernica.client.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(webhooks[0].ID).not.toBe(leftover.ID);
	});
});

describe('Copernica Trigger lifecycle when things go wrong', () => {
	it('a POST whose answer is lost after Copernica handled it: publishing again leaves one webhook that can start the workflow', async () => {
		const harness = await trigger({ event: 'profileUpdated' });
		await copernica.client.setFaults([{ method: 'POST', path: 'webhooks', resetAfterHandling: true, times: 1 }]);
		const failure = await harness.activate().then(
			() => undefined,
			(caught: Error & { description?: string }) => caught,
		);
		expect(failure?.description).toContain('The webhook may have been registered in Copernica');
		expect(failure?.description).toContain('Configuration → Webhooks');
		expect(failure?.description).not.toMatch(/profile/i);
		await copernica.client.setFaults([]);
		await harness.activate();
		// Two in Copernica (no list to find the first), but only the registered one's calls verify.
		expect(await copernica.client.webhooks()).toHaveLength(2);
		const [bram] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1002');
		await restApi(copernica).put(`/profile/${bram.ID}`, { fields: { city: 'Den Haag' } });
		const deliveries = await copernica.client.settleDeliveries();
		expect(deliveries.map((delivery) => delivery.status).sort()).toEqual([200, 401]);
		expect(await harness.executionsSettled()).toHaveLength(1);
	});

	it('another address of this node (n8n\'s address changed, or a staging copy of production\'s database): its webhook is left alone, its calls refused here', async () => {
		const production = await trigger({ event: 'profileUpdated' });
		await production.activate();
		const [productionWebhook] = await copernica.client.webhooks();
		// A copy of production's database carries its static data and its instance ID.
		const staging = await trigger({ event: 'profileUpdated' });
		staging.staticData = JSON.parse(JSON.stringify(production.staticData));
		const logFrom = n8nLogSize();
		await staging.activate();
		const webhooks = await copernica.client.webhooks();
		expect(webhooks.map((webhook) => webhook.ID)).toContain(productionWebhook.ID);
		expect(webhooks.map((webhook) => untagged(webhook.handler)).sort()).toEqual([production.productionUrl, staging.productionUrl].sort());
		expect(await n8nLogSince(logFrom)).toContain(`webhook ${productionWebhook.ID} calls ${production.productionUrl}, another address of this node; it is not removed`);
		// Production still gets its calls; staging verifies only its own registration.
		const signed = signRequest({ url: productionWebhook.handler, body: { type: 'update', profile: 1, database: Number(productionWebhook.database), fields: {} }, accountId: '1', key: copernica.emulator.webhooks.key });
		expect((await postCall(staging.productionUrl, signed.headers, signed.body)).status).toBe(401);
	});

	it('Copernica keeping the URL without the registration tag is warned about (the tag\'s protection is then lost)', async () => {
		const harness = await trigger();
		await copernica.client.setFaults([
			{ method: 'GET', path: 'webhook/', times: 1, status: 200, contentType: 'application/json', body: JSON.stringify({ ID: '1', handler: harness.productionUrl, trigger: 'update', callers: ['ms', 'publisher'] }) },
		]);
		const logFrom = n8nLogSize();
		await harness.activate();
		expect(await n8nLogSince(logFrom)).toContain('without its registration tag');
		expect(harness.webhookState('production')).toMatchObject({ handler: harness.productionUrl });
	});

	it('without state, a listed webhook of another host with the same path is not removed', async () => {
		const production = await trigger({ event: 'profileUpdated' });
		await production.activate();
		const [productionWebhook] = await copernica.client.webhooks();
		const staging = await trigger({ event: 'profileUpdated' });
		await copernica.client.setFaults([
			{ method: 'GET', path: 'webhooks', times: 1, status: 200, contentType: 'application/json', body: JSON.stringify({ data: [productionWebhook] }) },
		]);
		await staging.activate();
		expect((await copernica.client.webhooks()).map((webhook) => webhook.handler)).toContain(productionWebhook.handler);
	});
});
