import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Forgery } from '../../emulator/signing';
import { generateSigningKey, publicKeyRecord, signRequest } from '../../emulator/signing';
import { WebhookContext } from 'n8n-core';

import { restApi, useEmulator } from '../harness/fixture';
import { n8nLogSince, n8nLogSize } from '../harness/n8nLog';
import type { TriggerHarness } from '../harness/triggerEngine';
import { postCall } from '../harness/triggerEngine';
import { useTriggers } from '../harness/triggerFixture';

/**
 * Every call is checked to come from the credential's Copernica account before a workflow runs
 * (copernica-webhooks.md §3.3): the Digest, the headers the signature covers, the keyId under
 * copernica.com, the Date, X-Copernica-ID, and the RSA signature with the key the emulator's
 * DNS-over-HTTPS stand-in publishes. A call that fails any check gets 401 and starts nothing.
 */
const copernica = useEmulator();
const { trigger } = useTriggers(copernica);

let customersId = '';
beforeEach(async () => {
	customersId = String((await restApi(copernica).get('/database/Customers')).data.ID);
});

function payload(marker = 'payload-marker-5f3a') {
	return { type: 'update', profile: 1004, database: Number(customersId), fields: { city: marker }, time: Math.floor(Date.now() / 1000) };
}

async function active(options = {}): Promise<{ harness: TriggerHarness; webhookId: string }> {
	const harness = await trigger({ event: 'profileUpdated', options });
	await harness.activate();
	const [webhook] = await copernica.client.webhooks();
	return { harness, webhookId: webhook.ID };
}

async function lastDelivery() {
	const deliveries = await copernica.client.settleDeliveries();
	return deliveries[deliveries.length - 1];
}

describe('Copernica Trigger signature checks', () => {
	it('a genuine call starts the workflow; the key is looked up once and then kept', async () => {
		const { harness, webhookId } = await active();
		await copernica.client.clearDohRequests();
		await copernica.client.deliver(webhookId, payload());
		await copernica.client.deliver(webhookId, payload());
		await copernica.client.settleDeliveries();
		expect((await harness.executionsSettled()).length).toBe(2);
		const { keyId } = await copernica.client.signingKey();
		expect((await copernica.client.dohRequests())[keyId.toLowerCase()]).toBeLessThanOrEqual(1);
	});

	it.each([
		['wrongDigest', 'the Digest does not match the body'],
		['bodyChangedAfterSigning', 'the Digest does not match the body'],
		['missingHeader', 'the digest header is missing'],
		['headerNotSigned', 'the signature does not cover digest'],
		['staleDate', 'the Date is more than 5 minutes away from now'],
		['otherAccount', 'the X-Copernica-ID header names another account'],
		['foreignKeyId', 'the signature keyId is not a copernica.com name'],
		['unknownKey', 'the signature does not verify with the key published at its keyId'],
	] as Array<[Forgery, string]>)('%s: 401, no execution, and a debug line saying "%s" (never the body)', async (forgery, reason) => {
		const { harness, webhookId } = await active();
		const logFrom = n8nLogSize();
		await copernica.client.deliver(webhookId, payload(), { forgery });
		expect((await lastDelivery()).status).toBe(401);
		expect(await harness.executionsSettled()).toHaveLength(0);
		const log = await n8nLogSince(logFrom);
		expect(log).toContain(`call refused with HTTP 401: ${reason}`);
		expect(log).not.toContain('payload-marker-5f3a');
	});

	it.each(['Date', 'X-Copernica-ID', 'Signature'])('a call without %s is refused', async (header) => {
		const { harness, webhookId } = await active();
		await copernica.client.deliver(webhookId, payload(), { forgery: 'missingHeader', header });
		expect((await lastDelivery()).status).toBe(401);
		expect(await harness.executionsSettled()).toHaveLength(0);
	});

	it.each(['(request-target)', 'Host', 'Date', 'X-Copernica-ID'])('a signature that does not cover %s is refused', async (header) => {
		const { harness, webhookId } = await active();
		await copernica.client.deliver(webhookId, payload(), { forgery: 'headerNotSigned', header });
		expect((await lastDelivery()).status).toBe(401);
		expect(await harness.executionsSettled()).toHaveLength(0);
	});

	it('account_ (the Dutch docs and PHP library) is accepted as well as account-', async () => {
		const { harness, webhookId } = await active();
		await copernica.client.deliver(webhookId, payload(), { forgery: 'underscoreSeparator' });
		expect((await lastDelivery()).status).toBe(200);
		expect(await harness.executionsSettled()).toHaveLength(1);
	});

	it('forged calls with a remembered key cost at most one new look-up at the resolver, however many come', async () => {
		const { harness, webhookId } = await active();
		await copernica.client.deliver(webhookId, payload());
		await copernica.client.settleDeliveries();
		await copernica.client.clearDohRequests();
		for (let call = 0; call < 5; call++) await copernica.client.deliver(webhookId, payload(), { forgery: 'unknownKey' });
		const deliveries = await copernica.client.settleDeliveries();
		expect(deliveries.slice(-5).map((delivery) => delivery.status)).toEqual([401, 401, 401, 401, 401]);
		const { keyId } = await copernica.client.signingKey();
		expect((await copernica.client.dohRequests())[keyId.toLowerCase()] ?? 0).toBeLessThanOrEqual(1);
		expect(await harness.executionsSettled()).toHaveLength(1);
	});

	it('(request-target) and Host come from the registered URL, not from what a proxy passed on', async () => {
		const { harness } = await active();
		const [{ handler }] = await copernica.client.webhooks();
		const signed = signRequest({ url: handler, body: payload(), accountId: '1', key: copernica.emulator.webhooks.key });
		// A proxy in front of n8n forwards with its own Host; the signature still verifies against the registered URL.
		const answer = await postCall(handler, { ...signed.headers, Host: 'n8n-internal:5678' }, signed.body);
		expect(answer.status).toBe(200);
		expect(await harness.executionsSettled()).toHaveLength(1);
	});

	it('a call signed for another URL (replayed from another webhook) is refused', async () => {
		const { harness } = await active();
		const signed = signRequest({
			url: harness.productionUrl.replace('/webhook/', '/webhook/other-'),
			body: payload(),
			accountId: '1',
			key: copernica.emulator.webhooks.key,
		});
		expect((await postCall(harness.productionUrl, signed.headers, signed.body)).status).toBe(401);
		expect(await harness.executionsSettled()).toHaveLength(0);
	});

	it('a duplicated workflow (the original\'s state copied) refuses calls signed for the original\'s URL', async () => {
		const { harness } = await active();
		const [original] = await copernica.client.webhooks();
		harness.duplicate();
		await harness.activate();
		const signed = signRequest({ url: original.handler, body: payload(), accountId: '1', key: copernica.emulator.webhooks.key });
		expect((await postCall(harness.productionUrl, signed.headers, signed.body)).status).toBe(401);
		expect(await harness.executionsSettled()).toHaveLength(0);
	});

	it('a genuine call sent again while its Date is recent starts nothing, however its Signature header is spelt', async () => {
		const { harness, webhookId } = await active();
		await copernica.client.deliver(webhookId, payload());
		const [genuine] = await copernica.client.settleDeliveries();
		expect(genuine.status).toBe(200);
		const logFrom = n8nLogSize();
		// Answered like any call that starts nothing: it is Copernica's, only not new.
		expect((await postCall(genuine.handler, genuine.headers, genuine.body)).status).toBe(200);
		const respelt = genuine.headers.Signature.replace(',algorithm=', ' , algorithm=').replace(/=+"$/, '"');
		expect(respelt).not.toBe(genuine.headers.Signature);
		expect((await postCall(genuine.handler, { ...genuine.headers, Signature: respelt }, genuine.body)).status).toBe(200);
		expect(await harness.executionsSettled()).toHaveLength(1);
		expect(await n8nLogSince(logFrom)).toContain('the same signed call came again');
	});

	it('a flood of calls naming made-up copernica.com keys costs at most 60 look-ups a minute and leaves the real key remembered', async () => {
		const { harness, webhookId } = await active();
		await copernica.client.deliver(webhookId, payload());
		await copernica.client.settleDeliveries();
		await copernica.client.clearDohRequests();
		const [{ handler }] = await copernica.client.webhooks();
		const url = new URL(handler);
		for (let call = 0; call < 70; call++) {
			const body = `type=update&n=${call}`;
			const headers = {
				Host: url.host,
				Date: new Date().toUTCString(),
				'X-Copernica-ID': 'account-1',
				Digest: `SHA-256=${createHash('sha256').update(body).digest('base64')}`,
				'Content-Type': 'application/x-www-form-urlencoded',
				Signature: `keyId="k${call}-${Date.now()}._domainkey.copernica.com",algorithm="rsa-sha256",headers="(request-target) host date x-copernica-id digest",signature="AAAA"`,
			};
			expect((await postCall(handler, headers, body)).status).toBe(401);
		}
		const lookUps = Object.values(await copernica.client.dohRequests()).reduce((sum, count) => sum + count, 0);
		expect(lookUps).toBeLessThanOrEqual(60);
		await copernica.client.clearDohRequests();
		await copernica.client.deliver(webhookId, payload());
		await copernica.client.settleDeliveries();
		const { keyId } = await copernica.client.signingKey();
		expect((await copernica.client.dohRequests())[keyId.toLowerCase()] ?? 0).toBe(0);
		expect(await harness.executionsSettled()).toHaveLength(2);
	});

	it('an expression in the resolver (n8n would evaluate it against the unverified call) refuses every call', async () => {
		const attackerKey = generateSigningKey('evil._domainkey.copernica.com');
		const doh = createServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/dns-json' });
			response.end(JSON.stringify({ Status: 0, Answer: [{ type: 16, data: `"${publicKeyRecord(attackerKey)}"` }] }));
		});
		await new Promise<void>((resolve) => doh.listen(0, '127.0.0.1', resolve));
		try {
			const { harness } = await active({ dnsResolver: `={{ $json.headers["x-doh"] || "${copernica.emulator.dohUrl}" }}` });
			const [{ handler }] = await copernica.client.webhooks();
			const signed = signRequest({ url: handler, body: payload(), accountId: '1', key: attackerKey });
			const attackerDoh = `http://127.0.0.1:${(doh.address() as AddressInfo).port}/resolve`;
			expect((await postCall(handler, { ...signed.headers, 'X-DoH': attackerDoh }, signed.body)).status).toBe(401);
			expect(await harness.executionsSettled()).toHaveLength(0);
		} finally {
			doh.close();
		}
	});

	it('an expression in Verify Signature counts as on', async () => {
		const { harness, webhookId } = await active({ verifySignature: '={{ $json.headers["x-off"] !== "1" }}' });
		await copernica.client.deliver(webhookId, payload(), { forgery: 'unknownKey', header: undefined });
		expect((await lastDelivery()).status).toBe(401);
		expect(await harness.executionsSettled()).toHaveLength(0);
	});

	it('n8n 1.x (no getWebhookResourceUrl): a production call replayed to the test URL is refused', async () => {
		const spy = jest.spyOn(WebhookContext.prototype as unknown as { getWebhookResourceUrl: () => string | undefined }, 'getWebhookResourceUrl').mockReturnValue(undefined);
		try {
			const { harness } = await active();
			await harness.listenForTestEvent();
			const productionHandler = String(harness.webhookState('production')?.handler);
			const signed = signRequest({ url: productionHandler, body: payload(), accountId: '1', key: copernica.emulator.webhooks.key });
			expect((await postCall(harness.testUrl, signed.headers, signed.body)).status).toBe(401);
			// The test URL's own registration still verifies there.
			const testHandler = String(harness.webhookState('test')?.handler);
			const test = signRequest({ url: testHandler, body: payload(), accountId: '1', key: copernica.emulator.webhooks.key });
			expect((await postCall(harness.testUrl, test.headers, test.body)).status).toBe(200);
			expect(await harness.executionsSettled()).toHaveLength(1);
		} finally {
			spy.mockRestore();
		}
	});

	it('without state, junk calls do not each cost a GET identity with the user\'s token', async () => {
		const { harness } = await active();
		harness.staticData = {};
		await copernica.client.setFaults([{ method: 'GET', path: 'identity', status: 503, contentType: 'application/json', body: '{"error":{"message":"busy"}}' }]);
		await copernica.client.clearLog();
		const [{ handler }] = await copernica.client.webhooks();
		const started = Date.now();
		for (let call = 0; call < 10; call++) {
			const signed = signRequest({ url: handler, body: payload(`junk ${call}`), accountId: '1', key: copernica.emulator.webhooks.key, forgery: 'unknownKey', otherKey: copernica.emulator.webhooks.otherKey });
			expect((await postCall(handler, signed.headers, signed.body)).status).toBe(401);
		}
		for (let call = 0; call < 10; call++) expect((await postCall(handler, { 'content-type': 'text/plain' }, 'junk')).status).toBe(401);
		await copernica.client.setFaults([]);
		const reads = (await copernica.client.log()).filter((entry) => entry.path === 'identity').length;
		expect(reads).toBeLessThanOrEqual(1);
		expect(Date.now() - started).toBeLessThan(5_000);
	});

	it('an unreachable resolver refuses the call (fails closed)', async () => {
		const { harness, webhookId } = await active({ dnsResolver: 'http://127.0.0.1:9/resolve' });
		await copernica.client.deliver(webhookId, payload());
		expect((await lastDelivery()).status).toBe(401);
		expect(await harness.executionsSettled()).toHaveLength(0);
	});

	it('a resolver on plain http elsewhere than this machine is refused before any look-up', async () => {
		const { harness, webhookId } = await active({ dnsResolver: 'http://dns.example.com/resolve' });
		await copernica.client.deliver(webhookId, payload());
		expect((await lastDelivery()).status).toBe(401);
		expect(await harness.executionsSettled()).toHaveLength(0);
	});

	it('Verify Signature off: forged calls are accepted (the README says why that is dangerous)', async () => {
		const { harness, webhookId } = await active({ verifySignature: false });
		await copernica.client.deliver(webhookId, payload(), { forgery: 'unknownKey' });
		expect((await lastDelivery()).status).toBe(200);
		expect(await harness.executionsSettled()).toHaveLength(1);
	});
});
