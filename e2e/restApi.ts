/**
 * The parts of n8n's internal REST API the suite needs: setting up the owner account, testing a
 * credential the way the editor's Test button does, and loading what the editor loads for a
 * parameter (the field mapper's fields).
 */

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Copernica',
	lastName: 'Tester',
	password: 'E2e-Password-1',
};

/** n8n binds its auth cookie to a browser ID sent in a header; the browser test uses the same. */
export const BROWSER_ID = 'copernica-e2e-browser';

/** A workflow as n8n's REST API answers it (the parts the suite reads). */
export interface StoredWorkflow {
	id: string;
	versionId: string;
	active: boolean;
	/** n8n 2.x: the published version, which activation runs. */
	activeVersionId?: string | null;
	staticData?: unknown;
}

/** One run of a node as an execution stores it. */
export interface TaskData {
	data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
	error?: { message: string; description?: string };
}

/** n8n 2.x: `GET /rest/workflows/:id/publication-status`. */
export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

/**
 * flatted's parse (n8n stores execution data with flatted): a JSON array whose first entry is the
 * value, and in which every string inside an object or array is the index of the entry it stands for.
 */
export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Set<number>();
	const resolve = (index: number): unknown => {
		const value = table[index];
		if (value !== null && typeof value === 'object' && !revived.has(index)) {
			revived.add(index);
			const entries = value as Record<string, unknown>;
			for (const key of Object.keys(entries)) {
				if (typeof entries[key] === 'string') entries[key] = resolve(Number(entries[key]));
			}
		}
		return value;
	};
	return resolve(0);
}

export class RestClient {
	private cookie = '';

	/** `n8nVersion`: the release behind `baseUrl`, for the calls that changed between 1.x and 2.x. */
	constructor(
		readonly baseUrl: string,
		readonly n8nVersion = '1',
	) {}

	private get major(): number {
		return Number(this.n8nVersion.split('.')[0]);
	}

	/** The answer's `data`, or an error naming the call and n8n's answer when the status is not 200. */
	private async data<T>(method: string, path: string, body?: unknown): Promise<T> {
		const result = await this.call(method, path, body);
		if (result.status !== 200) throw new Error(`${method} /rest/${path}: ${result.status} ${JSON.stringify(result.json)}`);
		return (result.json as { data: T }).data;
	}

	async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
		const response = await fetch(`${this.baseUrl}/rest/${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie?.match(/n8n-auth=[^;]+/)?.[0];
		if (auth) this.cookie = auth;
		const text = await response.text();
		let json: unknown = text;
		try {
			json = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: response.status, json };
	}

	/** Creates the owner account on a fresh instance (and keeps its session). */
	async setupOwner(): Promise<void> {
		const result = await this.call('POST', 'owner/setup', OWNER);
		if (result.status !== 200) throw new Error(`owner setup failed: ${result.status} ${JSON.stringify(result.json)}`);
	}

	/** Signs in as the owner (n8n 1.x names the field `email`, 2.x `emailOrLdapLoginId`). */
	async login(): Promise<void> {
		const result = await this.call('POST', 'login', {
			email: OWNER.email,
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		});
		if (result.status !== 200) throw new Error(`login failed: ${result.status} ${JSON.stringify(result.json)}`);
	}

	/** The session cookie's value, for a browser that should share this session. */
	get authCookie(): string {
		return this.cookie.replace(/^n8n-auth=/, '');
	}

	/**
	 * What the Test button of a stored credential answers for these values, as when a user edits
	 * the credential and clicks Test (n8n 1.x only tests credentials the user can read).
	 */
	async testCredential(
		stored: { id: string; name: string; type: string },
		data: Record<string, string>,
	): Promise<{ status: string; message: string }> {
		const result = await this.call('POST', 'credentials/test', { credentials: { ...stored, data } });
		if (result.status !== 200) throw new Error(`credential test failed: ${result.status} ${JSON.stringify(result.json)}`);
		return (result.json as { data: { status: string; message: string } }).data;
	}

	/**
	 * The field mapper's fields, as the editor asks n8n for them when a node with a resource
	 * mapper opens (`POST /rest/dynamic-node-parameters/resource-mapper-fields`).
	 */
	async resourceMapperFields(request: {
		methodName: string;
		nodeType: string;
		currentNodeParameters: Record<string, unknown>;
		credential: { id: string; name: string };
	}): Promise<{ fields: Array<{ id: string; type?: string; options?: Array<{ value: unknown }> }> }> {
		const result = await this.call('POST', 'dynamic-node-parameters/resource-mapper-fields', {
			methodName: request.methodName,
			path: 'parameters.columns',
			nodeTypeAndVersion: { name: request.nodeType, version: 1 },
			currentNodeParameters: request.currentNodeParameters,
			credentials: { copernicaApi: request.credential },
		});
		if (result.status !== 200) throw new Error(`resource mapper fields: ${result.status} ${JSON.stringify(result.json)}`);
		return (result.json as { data: { fields: Array<{ id: string; type?: string }> } }).data;
	}

	/** A new workflow, saved inactive, as the editor saves one (`POST /rest/workflows`). */
	async createWorkflow(workflow: { name: string; nodes: unknown[]; connections: unknown; settings?: unknown }): Promise<StoredWorkflow> {
		return await this.data<StoredWorkflow>('POST', 'workflows', { settings: {}, ...workflow, active: false });
	}

	async workflow(id: string): Promise<StoredWorkflow> {
		return await this.data<StoredWorkflow>('GET', `workflows/${id}`);
	}

	/**
	 * n8n 2.x publishes through an outbox (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, on by default):
	 * activate and deactivate answer once the change is queued, and a worker then registers or
	 * removes the trigger nodes' webhooks. The editor polls this status until it settles.
	 */
	async publicationSettled(id: string, timeoutMs = 60_000): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.data<PublicationStatus>('GET', `workflows/${id}/publication-status`);
			if (status.status !== 'in_progress') return status;
			if (Date.now() > deadline) throw new Error(`workflow ${id} still publishing after ${timeoutMs / 1000} s: ${JSON.stringify(status)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * Activates the workflow as the editor does, and returns once its trigger nodes' webhooks are
	 * registered, or fails with their error: n8n 1.x saves `active: true` with the version it has
	 * (`PATCH /rest/workflows/:id`, which answers after registering), n8n 2.x publishes that
	 * version (`POST …/activate`), then the suite waits for the publication to settle.
	 */
	async activateWorkflow(id: string): Promise<StoredWorkflow> {
		const { versionId } = await this.workflow(id);
		if (this.major < 2) return await this.data<StoredWorkflow>('PATCH', `workflows/${id}`, { active: true, versionId });
		const workflow = await this.data<StoredWorkflow>('POST', `workflows/${id}/activate`, { versionId });
		const publication = await this.publicationSettled(id);
		if (publication.status !== 'published') throw new Error(`workflow ${id} not published: ${JSON.stringify(publication)}`);
		return workflow;
	}

	/** Deactivates (n8n 2.x: unpublishes) the workflow, and returns once its webhooks are removed. */
	async deactivateWorkflow(id: string): Promise<StoredWorkflow> {
		if (this.major >= 2) {
			const workflow = await this.data<StoredWorkflow>('POST', `workflows/${id}/deactivate`, {});
			const publication = await this.publicationSettled(id);
			if (publication.status !== 'not_published') throw new Error(`workflow ${id} not unpublished: ${JSON.stringify(publication)}`);
			return workflow;
		}
		const { versionId } = await this.workflow(id);
		return await this.data<StoredWorkflow>('PATCH', `workflows/${id}`, { active: false, versionId });
	}

	/** Saves changes to the workflow as the editor's Save does (`PATCH`, with the version it has). */
	async updateWorkflow(id: string, changes: Record<string, unknown>): Promise<StoredWorkflow> {
		const { versionId } = await this.workflow(id);
		return await this.data<StoredWorkflow>('PATCH', `workflows/${id}`, { ...changes, versionId });
	}

	/**
	 * Changes to an active workflow, put live: n8n 1.x re-activates it on Save (removing its
	 * webhooks, then registering them again), n8n 2.x saves a draft and Publish puts it live.
	 */
	async publishChanges(id: string, changes: Record<string, unknown>): Promise<StoredWorkflow> {
		const saved = await this.updateWorkflow(id, changes);
		return this.major >= 2 ? await this.activateWorkflow(id) : saved;
	}

	/**
	 * The editor's "Execute workflow" from a trigger node: `POST /rest/workflows/:id/run` from that
	 * trigger. For a webhook trigger this is "Listen for test event": n8n registers the trigger's
	 * test webhook, then answers `{ waitingForWebhook: true }`. A Schedule Trigger fires at once and
	 * n8n answers `{ executionId }`. n8n 1.x runs the workflow sent in the body, n8n 2.x the one it
	 * has saved (and ignores `workflowData`).
	 */
	async runFromTrigger(id: string, triggerName: string): Promise<{ waitingForWebhook?: boolean; executionId?: string }> {
		const workflowData = await this.workflow(id);
		return await this.data('POST', `workflows/${id}/run`, { workflowData, triggerToStartFrom: { name: triggerName } });
	}

	/** The editor's "Stop listening": n8n removes the workflow's test webhooks (`DELETE /rest/test-webhook/:id`). */
	async stopListening(id: string): Promise<unknown> {
		return await this.data('DELETE', `test-webhook/${id}`);
	}

	/** The workflow's executions, newest first, as the editor's Executions tab lists them. */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.data<{ results: ExecutionSummary[] }>('GET', `executions?filter=${filter}`);
		return data.results.map(({ id, status, mode }) => ({ id: String(id), status, mode }));
	}

	/**
	 * The executions of the workflow added since `before` (its executions then), once there are at
	 * least `atLeast` and all have finished; failing with the list (and `log()`, n8n's log) when
	 * that takes longer than `timeoutMs`.
	 */
	async finishedExecutionsSince(
		workflowId: string,
		before: ExecutionSummary[],
		what: string,
		log: () => string,
		{ timeoutMs = 30_000, atLeast = 1 }: { timeoutMs?: number; atLeast?: number } = {},
	): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const executions = await this.executions(workflowId);
			const added = executions.filter((run) => !before.some((old) => old.id === run.id));
			if (added.length >= atLeast && added.every((run) => !['new', 'running', 'waiting'].includes(run.status))) return added;
			if (Date.now() > deadline) {
				throw new Error(`n8n ${this.n8nVersion}: ${what} not finished within ${timeoutMs / 1000} s; executions ${JSON.stringify(executions)}; n8n's log:\n${log()}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/** One execution's run data per node name, decoded from the flatted form n8n stores it in. */
	async executionRunData(id: string): Promise<Record<string, TaskData[]>> {
		const execution = await this.data<{ data: string }>('GET', `executions/${id}`);
		const decoded = parseFlatted(execution.data) as { resultData: { runData: Record<string, TaskData[]> } };
		return decoded.resultData.runData;
	}
}
