import { randomBytes } from 'node:crypto';

import { CopernicaEmulator } from '../../emulator/server';
import type { Latency } from '../../emulator/server';
import { ensureN8n } from '../../e2e/install';
import { batchCity, batchCustomerId, batchWorkflow, executionsOf, settledExecutions, startBatch } from '../../e2e/queueBatches';
import type { QueueCluster } from '../../e2e/queueCluster';
import { executionsStartedBy, startQueueCluster } from '../../e2e/queueCluster';
import { RestClient } from '../../e2e/restApi';
import { PostgresService, RedisService } from '../../e2e/services';
import type { N8nVersion } from '../../e2e/versions';
import type { QueueFigures, QueueRound } from './report';

/**
 * Executions per minute in n8n's queue mode, with two workers and then one: the queue-mode
 * e2e's cluster (main, a webhook process, workers, Postgres and Redis on loopback) and workload
 * (a production webhook call per execution, 1,000 items each, Update Profiles at Parallel
 * Requests 10, Create if no match), against the emulator at the benchmark's latency and without
 * faults. Each worker takes n8n's default 10 executions at once.
 */

const EXECUTIONS = 20;
const ITEMS = 1000;
const CONCURRENCY = 10;
const PATH = 'copernica-bench-batch';
const CREDENTIAL = { id: 'benchQueueV3', name: 'Copernica (benchmark emulator)', type: 'copernicaApi' };

function print(line: string): void {
	process.stdout.write(`${line}\n`);
}

/** One round: `EXECUTIONS` webhook calls, timed from the first call to the last finished execution, checked afterwards. */
async function round(cluster: QueueCluster, rest: RestClient, emulator: CopernicaEmulator, workflowId: string, firstBatch: number): Promise<QueueRound> {
	const url = `${cluster.webhookUrl}/webhook/${PATH}`;
	const before = await executionsOf(rest, workflowId);
	const started = Date.now();
	for (let batch = firstBatch; batch < firstBatch + EXECUTIONS; batch++) await startBatch(url, batch, ITEMS);
	const ours = await settledExecutions(rest, cluster, workflowId, before, EXECUTIONS, 30 * 60_000, 250);
	const seconds = (Date.now() - started) / 1000;
	const failed = ours.filter((run) => run.status !== 'success');
	if (failed.length > 0) throw new Error(`queue round: ${failed.length} executions did not succeed: ${JSON.stringify(failed)}`);
	// Every customer of the round's batches exists once and carries its batch's city.
	for (let batch = firstBatch; batch < firstBatch + EXECUTIONS; batch++) {
		for (let item = 0; item < ITEMS; item += 97) {
			const found = [...emulator.store.profiles.values()].filter(
				(profile) => profile.removed === null && profile.fields.customerid === batchCustomerId(batch, item),
			);
			if (found.length !== 1 || found[0].fields.city !== batchCity(batch)) {
				throw new Error(`queue round: ${batchCustomerId(batch, item)} is ${JSON.stringify(found.map((profile) => profile.fields))}`);
			}
		}
	}
	const ids = new Set(ours.map((run) => run.id));
	const running = cluster.workers.filter((worker) => worker.running);
	return {
		workers: running.length,
		executions: EXECUTIONS,
		itemsEach: ITEMS,
		seconds: Math.round(seconds * 10) / 10,
		executionsPerMinute: Math.round((EXECUTIONS / seconds) * 60 * 10) / 10,
		perWorker: running.map((worker) => executionsStartedBy(worker).filter((id) => ids.has(id)).length),
	};
}

export async function benchQueue(target: N8nVersion, tarball: string, latency: Latency): Promise<QueueFigures> {
	const token = `bench_${randomBytes(12).toString('hex')}`;
	const emulator = new CopernicaEmulator({ tokens: [token], latency });
	const postgres = new PostgresService();
	const redis = new RedisService();
	let cluster: QueueCluster | undefined;
	try {
		await emulator.start();
		await Promise.all([postgres.start(), redis.start()]);
		cluster = await startQueueCluster({
			install: ensureN8n(target),
			folder: `bench-queue-${process.pid}`,
			tarball,
			postgres,
			redis,
			workers: 2,
			concurrency: CONCURRENCY,
			prepare: async (cli) => await cli.importCredentials([{ ...CREDENTIAL, data: { accessToken: token, baseUrl: emulator.baseUrl } }]),
		});
		const rest = new RestClient(cluster.mainUrl, target.version);
		await rest.setupOwner();
		const databaseId = String(emulator.store.database('Customers').ID);
		const workflow = await rest.createWorkflow(batchWorkflow({ path: PATH, databaseId, credential: CREDENTIAL, retries: 5 }));
		await rest.activateWorkflow(workflow.id);

		const rounds: QueueRound[] = [];
		// Two workers first; then one stopped (SIGTERM, after its work), and the same again on the other.
		rounds.push(await round(cluster, rest, emulator, workflow.id, 0));
		print(`n8n ${target.version}, queue mode, 2 workers: ${JSON.stringify(rounds[0])}`);
		await cluster.workers[1].stop();
		rounds.push(await round(cluster, rest, emulator, workflow.id, EXECUTIONS));
		print(`n8n ${target.version}, queue mode, 1 worker: ${JSON.stringify(rounds[1])}`);
		return { concurrency: CONCURRENCY, rounds };
	} finally {
		await cluster?.stop();
		await Promise.all([postgres.stop(), redis.stop()]);
		await emulator.stop();
	}
}
