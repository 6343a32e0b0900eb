import 'reflect-metadata';

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	ResourceMapperFields,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { InMemoryCredentialsHelper } from './credentialsHelper';
import { loadNodePackage } from './nodePackage';

/**
 * Runs the Copernica node through n8n-core's real WorkflowExecute: the engine resolves
 * parameters and expressions, the credential is applied by the (in-memory) credentials
 * helper the way n8n applies it, and requests go out over real HTTP.
 */

/** REST v3, the credential's default: the token goes as a URL parameter. */
export interface CopernicaV3Credentials extends ICredentialDataDecryptedObject {
	accessToken: string;
	baseUrl: string;
}

/** REST v4: the token is exchanged for a JWT, which n8n (and the harness) saves in `jwt`. */
export interface CopernicaV4Credentials extends ICredentialDataDecryptedObject {
	apiVersion: 'v4';
	accessToken: string;
	baseUrlV4: string;
	authUrl: string;
	jwt: string;
	jwtIssuedFor: string;
}

export type CopernicaCredentials = CopernicaV3Credentials | CopernicaV4Credentials;

export interface NodeRunOptions {
	parameters: INodeParameters;
	credentials: CopernicaCredentials;
	/** Input items (json); one empty item when left out. */
	input?: IDataObject[];
	onError?: INode['onError'];
	/** Run it as an AI agent's tool does: as the `copernicaTool` copy n8n makes of a `usableAsTool` node. */
	asTool?: boolean;
	/** The node's version (default 1, what saved workflows hold; 1.1 has the reads' Output). */
	typeVersion?: number;
	/** The node's Settings → Retry On Fail, with n8n's default tries and wait. */
	retryOnFail?: boolean;
}

export interface NodeRun {
	/** The node's first output (empty when the run failed). */
	output: INodeExecutionData[];
	/** The run's error, when the node stopped the workflow. */
	error?: Error & { description?: string | null; context?: IDataObject };
	run: IRun;
}

export const NODE_NAME = 'Copernica';

async function copernicaNode(parameters: INodeParameters, onError?: INode['onError'], asTool = false, typeVersion = 1, retryOnFail = false): Promise<INode> {
	const { packageName } = await loadNodePackage();
	return {
		id: '5a6f0b4e-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: `${packageName}.copernica${asTool ? 'Tool' : ''}`,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { copernicaApi: { id: '1', name: 'Copernica account' } },
		...(onError ? { onError } : {}),
		...(retryOnFail ? { retryOnFail, maxTries: 2, waitBetweenTries: 0 } : {}),
	};
}

export function additionalDataFor(
	credentialsHelper: InMemoryCredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const notAvailable = async () => {
		throw new Error('Not available in this harness');
	};
	return {
		credentialsHelper,
		executeWorkflow: notAvailable,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: notAvailable,
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

async function workflowWith(node: INode): Promise<Workflow> {
	const { nodeTypes } = await loadNodePackage();
	return new Workflow({
		id: 'copernica-test-workflow',
		name: 'Copernica test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
}

export async function helperFor(credentials: CopernicaCredentials): Promise<InMemoryCredentialsHelper> {
	const nodePackage = await loadNodePackage();
	return new InMemoryCredentialsHelper(nodePackage.credentialType, { copernicaApi: credentials });
}

/** The saved workflow an execution's lifecycle hooks are given, for a one-node workflow. */
export function workflowDataOf(workflow: Workflow, node: INode): IWorkflowBase {
	return {
		id: workflow.id,
		name: workflow.name ?? 'Copernica test',
		active: workflow.active,
		activeVersionId: null,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	};
}

/** One execution of a one-node workflow, its input items put straight on the execution stack. */
export async function runCopernicaNode(options: NodeRunOptions): Promise<NodeRun> {
	const node = await copernicaNode(options.parameters, options.onError, options.asTool, options.typeVersion, options.retryOnFail);
	const workflow = await workflowWith(node);
	const hooks = new ExecutionLifecycleHooks('manual', 'copernica-test-execution', workflowDataOf(workflow, node));
	const additionalData = additionalDataFor(await helperFor(options.credentials), { hooks });

	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [input] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		output: task?.data?.main?.[0] ?? [],
		error: (run.data.resultData.error ?? task?.error) as NodeRun['error'],
		run,
	};
}

/**
 * The context the editor's look-ups run in (LoadOptionsContext), with the node's current
 * parameters; also for tests that call the built transport directly.
 */
export async function editorContext(parameters: INodeParameters, credentials: CopernicaCredentials) {
	const node = await copernicaNode(parameters);
	const workflow = await workflowWith(node);
	const additionalData = additionalDataFor(await helperFor(credentials), { currentNodeParameters: parameters });
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const { nodeType } = await loadNodePackage();
	return { context, methods: nodeType('copernica').methods };
}

/** A dropdown of the node, loaded as the editor loads it. */
export async function loadNodeOptions(
	method: string,
	parameters: INodeParameters,
	credentials: CopernicaCredentials,
): Promise<INodePropertyOptions[]> {
	const { context, methods } = await editorContext(parameters, credentials);
	const loader = methods?.loadOptions?.[method];
	if (!loader) throw new Error(`No loadOptions method ${method}`);
	return await loader.call(context);
}

/** The field mapper's fields, loaded as the editor loads them. */
export async function loadMapperFields(
	method: string,
	parameters: INodeParameters,
	credentials: CopernicaCredentials,
): Promise<ResourceMapperFields> {
	const { context, methods } = await editorContext(parameters, credentials);
	const loader = methods?.resourceMapping?.[method];
	if (!loader) throw new Error(`No resourceMapping method ${method}`);
	return await loader.call(context);
}

/** A resource locator's list, searched as the editor searches it. */
export async function searchNodeList(
	method: string,
	filter: string | undefined,
	credentials: CopernicaCredentials,
	parameters: INodeParameters = {},
): Promise<INodeListSearchResult> {
	const { context, methods } = await editorContext(parameters, credentials);
	const search = methods?.listSearch?.[method];
	if (!search) throw new Error(`No listSearch method ${method}`);
	return await search.call(context, filter);
}
