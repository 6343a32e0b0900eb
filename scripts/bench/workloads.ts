import type { Seed } from '../../emulator/seed';
import { sampleSeed } from '../../emulator/seed';

/**
 * What the benchmark runs: a Customers database of N profiles, and workflows that update each of
 * them with its own selection (`customerid==C-…`), once through the Copernica node and once
 * through n8n's HTTP Request node doing the same PUTs.
 */

export const CREDENTIAL = { id: 'benchCopernica', name: 'Copernica (benchmark emulator)', type: 'copernicaApi' };
export const QUERY_AUTH_CREDENTIAL = { id: 'benchQueryAuth', name: 'Copernica token as URL parameter', type: 'httpQueryAuth' };

/** The last node of the input part of every benchmark workflow: it makes the items. */
export const INPUT_NODE = 'One item per customer';

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

/**
 * Manual trigger → Set (raw JSON, one array) → Split Out: `n8n execute` ignores pinned data.
 * Each item is `{ customerId, city }`, or with `fieldNames` `{ customerid, city }`: keys that are
 * the database's own field names, for the field mapper's Map Automatically.
 */
function inputNodes(workflowId: string, items: number, city: string, fieldNames = false): Node[] {
	const customers = Array.from({ length: items }, (_, index) =>
		fieldNames ? { customerid: customerId(index), city } : { customerId: customerId(index), city },
	);
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
			name: INPUT_NODE,
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

function workflow(workflowId: string, items: number, city: string, updater: Node | undefined, fieldNames = false): Record<string, unknown> {
	const nodes = [...inputNodes(workflowId, items, city, fieldNames)];
	if (updater) nodes.push({ id: `${workflowId}-update`, position: [600, 0], ...updater });
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

/** The workflow that only makes the items: what n8n itself holds for them, the base of "memory the node adds". */
export function itemsOnlyWorkflow(workflowId: string, items: number, city: string) {
	return workflow(workflowId, items, city, undefined);
}

export const FLOOR_NODE = 'Same expressions, nothing sent';

/**
 * n8n's floor: the Copernica workflow with the node replaced by n8n's own Set node evaluating
 * the same two expressions per item (the selection value and the field value) and sending
 * nothing. What it takes is what n8n spends per item before any node could send a request.
 */
export function floorWorkflow(workflowId: string, items: number, city: string) {
	return workflow(workflowId, items, city, {
		name: FLOOR_NODE,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: [
					{ id: 'selection', name: 'selection', type: 'string', value: '={{ $json.customerId }}' },
					{ id: 'city', name: 'city', type: 'string', value: '={{ $json.city }}' },
				],
			},
			options: {},
		},
	});
}

/**
 * Create or Update with the field mapper on Map Automatically: each item's own keys are the
 * fields (customerid matched on, city set), so no expression runs per item. The schema is the
 * one the editor saves for the Customers database.
 */
export function autoMapWorkflow(workflowId: string, items: number, city: string, parallelRequests: number) {
	const field = (id: string) => ({ id, displayName: id, required: false, defaultMatch: false, display: true, type: 'string', canBeUsedToMatch: true });
	return workflow(
		workflowId,
		items,
		city,
		{
			name: 'Create or Update',
			type: 'n8n-nodes-copernica.copernica',
			typeVersion: 1.1,
			parameters: {
				resource: 'profile',
				operation: 'upsert',
				database: { __rl: true, mode: 'name', value: 'Customers' },
				fieldsInput: 'mapper',
				columns: {
					mappingMode: 'autoMapInputData',
					value: null,
					matchingColumns: ['customerid'],
					schema: ['customerid', 'email', 'city'].map(field),
					attemptToConvertTypes: false,
					convertFieldsToString: false,
				},
				options: { parallelRequests },
			},
			credentials: { copernicaApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		},
		true,
	);
}
