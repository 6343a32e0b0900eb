import type { Seed } from '../../emulator/seed';
import { sampleSeed } from '../../emulator/seed';

/**
 * What the benchmark runs: a Customers database of N profiles, and workflows that update each of
 * them with its own selection (`customerid==C-…`), once through the Copernica node and once
 * through n8n's HTTP Request node doing the same PUTs.
 */

export const CREDENTIAL = { id: 'benchCopernica', name: 'Copernica (benchmark emulator)', type: 'copernicaApi' };
export const QUERY_AUTH_CREDENTIAL = { id: 'benchQueryAuth', name: 'Copernica token as URL parameter', type: 'httpQueryAuth' };

export function customerId(index: number): string {
	return `C-${String(index).padStart(5, '0')}`;
}

/** The sample account with the Customers database holding `profiles` customers C-00000, C-00001, … */
export function benchSeed(profiles: number): Seed {
	const seed = sampleSeed();
	const customers = seed.databases.find((database) => database.name === 'Customers')!;
	customers.profiles = Array.from({ length: profiles }, (_, index) => ({
		fields: { customerid: customerId(index), email: `customer${index}@example.com`, city: 'Amsterdam' },
	}));
	return seed;
}

/** The city every item writes: one per run, so a run's updates can be counted afterwards. */
export function cityOf(runName: string): string {
	return `Bench ${runName}`;
}

type Node = Record<string, unknown>;

/** Manual trigger → Set (raw JSON, one array) → Split Out: `n8n execute` ignores pinned data. */
function inputNodes(workflowId: string, items: number, city: string): Node[] {
	const customers = Array.from({ length: items }, (_, index) => ({ customerId: customerId(index), city }));
	return [
		{
			id: `${workflowId}-trigger`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: `${workflowId}-input`,
			name: 'Input',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ customers }), options: {} },
		},
		{
			id: `${workflowId}-split`,
			name: 'One item per customer',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: 'customers', options: {} },
		},
	];
}

function chain(names: string[]): Record<string, unknown> {
	return Object.fromEntries(
		names.slice(0, -1).map((name, index) => [name, { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] }]),
	);
}

function workflow(workflowId: string, items: number, city: string, updater: Node): Record<string, unknown> {
	const nodes = [...inputNodes(workflowId, items, city), { id: `${workflowId}-update`, position: [600, 0], ...updater }];
	return {
		id: workflowId,
		name: `Benchmark ${workflowId}`,
		active: false,
		nodes,
		connections: chain(nodes.map((node) => String(node.name))),
		settings: {},
	};
}

/** The Copernica node's Update Profiles, Parallel Requests as given, nothing else optional. */
export function copernicaWorkflow(workflowId: string, items: number, city: string, parallelRequests: number) {
	return workflow(workflowId, items, city, {
		name: 'Update Profiles',
		type: 'n8n-nodes-copernica.copernica',
		typeVersion: 1,
		parameters: {
			resource: 'profile',
			operation: 'updateProfiles',
			database: { __rl: true, mode: 'name', value: 'Customers' },
			selection: { conditions: [{ field: 'customerid', operator: 'equals', value: '={{ $json.customerId }}' }] },
			fieldValues: { fields: [{ name: 'city', value: '={{ $json.city }}' }] },
			options: { parallelRequests },
		},
		credentials: { copernicaApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
	});
}

/**
 * n8n's HTTP Request node (4.2, in every n8n the suite runs) sending the same PUT, the token as
 * the access_token URL parameter through a Query Auth credential. `batching`: n8n's Batching
 * option, which spaces out the start of requests; without it every request starts at once.
 */
export function httpNodeWorkflow(
	workflowId: string,
	items: number,
	city: string,
	apiBaseUrl: string,
	batching?: { batchSize: number; batchInterval: number },
) {
	return workflow(workflowId, items, city, {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'PUT',
			url: `${apiBaseUrl}/database/Customers/profiles`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpQueryAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'fields[]', value: '=customerid=={{ $json.customerId }}' }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ fields: { city: $json.city } }) }}',
			options: batching ? { batching: { batch: batching } } : {},
		},
		credentials: { httpQueryAuth: { id: QUERY_AUTH_CREDENTIAL.id, name: QUERY_AUTH_CREDENTIAL.name } },
	});
}
