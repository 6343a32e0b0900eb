import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { request } from 'node:http';
import * as path from 'node:path';

import { ACCOUNT_ID } from '../emulator/routes/account';
import { CopernicaEmulator } from '../emulator/server';
import type { Forgery } from '../emulator/signing';
import { generateSigningKey, signRequest } from '../emulator/signing';
import type { Payload } from '../emulator/webhookPayload';
import { EmulatorClient } from '../test/harness/emulatorClient';
import { PROJECT_ROOT } from '../test/harness/nodePackage';
import { untagged, withUntaggedHandlers } from '../test/harness/registrationTag';
import type { Editor } from './editor';
import { errorsCausedByNode, openEditor } from './editor';
import type { N8nInstance } from './n8nInstance';
import type { ExecutionSummary } from './restApi';
import { RestClient } from './restApi';
import { CREDENTIAL, n8nWithPackage, profileUpdatedTriggerWorkflow, SETUP_TIMEOUT } from './suite';
import { N8N_VERSIONS } from './versions';

/**
 * The Copernica Trigger inside real n8n releases (`n8n start`): a workflow activated through
 * n8n's REST API registers its webhook in the emulator, the emulator's signed call after a profile
 * update starts an execution with the event as its item, a forged call is refused with 401 and
 * starts nothing, activating again leaves one webhook, and deactivating removes it.
 *
 * The tests of a version run in order and share one activated workflow: each starts from the
 * state the one before left (the emulator is not reset between them).
 */

const TRIGGER = 'Copernica Trigger';
/** n8n polls nothing for a webhook: an execution appears within a second or two of the call. */
const EXECUTION_WAIT_MS = 30_000;

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** A raw POST, headers exactly as given (fetch would set its own Host and Content-Length). */
async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
	return await new Promise((resolve, reject) => {
		const outgoing = request(url, { method: 'POST', headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
		});
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

describe.each(N8N_VERSIONS)('n8n $version: Copernica Trigger', (target) => {
	const token = `e2e_${randomBytes(12).toString('hex')}`;
	const emulator = new CopernicaEmulator({ tokens: [token] });
	/** The node's webhookId, as the editor gives each new webhook node: the production URL's path. */
	const webhookId = randomUUID();
	let client: EmulatorClient;
	let n8n: N8nInstance;
	let rest: RestClient;
	let workflowId: string;
	let productionUrl: string;
	/** Where "Listen for test event" makes Copernica call. */
	let testUrl: string;
	let databaseId: string;

	/** The executions added since `before`, once all have finished (RestClient.finishedExecutionsSince). */
	async function newExecutions(what: string, before: ExecutionSummary[], ofWorkflow = workflowId): Promise<ExecutionSummary[]> {
		return await rest.finishedExecutionsSince(ofWorkflow, before, what, () => n8n.serverLog(), { timeoutMs: EXECUTION_WAIT_MS });
	}

	/**
	 * The emulator's webhooks once none is left, for what n8n removes after it has answered: the
	 * end of a test listening (n8n 1.x's Stop listening does not wait for the removal either).
	 */
	async function webhooksOnceRemoved(timeoutMs = 10_000) {
		const deadline = Date.now() + timeoutMs;
		let webhooks = await client.webhooks();
		while (webhooks.length > 0 && Date.now() < deadline) {
			await sleep(250);
			webhooks = await client.webhooks();
		}
		return webhooks;
	}

	/**
	 * A profile update as the Copernica node makes it (`PUT profile/{id}` with the token), and the
	 * webhook calls it caused, once they have settled.
	 */
	async function updateProfile(customerId: string, body: object) {
		const profile = (await client.profilesWhere('Customers', 'customerid', customerId))[0];
		await client.clearDeliveries();
		const response = await fetch(`${emulator.baseUrl}/profile/${profile.ID}?access_token=${token}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (response.status !== 204) throw new Error(`PUT profile/${profile.ID}: ${response.status} ${await response.text()}`);
		return { profile, deliveries: await client.settleDeliveries() };
	}

	/** The trigger's one output item in execution `id`. */
	async function triggerItem(id: string): Promise<Record<string, unknown>> {
		const runData = await rest.executionRunData(id);
		const task = runData[TRIGGER]?.[0];
		const items = task?.data?.main[0] ?? [];
		if (items.length !== 1) throw new Error(`execution ${id}: expected one trigger item, got ${JSON.stringify(runData)}`);
		return items[0].json;
	}

	/** A call to the registered webhook (else the production URL) signed with the emulator's key, or forged as asked. */
	async function signedCall(payload: Payload, forgery?: Forgery) {
		const key = emulator.webhooks.key;
		const [registered] = await client.webhooks();
		return signRequest({
			url: registered?.handler ?? productionUrl,
			body: payload,
			accountId: ACCOUNT_ID,
			key,
			forgery,
			otherKey: forgery === 'unknownKey' ? generateSigningKey(key.keyId) : undefined,
		});
	}

	beforeAll(async () => {
		await emulator.start();
		client = new EmulatorClient(emulator.origin);
		n8n = await n8nWithPackage(target, 'trigger-home', emulator, token);
		rest = new RestClient(await n8n.start(), target.version);
		await rest.setupOwner();
		productionUrl = `${rest.baseUrl}/webhook/${webhookId}/webhook`;
		testUrl = `${rest.baseUrl}/webhook-test/${webhookId}/webhook`;
		databaseId = String(emulator.store.database('Customers').ID);
		const workflow = await rest.createWorkflow(
			profileUpdatedTriggerWorkflow({ name: 'Copernica Trigger: profile updated', triggerName: TRIGGER, webhookId, databaseId, dnsResolver: emulator.dohUrl, credential: CREDENTIAL }),
		);
		workflowId = workflow.id;
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await emulator.stop();
	});

	it('activation through the REST API registers one update webhook for the database, calling n8n\'s production URL', async () => {
		expect(await client.webhooks()).toEqual([]);
		const activated = await rest.activateWorkflow(workflowId);
		expect(activated.active).toBe(true);
		const webhooks = await client.webhooks();
		expect(withUntaggedHandlers(webhooks)).toEqual([
			expect.objectContaining({ handler: productionUrl, trigger: 'update', callers: ['ms', 'publisher'], database: databaseId }),
		]);
		expect(webhooks[0].collection).toBeUndefined();
		// n8n saved the node's static data: the registered ID is what deactivation removes.
		const stored = await rest.workflow(workflowId);
		expect(stored.staticData).toMatchObject({ [`node:${TRIGGER}`]: { webhooks: { [productionUrl]: { webhookId: webhooks[0].ID, trigger: 'update' } } } });
	});

	it('a profile update through Copernica\'s REST API reaches the trigger: one call answered 200, one execution with the event', async () => {
		const before = await rest.executions(workflowId);
		const { profile, deliveries } = await updateProfile('C-1001', { fields: { city: 'Leiden' }, interests: { offers: 1 } });
		expect(deliveries.map(({ handler, trigger, status, error }) => ({ handler: untagged(handler), trigger, status, error }))).toEqual([
			{ handler: productionUrl, trigger: 'update', status: 200, error: undefined },
		]);
		const added = await newExecutions('an execution of the update', before);
		expect(added).toEqual([expect.objectContaining({ status: 'success', mode: 'webhook' })]);
		const [execution] = added;
		const item = await triggerItem(execution.id);
		const updated = (await client.profilesWhere('Customers', 'customerid', 'C-1001'))[0];
		expect(item).toMatchObject({
			event: 'profileUpdated',
			type: 'update',
			database: databaseId,
			collection: null,
			profileId: profile.ID,
			subprofileId: null,
			fields: updated.fields,
			modified: expect.any(String),
		});
		expect(Object.keys(item).filter((key) => key.startsWith('fields['))).toEqual([]);
		expect([...(item.interests as string[])].sort()).toEqual([...updated.interests].sort());
		expect(item.interests).toContain('offers');
		expect(item.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('forged calls are answered 401 and start nothing; the same call signed correctly starts one execution', async () => {
		const before = await rest.executions(workflowId);
		const payload = (city: string): Payload => ({
			type: 'update',
			time: Math.floor(Date.now() / 1000),
			profile: '1',
			database: databaseId,
			fields: { city },
			interests: ['newsletter'],
		});
		for (const forgery of ['unknownKey', 'wrongDigest'] as const) {
			const call = await signedCall(payload(`Forged (${forgery})`), forgery);
			const answer = await post(call.url, call.headers, call.body);
			expect({ forgery, status: answer.status }).toEqual({ forgery, status: 401 });
		}
		// The emulator's own forged delivery goes the same way.
		const [webhook] = await client.webhooks();
		await client.clearDeliveries();
		await client.deliver(webhook.ID, payload('Forged (otherAccount)'), { forgery: 'otherAccount' });
		expect((await client.settleDeliveries()).map((entry) => entry.status)).toEqual([401]);

		const genuine = await signedCall(payload('Genuine'));
		expect((await post(genuine.url, genuine.headers, genuine.body)).status).toBe(200);
		const added = await newExecutions('an execution of the genuine call', before);
		expect(added).toEqual([expect.objectContaining({ status: 'success', mode: 'webhook' })]);
		expect(await triggerItem(added[0].id)).toMatchObject({ profileId: '1', fields: { city: 'Genuine' } });
	});

	it('activating the active workflow again leaves exactly one webhook', async () => {
		await rest.activateWorkflow(workflowId);
		const webhooks = await client.webhooks();
		expect(withUntaggedHandlers(webhooks)).toEqual([expect.objectContaining({ handler: productionUrl, trigger: 'update', database: databaseId })]);
	});

	it('changing the trigger\'s settings in the active workflow and putting them live replaces the webhook: still one, with the new callers', async () => {
		const [before] = await client.webhooks();
		const workflow = (await rest.workflow(workflowId)) as unknown as { nodes: Array<{ name: string; parameters: Record<string, unknown> }> };
		const nodes = workflow.nodes.map((node) =>
			node.name === TRIGGER ? { ...node, parameters: { ...node.parameters, options: { dnsResolver: emulator.dohUrl, callers: 'ms' } } } : node,
		);
		await rest.publishChanges(workflowId, { nodes });
		const webhooks = await client.webhooks();
		expect(withUntaggedHandlers(webhooks)).toEqual([expect.objectContaining({ handler: productionUrl, trigger: 'update', callers: ['ms'], database: databaseId })]);
		expect(webhooks[0].ID).not.toBe(before.ID);
		const stored = await rest.workflow(workflowId);
		expect(stored.staticData).toMatchObject({ [`node:${TRIGGER}`]: { webhooks: { [productionUrl]: { webhookId: webhooks[0].ID, callers: ['ms'] } } } });
	});

	it('deactivation through the REST API removes the webhook from Copernica', async () => {
		const deactivated = await rest.deactivateWorkflow(workflowId);
		expect(deactivated.active).toBe(false);
		expect(await client.webhooks()).toEqual([]);
		// Nothing calls n8n any more, and n8n no longer serves the production URL.
		const call = await signedCall({ type: 'update', profile: '1', database: databaseId, fields: { city: 'Late' } });
		expect((await post(call.url, call.headers, call.body)).status).toBe(404);
	});

	it('activating again after deactivation registers exactly one webhook, which the next update reaches', async () => {
		await rest.activateWorkflow(workflowId);
		const webhooks = await client.webhooks();
		expect(withUntaggedHandlers(webhooks)).toEqual([expect.objectContaining({ handler: productionUrl, trigger: 'update', database: databaseId })]);
		const before = await rest.executions(workflowId);
		const { profile, deliveries } = await updateProfile('C-1002', { fields: { city: 'Delft' } });
		expect(deliveries.map((entry) => [entry.webhook, entry.status])).toEqual([[Number(webhooks[0].ID), 200]]);
		const after = await newExecutions('an execution after re-activation', before);
		expect(after).toEqual([expect.objectContaining({ status: 'success', mode: 'webhook' })]);
		expect(await triggerItem(after[0].id)).toMatchObject({ profileId: profile.ID, fields: { city: 'Delft' } });
		await rest.deactivateWorkflow(workflowId);
		expect(await client.webhooks()).toEqual([]);
	});

	describe('"Listen for test event" (the workflow inactive)', () => {
		it('registers the test URL while n8n listens; the first call ends the listening, runs the workflow once and removes the webhook', async () => {
			expect(await client.webhooks()).toEqual([]);
			expect(await rest.runFromTrigger(workflowId, TRIGGER)).toMatchObject({ waitingForWebhook: true });
			const webhooks = await client.webhooks();
			expect(withUntaggedHandlers(webhooks)).toEqual([expect.objectContaining({ handler: testUrl, trigger: 'update', database: databaseId })]);
			const before = await rest.executions(workflowId);
			const { profile, deliveries } = await updateProfile('C-1001', { fields: { city: 'Gouda' } });
			expect(deliveries.map((entry) => [untagged(entry.handler), entry.status])).toEqual([[testUrl, 200]]);
			const after = await newExecutions('the test execution', before);
			expect(after).toEqual([expect.objectContaining({ status: 'success', mode: 'manual' })]);
			expect(await triggerItem(after[0].id)).toMatchObject({ profileId: profile.ID, fields: { city: 'Gouda' } });
			// n8n stops listening after one call and calls the node's delete: Copernica forgets the test URL.
			expect(await webhooksOnceRemoved()).toEqual([]);
		});

		it('Stop listening removes the test webhook', async () => {
			expect(await rest.runFromTrigger(workflowId, TRIGGER)).toMatchObject({ waitingForWebhook: true });
			expect((await client.webhooks()).map((webhook) => untagged(webhook.handler))).toEqual([testUrl]);
			await rest.stopListening(workflowId);
			expect(await webhooksOnceRemoved()).toEqual([]);
		});
	});

	describe('"Listen for test event" in the editor in Chromium', () => {
		let editor: Editor;

		beforeAll(async () => {
			editor = await openEditor(rest.baseUrl, rest);
		}, SETUP_TIMEOUT);

		afterAll(async () => {
			await editor?.close();
		});

		it('the trigger\'s panel listens (the test URL registered), shows the event a profile update sends, and n8n removes the test webhook', async () => {
			const { page } = editor;
			try {
				await page.goto(`${rest.baseUrl}/workflow/${workflowId}`);
				const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${TRIGGER}"]`);
				await node.waitFor({ state: 'visible', timeout: 60_000 });
				await node.dblclick();
				const ndv = page.locator('[data-test-id="ndv"]');
				await ndv.waitFor({ state: 'visible' });
				await ndv.locator('[data-test-id="node-execute-button"]:visible').first().click();
				const deadline = Date.now() + 30_000;
				while ((await client.webhooks()).length === 0 && Date.now() < deadline) await sleep(250);
				expect((await client.webhooks()).map((webhook) => untagged(webhook.handler))).toEqual([testUrl]);

				const { deliveries } = await updateProfile('C-1003', { fields: { city: 'Zaandam' } });
				expect(deliveries.map((entry) => [untagged(entry.handler), entry.status])).toEqual([[testUrl, 200]]);
				// The output panel shows the item n8n pushed to the editor.
				const output = page.locator('[data-test-id="output-panel"]');
				await output.getByText('Zaandam').first().waitFor({ state: 'visible', timeout: 30_000 });
				expect(await output.innerText()).toContain('profileUpdated');
				expect(await webhooksOnceRemoved()).toEqual([]);
				expect(errorsCausedByNode(editor.consoleErrors)).toEqual([]);
			} catch (error) {
				await page.screenshot({ path: `/tmp/copernica-trigger-editor-${target.version}.png` });
				throw error;
			}
		});
	});
	it('examples/trigger-gold-customers-to-newsletter.json: a gold customer\'s update reaches the Newsletter database, another customer\'s stops at the If', async () => {
		const example = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'examples', 'trigger-gold-customers-to-newsletter.json'), 'utf8')) as {
			name: string;
			nodes: Array<{ type: string; parameters: Record<string, unknown> }>;
			connections: unknown;
			settings: unknown;
		};
		// The example looks the key up at dns.google; here the emulator publishes it.
		for (const node of example.nodes) {
			if (node.type.endsWith('.copernicaTrigger')) node.parameters.options = { dnsResolver: emulator.dohUrl };
		}
		const created = await rest.createWorkflow({ name: example.name, nodes: example.nodes, connections: example.connections, settings: example.settings });
		await rest.activateWorkflow(created.id);
		try {
			const before = await rest.executions(created.id);
			await updateProfile('C-1002', { fields: { city: 'Nijmegen' } });
			const [gold] = await newExecutions('the example\'s execution for a gold customer', before, created.id);
			expect(gold.status).toBe('success');
			const subscribed = await client.profilesWhere('Newsletter', 'email', 'bram@example.com');
			expect(subscribed.map((profile) => [profile.fields.name, profile.interests])).toEqual([['Bram Jansen', ['monthly']]]);

			const afterGold = await rest.executions(created.id);
			await updateProfile('C-1001', { fields: { city: 'Alkmaar' } });
			await newExecutions('the example\'s execution for a regular customer', afterGold, created.id);
			expect(await client.profilesWhere('Newsletter', 'email', 'anna@example.com')).toEqual([]);
		} finally {
			await rest.deactivateWorkflow(created.id);
		}
	});
});
