import 'reflect-metadata';

import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import type { CopernicaCredentials } from './engine';
import { additionalDataFor, helperFor, workflowDataOf } from './engine';
import { loadNodePackage } from './nodePackage';

/**
 * Runs the Copernica Trigger the way n8n's CLI does, with n8n-core's own contexts: activation
 * calls the node's checkExists and then create when it answers false (WebhookService's
 * createWebhookIfNotExists), deactivation calls delete, both through HookContext; a call to the
 * webhook URL arrives over real HTTP, its body read as n8n's body parser reads it (the raw bytes
 * kept as `rawBody`, JSON parsed, form bodies parsed flat by querystring with at most 1,000
 * keys), and the node's webhook() runs in a WebhookContext. When it hands back items, an
 * execution runs through WorkflowExecute with the trigger's items on the stack, as n8n starts one.
 */

export const TRIGGER_NAME = 'Copernica Trigger';

export interface TriggerOptions {
	parameters: INodeParameters;
	credentials: CopernicaCredentials;
}

/** A request as the node sees it through n8n: express's req, minimally, over Node's own. */
type WebhookRequest = http.IncomingMessage & { rawBody: Buffer; body: unknown; query: IDataObject; params: IDataObject };

/** express's res, minimally: status, send, json and end are what n8n's nodes call. */
type WebhookResponse = http.ServerResponse & {
	status(code: number): WebhookResponse;
	send(body?: unknown): WebhookResponse;
	json(body: unknown): WebhookResponse;
};

function expressResponse(res: http.ServerResponse): WebhookResponse {
	const response = res as WebhookResponse;
	response.status = (code: number) => {
		response.statusCode = code;
		return response;
	};
	response.send = (body?: unknown) => {
		if (!response.writableEnded) response.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body ?? ''));
		return response;
	};
	response.json = (body: unknown) => {
		response.setHeader('content-type', 'application/json');
		return response.send(JSON.stringify(body));
	};
	const end = response.end.bind(response);
	// n8n's nodes write `res.status(401).send('…').end()`: ending twice must be harmless.
	response.end = ((...args: Parameters<typeof end>) => (response.writableEnded ? response : end(...args))) as typeof end;
	return response;
}

/** n8n's body parser (packages/cli/src/middlewares/body-parser.ts, copernica-webhooks.md §3.2). */
function parseBody(contentType: string | undefined, raw: Buffer): unknown {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (raw.length === 0) return {};
	if (type === 'application/json') return JSON.parse(raw.toString('utf8')) as unknown;
	if (type === 'application/x-www-form-urlencoded') {
		return { ...parseQueryString(raw.toString('utf8'), undefined, undefined, { maxKeys: 1000 }) };
	}
	return {};
}

async function readAll(request: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export class TriggerHarness {
	readonly executions: IRun[] = [];
	/** Executions still running: n8n answers the call first and runs the workflow after. */
	private running: Array<Promise<void>> = [];
	/** The workflow's static data, kept across activations as n8n keeps it in its database. */
	staticData: IDataObject = {};
	/**
	 * While listening for a test event: n8n's copy of the static data, taken after create and used
	 * for the test calls and the test webhook's removal; never saved to the workflow (test-webhooks.ts).
	 */
	private testStaticData?: IDataObject;
	private server?: http.Server;
	private baseUrl = '';
	private parameters: INodeParameters;
	private active = false;
	private listeningForTest = false;

	private constructor(
		private readonly credentials: CopernicaCredentials,
		parameters: INodeParameters,
		/** The node's webhookId: what its URL path is made of; a duplicated workflow gets a new one. */
		private webhookId = '3f1c9a70-0000-4000-8000-00000000c0de',
	) {
		this.parameters = parameters;
	}

	static async start(options: TriggerOptions): Promise<TriggerHarness> {
		const harness = new TriggerHarness(options.credentials, options.parameters);
		await harness.listen();
		return harness;
	}

	private async listen(): Promise<void> {
		this.server = http.createServer((req, res) => {
			void this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) res.writeHead(500);
				res.end(`harness error: ${error.message}`);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
	}

	/** What the node keeps in static data (getWorkflowStaticData('node')): its webhook per mode. */
	webhookState(mode: 'production' | 'test'): IDataObject | undefined {
		const data = mode === 'test' ? this.testStaticData : this.staticData;
		const nodeData = data?.[`node:${TRIGGER_NAME}`] as IDataObject | undefined;
		const url = mode === 'test' ? this.testUrl : this.productionUrl;
		return (nodeData?.webhooks as IDataObject | undefined)?.[url] as IDataObject | undefined;
	}

	/** Changes the node's settings, as the user does before publishing again; static data stays. */
	reconfigure(parameters: INodeParameters): void {
		this.parameters = parameters;
	}

	/** A copy of the workflow: a new webhookId (so a new URL), the same static data. */
	duplicate(): void {
		this.webhookId = '3f1c9a70-0000-4000-8000-00000000d0b1';
	}

	get productionUrl(): string {
		return `${this.baseUrl}/webhook/${this.webhookId}/webhook`;
	}

	get testUrl(): string {
		return `${this.baseUrl}/webhook-test/${this.webhookId}/webhook`;
	}

	private async node(): Promise<INode> {
		const { packageName } = await loadNodePackage();
		return {
			id: '5a6f0b4e-0000-4000-8000-00000000c0de',
			name: TRIGGER_NAME,
			type: `${packageName}.copernicaTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: this.webhookId,
			parameters: this.parameters,
			credentials: { copernicaApi: { id: '1', name: 'Copernica account' } },
		};
	}

	/** The workflow as n8n builds it from its database: with the saved static data, or a test copy. */
	private async workflow(kind: 'production' | 'test'): Promise<{ workflow: Workflow; node: INode }> {
		const { nodeTypes } = await loadNodePackage();
		const node = await this.node();
		const staticData = kind === 'test' ? (this.testStaticData ?? (JSON.parse(JSON.stringify(this.staticData)) as IDataObject)) : this.staticData;
		const workflow = new Workflow({
			id: 'copernica-trigger-workflow',
			name: 'Copernica Trigger test',
			nodes: [node],
			connections: {},
			active: this.active,
			nodeTypes,
			staticData,
		});
		return { workflow, node: workflow.getNode(node.name)! };
	}

	/** What n8n keeps of a workflow's static data after a hook or a call changed it. */
	private keep(kind: 'production' | 'test', workflow: Workflow): void {
		if (kind === 'production') this.staticData = workflow.staticData as IDataObject;
		else this.testStaticData = workflow.staticData as IDataObject;
	}

	private async additionalData(): Promise<IWorkflowExecuteAdditionalData> {
		return additionalDataFor(await helperFor(this.credentials), {
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			instanceBaseUrl: this.baseUrl,
		});
	}

	private async webhookData(kind: 'production' | 'test'): Promise<{ workflow: Workflow; node: INode; webhook: IWebhookData }> {
		const { workflow, node } = await this.workflow(kind);
		const { nodeTypes } = await loadNodePackage();
		const [description] = nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.webhooks ?? [];
		// What n8n's WebhookService.getNodeWebhooks builds for the node's one webhook.
		const webhook: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(workflow.id, node, String(description.path)),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: await this.additionalData(),
			webhookId: node.webhookId,
			isTest: kind === 'test',
		};
		return { workflow, node, webhook };
	}

	/**
	 * One of the node's webhook methods, with the mode and activation n8n passes: creating,
	 * ('trigger', 'activate') on publish and ('manual', 'manual') for a test; removing, always
	 * ('internal', 'update') (active-workflow-manager.ts, test-webhooks.ts).
	 */
	private async runHook(method: 'checkExists' | 'create' | 'delete', kind: 'production' | 'test'): Promise<boolean> {
		const { workflow, node, webhook } = await this.webhookData(kind);
		const { nodeTypes } = await loadNodePackage();
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const hook = nodeType.webhookMethods?.default?.[method];
		if (!hook) throw new Error(`The trigger has no ${method}`);
		const removing = method === 'delete';
		const mode: WorkflowExecuteMode = removing ? 'internal' : kind === 'test' ? 'manual' : 'trigger';
		const activation: WorkflowActivateMode = removing ? 'update' : kind === 'test' ? 'manual' : 'activate';
		const context = new HookContext(workflow, node, webhook.workflowExecuteAdditionalData, mode, activation, webhook);
		const result = (await hook.call(context)) as boolean;
		this.keep(kind, workflow);
		return result;
	}

	/** Publishing the workflow: checkExists, then create unless it answered true. What each answered. */
	async activate(): Promise<{ existed: boolean }> {
		const existed = await this.runHook('checkExists', 'production');
		if (!existed) await this.runHook('create', 'production');
		this.active = true;
		return { existed };
	}

	async deactivate(): Promise<boolean> {
		const removed = await this.runHook('delete', 'production');
		this.active = false;
		return removed;
	}

	/** "Listen for test event": the test URL is registered while n8n listens. */
	async listenForTestEvent(): Promise<void> {
		this.testStaticData = undefined;
		const existed = await this.runHook('checkExists', 'test');
		if (!existed) await this.runHook('create', 'test');
		this.listeningForTest = true;
	}

	async stopListening(): Promise<boolean> {
		const removed = await this.runHook('delete', 'test');
		this.listeningForTest = false;
		this.testStaticData = undefined;
		return removed;
	}

	/** Any call n8n would route to this node: production calls while active, test calls while listening. */
	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = `${this.baseUrl}${req.url ?? ''}`;
		const kind = url.startsWith(this.productionUrl) ? 'production' : url.startsWith(this.testUrl) ? 'test' : undefined;
		const registered = kind === 'production' ? this.active : kind === 'test' && this.listeningForTest;
		if (kind === undefined || !registered || req.method !== 'POST') {
			res.writeHead(404).end('The requested webhook is not registered.');
			return;
		}
		const raw = await readAll(req);
		const request = req as WebhookRequest;
		request.rawBody = raw;
		request.body = parseBody(req.headers['content-type'], raw);
		request.query = {};
		request.params = {};
		const response = expressResponse(res);

		const { workflow, node, webhook } = await this.webhookData(kind);
		const mode: WorkflowExecuteMode = kind === 'test' ? 'manual' : 'webhook';
		const additionalData = await this.additionalData();
		additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const { nodeTypes } = await loadNodePackage();
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const context = new WebhookContext(workflow, node, additionalData, mode, webhook, [], null);
		const result = (await nodeType.webhook!.call(context)) as IWebhookResponseData;
		this.keep(kind, workflow);
		if (result.noWebhookResponse) {
			if (!response.writableEnded) response.end();
			return;
		}
		if (result.workflowData === undefined) {
			// What n8n answers when a webhook starts nothing (WebhookHelpers.executeWebhook).
			response.status(200).json({ message: 'Webhook call received' });
			return;
		}
		response.status(200).json({ message: 'Workflow was started' });
		this.running.push(this.execute(workflow, node, result.workflowData, mode).then((run) => void this.executions.push(run)));
	}

	/** Once every execution started so far has finished. */
	async executionsSettled(): Promise<IRun[]> {
		await Promise.all(this.running);
		return this.executions;
	}

	private async execute(workflow: Workflow, node: INode, items: INodeExecutionData[][], mode: WorkflowExecuteMode): Promise<IRun> {
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: items }, source: null }] },
		});
		const hooks = new ExecutionLifecycleHooks(mode, `trigger-execution-${this.running.length}`, workflowDataOf(workflow, node));
		const additionalData = await this.additionalData();
		additionalData.hooks = hooks;
		return await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	}

	/** The trigger's output items of execution `index`. */
	outputOf(index: number): IDataObject[] {
		const run = this.executions[index];
		const task = run?.data.resultData.runData[TRIGGER_NAME]?.[0];
		return (task?.data?.main?.[0] ?? []).map((item) => item.json);
	}
}

/** POSTs a call to the trigger's URL with exactly these headers (Host included: fetch would not send another) and reads the answer. */
export async function postCall(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
	return await new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers }, (response) => {
			void readAll(response).then((answer) => resolve({ status: response.statusCode ?? 0, body: answer.toString('utf8') }), reject);
		});
		request.on('error', reject);
		request.end(body);
	});
}
