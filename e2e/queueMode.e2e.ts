import { randomBytes, randomUUID } from 'node:crypto';

import { CopernicaEmulator } from '../emulator/server';
import type { LogEntry } from '../emulator/server';
import { EmulatorClient } from '../test/harness/emulatorClient';
import { untagged } from '../test/harness/registrationTag';
import { ensureN8n } from './install';
import type { QueueCluster } from './queueCluster';
import { batchCity, batchCustomerId, batchWorkflow, executionsOf, settledExecutions, startBatch } from './queueBatches';
import { executionsFinishedBy, executionsStartedBy, startQueueCluster } from './queueCluster';
import { parseFlatted, RestClient } from './restApi';
import { PostgresService, RedisService } from './services';
import { packedProject, profileUpdatedTriggerWorkflow, SETUP_TIMEOUT } from './suite';
import { NEWEST } from './versions';

/**
 * The package in n8n's queue mode, with real parts: Postgres and Redis started by the suite, one
 * `n8n start` (main), two `n8n worker`s and one `n8n webhook`, on the newest n8n of the suite.
 * Executions are started the way production starts them, through the webhook process, and run
 * on the workers; the Copernica Trigger is activated on main, verifies on the webhook process and
 * runs on a worker; a worker killed mid-run loses nothing n8n reports as done.
 *
 * Which worker ran an execution: n8n 2.x stores no worker in the execution (execution_entity has
 * no such column; the worker's hostId only travels in the job's progress messages to main), so
 * the suite reads each worker's own log, "Worker started execution <id> (job <n>)" and "Worker
 * finished execution <id>" (scaling/job-processor.js).
 */

const BATCH_WEBHOOK_PATH = 'copernica-queue-batch';
const BATCHES = 20;
const ITEMS = 1000;
const WORKERS = 2;
/** Each worker takes at most this many executions at once, so 20 cannot all land on one. */
const CONCURRENCY = 5;
/** A dropped connection after Copernica handled the PUT, every this many PUTs. */
const RESET_EVERY = 97;
const TRIGGER = 'Copernica Trigger';

const V4_CREDENTIAL = { id: 'copernicaQueueV4', name: 'Copernica REST v4 (emulator)', type: 'copernicaApi' };
const V3_CREDENTIAL = { id: 'copernicaQueueV3', name: 'Copernica REST v3 (emulator)', type: 'copernicaApi' };

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));


/** The customer ID a logged PUT selected (`fields[]=customerid==…`). */
function putCustomer(entry: LogEntry): string | undefined {
	return entry.query.find(([key]) => key === 'fields[]')?.[1]?.replace(/^customerid==/, '');
}

describe(`n8n ${NEWEST.version} in queue mode: Postgres, Redis, main, ${WORKERS} workers, a webhook process`, () => {
	const token = `e2e_${randomBytes(12).toString('hex')}`;
	const emulator = new CopernicaEmulator({ tokens: [token] });
	const postgres = new PostgresService();
	const redis = new RedisService();
	let client: EmulatorClient;
	let cluster: QueueCluster;
	let rest: RestClient;
	let batchWorkflowId: string;
	/** Where the webhook process serves the batch workflow's production webhook. */
	let batchUrl: string;
	const timings: Record<string, unknown> = {};

	/** The batch an execution ran (the webhook's body) and the Copernica node's output items. */
	async function batchRun(id: string): Promise<{ batch: number | undefined; items: Array<Record<string, unknown>> }> {
		const runData = await rest.executionRunData(id);
		const body = runData.Webhook?.[0]?.data?.main[0]?.[0]?.json.body as { batch?: number } | undefined;
		const items = (runData.Copernica?.[0]?.data?.main[0] ?? []).map((item) => item.json);
		return { batch: body?.batch, items };
	}

	/** The message of the error an execution ended with. */
	async function executionError(id: string): Promise<string | undefined> {
		const answer = await rest.call('GET', `executions/${id}`);
		const { data } = (answer.json as { data: { data: string } }).data;
		return (parseFlatted(data) as { resultData: { error?: { message?: string } } }).resultData.error?.message;
	}

	/** Live profiles per customer ID. */
	async function profilesByCustomer(): Promise<Map<string, Array<{ ID: string; city: string }>>> {
		const byCustomer = new Map<string, Array<{ ID: string; city: string }>>();
		for (const profile of await client.profiles('Customers')) {
			if (profile.removed !== false) continue;
			const id = profile.fields.customerid;
			byCustomer.set(id, [...(byCustomer.get(id) ?? []), { ID: profile.ID, city: profile.fields.city }]);
		}
		return byCustomer;
	}

	beforeAll(async () => {
		const started = Date.now();
		await emulator.start();
		client = new EmulatorClient(emulator.origin);
		await Promise.all([postgres.start(), redis.start()]);
		const install = ensureN8n(NEWEST);
		cluster = await startQueueCluster({
			install,
			folder: `queue-home-${process.pid}`,
			tarball: packedProject(),
			postgres,
			redis,
			workers: WORKERS,
			concurrency: CONCURRENCY,
			// A killed worker's jobs are found stalled within seconds, not n8n's default minute and a half.
			extraEnv: { QUEUE_WORKER_LOCK_DURATION: '10000', QUEUE_WORKER_LOCK_RENEW_TIME: '2000', QUEUE_WORKER_STALLED_INTERVAL: '5000' },
			prepare: async (cli) => {
				await cli.importCredentials([
					{ ...V4_CREDENTIAL, data: { apiVersion: 'v4', accessToken: token, baseUrlV4: emulator.baseUrlV4, authUrl: emulator.authenticateUrl } },
					{ ...V3_CREDENTIAL, data: { accessToken: token, baseUrl: emulator.baseUrl } },
				]);
			},
		});
		rest = new RestClient(cluster.mainUrl, NEWEST.version);
		await rest.setupOwner();
		const databaseId = String(emulator.store.database('Customers').ID);
		const workflow = await rest.createWorkflow(batchWorkflow({ path: BATCH_WEBHOOK_PATH, databaseId, credential: V4_CREDENTIAL, retries: 5 }));
		batchWorkflowId = workflow.id;
		await rest.activateWorkflow(batchWorkflowId);
		batchUrl = `${cluster.webhookUrl}/webhook/${BATCH_WEBHOOK_PATH}`;
		timings.setupSeconds = Math.round((Date.now() - started) / 1000);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		process.stdout.write(`[e2e queue mode] ${JSON.stringify(timings)}\n`);
		await cluster?.stop();
		await Promise.all([postgres.stop(), redis.stop()]);
		await emulator.stop();
	}, 120_000);

	it(`${BATCHES} executions of ${ITEMS} items (Parallel Requests 10) started through the webhook process run on both workers; every customer is created once, also after dropped connections`, async () => {
		await client.setFaults([{ method: 'PUT', resetAfterHandling: true, every: RESET_EVERY }]);
		const started = Date.now();
		for (let batch = 0; batch < BATCHES; batch++) await startBatch(batchUrl, batch, ITEMS);
		const runs = await settledExecutions(rest, cluster, batchWorkflowId, [], BATCHES, 20 * 60_000);
		timings.batchesSeconds = Math.round((Date.now() - started) / 1000);
		await client.setFaults([]);
		expect(runs.map((run) => [run.status, run.mode])).toEqual(runs.map(() => ['success', 'webhook']));

		// Which worker ran each: every execution started and finished on exactly one worker; both did work.
		const ids = runs.map((run) => run.id).sort();
		const byWorker = cluster.workers.map((worker) => executionsStartedBy(worker).filter((id) => ids.includes(id)));
		timings.executionsPerWorker = byWorker.map((list) => list.length);
		expect([...byWorker.flat()].sort()).toEqual(ids);
		for (const list of byWorker) expect(list.length).toBeGreaterThan(0);
		cluster.workers.forEach((worker, index) => expect(executionsFinishedBy(worker).filter((id) => ids.includes(id)).sort()).toEqual([...byWorker[index]].sort()));
		expect(cluster.main.log()).not.toMatch(/Worker started execution/);

		// n8n reports every item done: 1,000 output items per execution, each batch once.
		const batches: number[] = [];
		for (const run of runs) {
			const { batch, items } = await batchRun(run.id);
			batches.push(batch ?? -1);
			expect({ id: run.id, items: items.length, errors: items.filter((item) => item.error !== undefined).length }).toEqual({ id: run.id, items: ITEMS, errors: 0 });
		}
		expect(batches.sort((a, b) => a - b)).toEqual(Array.from({ length: BATCHES }, (_, batch) => batch));

		// The emulator: one live profile per customer, with its batch's city.
		const profiles = await profilesByCustomer();
		for (let batch = 0; batch < BATCHES; batch++) {
			for (let item = 0; item < ITEMS; item++) {
				const found = profiles.get(batchCustomerId(batch, item)) ?? [];
				if (found.length !== 1 || found[0].city !== batchCity(batch)) {
					throw new Error(`${batchCustomerId(batch, item)}: ${JSON.stringify(found)}`);
				}
			}
		}
		// The request log: each customer's PUT answered exactly once; the dropped ones (handled, then the
		// connection reset) were sent again, and the retry found the profile the dropped PUT had created.
		const puts = (await client.log()).filter((entry) => entry.method === 'PUT');
		const answered = new Map<string, number>();
		let dropped = 0;
		for (const entry of puts) {
			if (entry.status === 0) dropped++;
			else answered.set(putCustomer(entry) ?? '', (answered.get(putCustomer(entry) ?? '') ?? 0) + 1);
		}
		timings.putsSent = puts.length;
		timings.putsDropped = dropped;
		expect(dropped).toBeGreaterThan(BATCHES);
		expect(puts.length).toBe(BATCHES * ITEMS + dropped);
		expect(answered.size).toBe(BATCHES * ITEMS);
		expect([...answered.values()].every((count) => count === 1)).toBe(true);
	});

	it('REST v4: the credential both workers share exchanges the token for a JWT only while none is saved yet (executions starting at once on both workers each may), never once it is', async () => {
		const afterFirstRound = (await client.stats()).jwtsIssued;
		timings.jwtsAfterFirstRound = afterFirstRound;
		const exchanges = (await client.log()).filter((entry) => entry.path === 'authenticate');
		// Worst case: each worker's first executions start at once with the credential's JWT field still empty.
		expect(afterFirstRound).toBeGreaterThanOrEqual(1);
		expect(exchanges).toHaveLength(afterFirstRound);
		expect(afterFirstRound).toBeLessThanOrEqual(WORKERS * CONCURRENCY);
		// Once saved, the JWT serves every later execution on either worker: a second round exchanges nothing.
		await client.clearLog();
		const before = await executionsOf(rest, batchWorkflowId);
		for (let batch = 0; batch < 6; batch++) await startBatch(batchUrl, BATCHES + batch, 50);
		const second = await settledExecutions(rest, cluster, batchWorkflowId, before, 6, 5 * 60_000);
		expect(second.map((run) => run.status)).toEqual(second.map(() => 'success'));
		const secondWorkers = cluster.workers.map((worker) => executionsStartedBy(worker).filter((id) => second.some((run) => run.id === id)).length);
		timings.secondRoundPerWorker = secondWorkers;
		expect((await client.stats()).jwtsIssued).toBe(afterFirstRound);
		const log = await client.log();
		expect(log.filter((entry) => entry.path === 'authenticate')).toEqual([]);
		expect(log.filter((entry) => entry.path !== 'authenticate').every((entry) => entry.version === 'v4' && entry.auth === 'bearer' && entry.token === 'valid')).toBe(true);
	});

	it('the Copernica Trigger activated on main registers the webhook process\'s URL; a signed call through the webhook process is verified there and runs on a worker', async () => {
		const webhookId = randomUUID();
		const databaseId = String(emulator.store.database('Customers').ID);
		const workflow = await rest.createWorkflow(
			profileUpdatedTriggerWorkflow({ name: 'Queue mode: Copernica Trigger', triggerName: TRIGGER, webhookId, databaseId, dnsResolver: emulator.dohUrl, credential: V3_CREDENTIAL }),
		);
		await rest.activateWorkflow(workflow.id);
		try {
			const webhooks = await client.webhooks();
			expect(webhooks.map((webhook) => untagged(webhook.handler))).toEqual([`${cluster.webhookUrl}/webhook/${webhookId}/webhook`]);
			expect(webhooks[0].handler).toContain('copernicaRegistration=');

			const profile = (await client.profilesWhere('Customers', 'customerid', 'C-1001'))[0];
			await client.clearDeliveries();
			await client.clearDohRequests();
			const response = await fetch(`${emulator.baseUrl}/profile/${profile.ID}?access_token=${token}`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ fields: { city: 'Queue Town' } }),
			});
			expect(response.status).toBe(204);
			const deliveries = await client.settleDeliveries();
			expect(deliveries.map(({ handler, status }) => [untagged(handler), status])).toEqual([[`${cluster.webhookUrl}/webhook/${webhookId}/webhook`, 200]]);
			// The webhook process looked the signing key up at the emulator's DoH stand-in.
			expect(Object.values(await client.dohRequests()).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);

			const [execution] = await settledExecutions(rest, cluster, workflow.id, [], 1, 60_000);
			expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
			const ranOn = cluster.workers.filter((worker) => executionsStartedBy(worker).includes(execution.id)).map((worker) => worker.name);
			expect(ranOn).toHaveLength(1);
			timings.triggerExecutionWorker = ranOn[0];
			const item = (await rest.executionRunData(execution.id))[TRIGGER]?.[0]?.data?.main[0]?.[0]?.json;
			expect(item).toMatchObject({ event: 'profileUpdated', profileId: profile.ID, fields: expect.objectContaining({ city: 'Queue Town' }) });
		} finally {
			await rest.deactivateWorkflow(workflow.id);
		}
		expect(await client.webhooks()).toEqual([]);
	});

	it('a worker killed (SIGKILL) mid-run: every execution n8n reports as a success has all its items in Copernica, none twice; the killed ones are reported as failed (Retry cannot rescue them), and a re-run completes them without a duplicate', async () => {
		const [survivor, victim] = cluster.workers;
		const before = await executionsOf(rest, batchWorkflowId);
		await client.clearLog();
		const first = 100;
		const count = 6;
		const knownOnVictim = new Set(executionsStartedBy(victim));
		for (let batch = first; batch < first + count; batch++) await startBatch(batchUrl, batch, ITEMS);
		// Kill the victim once it has started one of these and Copernica has seen some of their PUTs.
		const deadline = Date.now() + 120_000;
		let running: string[] = [];
		while (Date.now() < deadline) {
			running = executionsStartedBy(victim).filter((id) => !knownOnVictim.has(id) && !executionsFinishedBy(victim).includes(id));
			const puts = (await client.stats()).requests;
			if (running.length > 0 && puts > 300) break;
			await sleep(250);
		}
		expect(running.length).toBeGreaterThan(0);
		await sleep(1000);
		const killedWhileRunning = executionsStartedBy(victim).filter((id) => !knownOnVictim.has(id) && !executionsFinishedBy(victim).includes(id));
		const killedAt = Date.now();
		await victim.kill();
		const runs = await settledExecutions(rest, cluster, batchWorkflowId, before, count, 5 * 60_000);
		timings.killSettledSeconds = Math.round((Date.now() - killedAt) / 1000);
		const statuses = Object.fromEntries(runs.map((run) => [run.id, run.status]));
		timings.killedExecutions = killedWhileRunning;
		timings.statusesAfterKill = statuses;

		// The killed worker's executions: not re-run on the survivor, and not reported as a success.
		for (const id of killedWhileRunning) {
			expect({ id, status: statuses[id] }).toEqual({ id, status: expect.not.stringMatching(/^success$/) });
			expect(executionsStartedBy(survivor)).not.toContain(id);
		}
		// Why: n8n 2.x has Bull give up on a stalled job at once (maxStalledCount 0, scaling.service.js), and
		// main records the error it then gets from the job (MaxStalledCountError).
		const errors = await Promise.all(killedWhileRunning.map(async (id) => await executionError(id)));
		timings.killedExecutionErrors = [...new Set(errors)];
		for (const message of errors) expect(message).toMatch(/failed to be processed too many times/);
		for (const id of killedWhileRunning) {
			// The process that queued the execution waits for its job and records the failure: for a
			// production webhook call, the webhook process, not main.
			const problem = `Problem with execution ${id}: This execution failed to be processed too many times`;
			timings.failureRecordedBy = [cluster.main, cluster.webhook].filter((process) => process.log().includes(problem)).map((process) => process.name);
			expect(cluster.webhook.log()).toContain(problem);
			// WorkflowRunner.processError replaced the execution's data with the error alone: no run data,
			// not even the webhook's input (which batch it was is only known from what is missing).
			expect(await rest.executionRunData(id)).toEqual({});
		}

		// Every success: all 1,000 items reported done, each customer there exactly once.
		const profiles = await profilesByCustomer();
		const done = new Set<number>();
		for (const run of runs.filter((each) => each.status === 'success')) {
			const { batch, items } = await batchRun(run.id);
			expect(batch).toBeDefined();
			done.add(batch!);
			expect(items).toHaveLength(ITEMS);
			for (let item = 0; item < ITEMS; item++) expect(profiles.get(batchCustomerId(batch!, item))?.length).toBe(1);
		}
		expect(done.size).toBe(count - killedWhileRunning.length);
		// The killed batches: what got there before the kill, never twice.
		const partial: Record<number, number> = {};
		for (let batch = first; batch < first + count; batch++) {
			if (done.has(batch)) continue;
			let present = 0;
			for (let item = 0; item < ITEMS; item++) {
				const found = profiles.get(batchCustomerId(batch, item))?.length ?? 0;
				expect(found).toBeLessThanOrEqual(1);
				present += found;
			}
			partial[batch] = present;
		}
		timings.killedBatchProfilesPresent = partial;
		expect(Object.keys(partial)).toHaveLength(killedWhileRunning.length);

		// Retry in the Executions list does not rescue it (n8n 2.40.7 and 2.41.1): the stored data has an empty
		// node execution stack and no lastNodeExecuted, so ExecutionService.retry keeps its
		// resultData.error, and the retry, on the surviving worker, runs no node and ends at once with
		// that same error, having sent nothing to Copernica.
		await client.clearLog();
		const beforeRetry = await executionsOf(rest, batchWorkflowId);
		const answers = await Promise.all(killedWhileRunning.map(async (id) => await rest.call('POST', `executions/${id}/retry`, { loadWorkflow: false })));
		expect(answers.map((answer) => answer.status)).toEqual(killedWhileRunning.map(() => 200));
		const retries = await settledExecutions(rest, cluster, batchWorkflowId, beforeRetry, killedWhileRunning.length, 5 * 60_000);
		timings.retryStatuses = retries.map((run) => `${run.mode}: ${run.status}`);
		expect(retries.map((run) => [run.status, run.mode])).toEqual(retries.map(() => ['error', 'retry']));
		for (const run of retries) {
			expect(executionsStartedBy(survivor)).toContain(run.id);
			expect(await executionError(run.id)).toMatch(/failed to be processed too many times/);
		}
		expect((await client.log()).filter((entry) => entry.method === 'PUT')).toEqual([]);

		// What does: running the workflow again for those batches (here: the same webhook call again).
		// Create If No Match finds the profiles the killed run had created, so every customer of those
		// batches ends up there exactly once.
		const beforeRerun = await executionsOf(rest, batchWorkflowId);
		for (const batch of Object.keys(partial).map(Number)) await startBatch(batchUrl, batch, ITEMS);
		const reruns = await settledExecutions(rest, cluster, batchWorkflowId, beforeRerun, killedWhileRunning.length, 5 * 60_000);
		expect(reruns.map((run) => run.status)).toEqual(reruns.map(() => 'success'));
		const afterRerun = await profilesByCustomer();
		for (const batch of Object.keys(partial).map(Number)) {
			for (let item = 0; item < ITEMS; item++) {
				const found = afterRerun.get(batchCustomerId(batch, item)) ?? [];
				if (found.length !== 1) throw new Error(`${batchCustomerId(batch, item)} after the re-run: ${JSON.stringify(found)}`);
			}
		}
	});
});
