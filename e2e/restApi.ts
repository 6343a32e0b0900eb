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

export class RestClient {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

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
}
