import { randomUUID } from 'node:crypto';

import type { QueueCluster } from './queueCluster';
import type { ExecutionSummary, RestClient } from './restApi';

/**
 * The queue-mode workload, shared by the queue-mode e2e and `npm run bench`: a production
 * webhook (served by the webhook process) that makes `count` customers of batch `batch` and
 * updates them with the Copernica node on the workers, and the polling that waits for the
 * executions to finish.
 */

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const FINISHED = (status: string) => !['new', 'running', 'waiting', 'unknown'].includes(status);

/** The customer ID of item `item` of batch `batch`. */
export function batchCustomerId(batch: number, item: number): string {
	return `Q-${batch}-${item}`;
}

/** The city batch `batch` writes. */
export function batchCity(batch: number): string {
	return `Batch ${batch}`;
}

/**
 * Webhook (POST `path`, answered on receipt) → Set (the batch's customers, one array) → Split
 * Out → Copernica Update Profiles (Create if no match) at Parallel Requests 10.
 */
export function batchWorkflow(options: { path: string; databaseId: string; credential: { id: string; name: string }; retries: number }) {
	return {
		name: 'Queue mode: update profiles in batches',
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: options.path, responseMode: 'onReceived', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Customers',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{
								id: randomUUID(),
								name: 'customers',
								type: 'array',
								value:
									"={{ Array.from({ length: $json.body.count }, (_, item) => ({ customerId: 'Q-' + $json.body.batch + '-' + item, city: 'Batch ' + $json.body.batch })) }}",
							},
						],
					},
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'One item per customer',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'customers', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Copernica',
				type: 'n8n-nodes-copernica.copernica',
				typeVersion: 1,
				position: [660, 0],
				parameters: {
					resource: 'profile',
					operation: 'updateProfiles',
					database: { __rl: true, mode: 'id', value: options.databaseId },
					selection: { conditions: [{ field: 'customerid', operator: 'equals', value: '={{ $json.customerId }}' }] },
					createIfNoMatch: true,
					fieldValues: { fields: [{ name: 'city', value: '={{ $json.city }}' }] },
					options: { parallelRequests: 10, retries: options.retries },
				},
				credentials: { copernicaApi: { id: options.credential.id, name: options.credential.name } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Customers', type: 'main', index: 0 }]] },
			Customers: { main: [[{ node: 'One item per customer', type: 'main', index: 0 }]] },
			'One item per customer': { main: [[{ node: 'Copernica', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** A production call of the batch workflow through the webhook process: `count` customers of batch `batch`. */
export async function startBatch(url: string, batch: number, count: number): Promise<void> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ batch, count }),
	});
	if (response.status !== 200) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
}

/** n8n 2.41 answers at most 100 executions a page (and pages by cursor, 1.x by ID): one page is all the suite needs. */
const PAGE = 100;

/** Every execution of the workflow, newest first; refused past one page, which the suite never needs. */
export async function executionsOf(rest: RestClient, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const answer = await rest.call('GET', `executions?filter=${filter}&limit=${PAGE}`);
	if (answer.status !== 200) throw new Error(`GET executions: ${answer.status} ${JSON.stringify(answer.json)}`);
	const { results } = (answer.json as { data: { results: ExecutionSummary[] } }).data;
	if (results.length >= PAGE) throw new Error(`workflow ${workflowId} has ${PAGE} executions or more: more than one page`);
	return results.map(({ id, status, mode }) => ({ id: String(id), status, mode }));
}

/**
 * The workflow's executions not in `before`, once there are `count` and all have finished;
 * past `timeoutMs`, an error with what there is and the end of each process's log.
 */
export async function settledExecutions(
	rest: RestClient,
	cluster: QueueCluster,
	workflowId: string,
	before: ExecutionSummary[],
	count: number,
	timeoutMs: number,
	pollMs = 1000,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const added = (await executionsOf(rest, workflowId)).filter((run) => !before.some((old) => old.id === run.id));
		if (added.length >= count && added.every((run) => FINISHED(run.status))) return added;
		if (Date.now() > deadline) {
			throw new Error(
				`expected ${count} finished executions, have ${JSON.stringify(added)}\nmain: ${cluster.main.log().slice(-3000)}\n` +
					cluster.workers.map((worker) => `${worker.name}: ${worker.log().slice(-2000)}`).join('\n'),
			);
		}
		await sleep(pollMs);
	}
}
