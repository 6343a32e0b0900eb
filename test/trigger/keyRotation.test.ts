import { restApi, useEmulator } from '../harness/fixture';
import { useTriggers } from '../harness/triggerFixture';

/**
 * Copernica rotates its signing key monthly under the same keyId (copernica-webhooks.md §3.3).
 * In a file of its own: the trigger remembers keys per process, and the signature tests' forged
 * calls would hold back the new look-up (publicKeys.ts allows one every few seconds per key).
 */
const copernica = useEmulator();
const { trigger } = useTriggers(copernica);

it('a rotated key (same keyId, new key) is looked up again once, and the call accepted', async () => {
	const harness = await trigger({ event: 'profileUpdated' });
	await harness.activate();
	const [webhook] = await copernica.client.webhooks();
	const database = Number((await restApi(copernica).get('/database/Customers')).data.ID);
	const payload = { type: 'update', profile: 1004, database, fields: { city: 'Zwolle' } };
	await copernica.client.deliver(webhook.ID, payload);
	await copernica.client.settleDeliveries();
	const before = await copernica.client.signingKey();
	const rotated = await copernica.client.rotateKey();
	expect(rotated.keyId).toBe(before.keyId);
	expect(rotated.record).not.toBe(before.record);
	await copernica.client.clearDohRequests();
	await copernica.client.deliver(webhook.ID, payload);
	const deliveries = await copernica.client.settleDeliveries();
	expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
	expect(await harness.executionsSettled()).toHaveLength(2);
	expect((await copernica.client.dohRequests())[rotated.keyId.toLowerCase()]).toBe(1);
});
