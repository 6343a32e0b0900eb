import { randomBytes } from 'node:crypto';

import type { NodeApiError } from 'n8n-workflow';

import { testCredential } from '../harness/credentialTester';
import type { NodeRunOptions } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { Recorder } from '../harness/recorder';
import { databaseByName, updateProfiles } from '../harness/parameters';
import { encodingsOf, expectNoSecrets, runWithoutLeaks } from '../harness/runWithoutLeaks';

/**
 * The access token and the REST v4 JWT are hidden by their values wherever a server, a proxy or
 * n8n puts them (messages, descriptions, run data, Continue On Fail items, log lines), and they
 * only ever travel over https (or to a loopback test server), never after a redirect, and a JWT
 * only to the API it was fetched for.
 */

// `+`, `/` and `=` are written differently by every encoding (URL, form, JSON, base64).
const copernica = useEmulator(undefined, `cop_${randomBytes(12).toString('hex')}+/=`);

const SELECT_ANNA = updateProfiles({
	conditions: [{ field: 'customerid', value: 'C-1001' }],
	fields: { city: 'Haarlem' },
	extra: { options: { retries: 0 } },
});

function secrets(): string[] {
	return [copernica.token, copernica.v4Credentials.jwt];
}

async function runV3(options: Omit<NodeRunOptions, 'credentials'>) {
	return await runWithoutLeaks({ ...options, credentials: copernica.credentials }, secrets);
}

async function runV4(options: Omit<NodeRunOptions, 'credentials'>) {
	return await runWithoutLeaks({ ...options, credentials: copernica.v4Credentials }, secrets);
}

function jsonError(status: number, message: string) {
	return { status, contentType: 'application/json', body: JSON.stringify({ error: { message } }) };
}

describe('secrets are hidden by their values', () => {
	it('the token works with the characters it has', async () => {
		const { output, error } = await runV3({ parameters: SELECT_ANNA });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ statusCode: 204 });
	});

	it('a token Copernica echoes in its JSON message', async () => {
		await copernica.client.setFaults([{ method: 'PUT', ...jsonError(400, `Invalid access token ${copernica.token}`) }]);
		const { error } = await runV3({ parameters: SELECT_ANNA });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Copernica: Invalid access token **hidden** [item 0]');
		expect(error?.description).toMatch(/Access Token of the Copernica API credential/);
	});

	it.each([
		['URL-encoded', (token: string) => encodeURIComponent(token)],
		['form-encoded, lower-case hex', (token: string) => new URLSearchParams({ t: token }).toString().slice(2).toLowerCase()],
		['as HTML entities', (token: string) => [...token].map((char) => `&#x${char.charCodeAt(0).toString(16)};`).join('')],
	])('a token %s in the title of an HTML error page', async (_, encode) => {
		await copernica.client.setFaults([
			{ method: 'PUT', status: 502, body: `<html><head><title>Bad Gateway: PUT /v3/x?key=${encode(copernica.token)}</title></head></html>` },
		]);
		const { error } = await runV3({ parameters: SELECT_ANNA });
		expect(error?.message).toBe('Copernica answered HTTP 502: Bad Gateway: PUT /v3/x?key=**hidden** [item 0]');
	});

	it('a token where a long page is cut short is hidden, not cut in half', async () => {
		await copernica.client.setFaults([
			{ method: 'PUT', status: 500, contentType: 'text/plain', body: `${'x'.repeat(100)} ${copernica.token} and more` },
		]);
		const { error } = await runV3({ parameters: SELECT_ANNA });
		expect(error?.message).toMatch(/^Copernica answered HTTP 500: x+ \*\*hidden\*\* and more \[item 0\]$/);
	});

	it('Continue On Fail items and the run data carry the hidden message', async () => {
		await copernica.client.setFaults([
			{ method: 'PUT', ...jsonError(400, `Token ${JSON.stringify(copernica.token).slice(1, -1).replace(/\//g, '\\/')} refused`) },
		]);
		const { output, error, run } = await runV3({
			parameters: SELECT_ANNA,
			input: [{}, {}],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Copernica: Token **hidden** refused [item 0]', { item: 0 }],
			['Copernica: Token **hidden** refused [item 1]', { item: 1 }],
		]);
		expect(JSON.stringify(run)).toContain('**hidden**');
	});

	it('a token pasted into a parameter is in no description or debug log line', async () => {
		await copernica.client.setFaults([{ path: 'fields', status: 503, times: 1 }]);
		// The workflow's own parameters are in the run data as the user typed them: only what the node says is checked.
		const { error, logged } = await runWithoutLeaks(
			{
				parameters: { ...SELECT_ANNA, database: databaseByName(copernica.token), options: { retries: 1 } },
				credentials: copernica.credentials,
			},
			[],
		);
		// n8n logs the failed node with its parameters too: only the node's own log lines are checked.
		const ownLines = logged.split('\n').filter((line) => /^\{"level":"\w+","message":"Copernica: /.test(line));
		expect(ownLines.length).toBeGreaterThan(0);
		expectNoSecrets([error?.message, error?.description, ...ownLines].join('\n'), secrets());
		expect(error?.message).toBe('Copernica: No database with supplied ID [item 0]');
		expect(error?.description).toMatch(/while reading the (fields|interests) of database "\*\*hidden\*\*"/);
		expect(logged).toMatch(/HTTP 503 on GET database\/\*\*hidden\*\*\/fields; retry 1 of 1/);
		// The interests' answer (no such database) ends the run while the fields' retry is on its way: let it
		// arrive here, not in the next test's log.
		const fieldsReads = async () => (await copernica.client.log()).filter((entry) => entry.path.endsWith('/fields')).length;
		for (const deadline = Date.now() + 3000; (await fieldsReads()) < 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 25));
	});

	it('a token pasted into a condition is hidden, also when the item fails before any request', async () => {
		const { error } = await runWithoutLeaks(
			{
				parameters: updateProfiles({ conditions: [{ field: ` ${copernica.token}`, value: 'x' }], fields: { city: 'Delft' } }),
				credentials: copernica.credentials,
			},
			[],
		);
		expect(error?.message).toBe('Condition 1: the field " **hidden**" has spaces around it [item 0]');
		expectNoSecrets([error?.message, error?.description, error?.stack].join('\n'), secrets());
		expect(await copernica.client.log()).toEqual([]);
	});

	it('n8n\'s own error for a failed TLS handshake (it carries the URL with the token) goes nowhere', async () => {
		// https to the emulator's plain-http port: the handshake fails inside n8n, whose error holds the request.
		const { error } = await runWithoutLeaks(
			{
				parameters: SELECT_ANNA,
				credentials: { ...copernica.credentials, baseUrl: copernica.credentials.baseUrl.replace('http:', 'https:') },
			},
			secrets,
		);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Could not reach Copernica: .* \[item 0\]$/);
	});

	it('REST v4: a JWT the server echoes, raw or in JSON', async () => {
		await runV4({ parameters: SELECT_ANNA });
		const jwt = copernica.v4Credentials.jwt;
		expect(jwt).not.toBe('');
		await copernica.client.setFaults([{ method: 'PUT', ...jsonError(403, `Forbidden for ${jwt} (${Buffer.from(jwt).toString('base64')})`) }]);
		const { error } = await runV4({ parameters: SELECT_ANNA });
		expect(error?.message).toBe('Copernica: Forbidden for **hidden** (**hidden**) [item 0]');
		expect((error as NodeApiError | undefined)?.httpCode).toBe('403');
	});

	it('REST v4: an exchange refused with the token echoed', async () => {
		await copernica.client.setFaults([{ path: 'authenticate', ...jsonError(400, `Invalid access token ${copernica.token}`) }]);
		const { error } = await runV4({ parameters: SELECT_ANNA });
		expect(error?.message).toBe(
			'Copernica did not exchange the access token for a JWT: HTTP 400, Invalid access token **hidden** [item 0]',
		);
	});

	it('the leak check itself finds every encoding', () => {
		for (const encoded of encodingsOf(copernica.token)) {
			expect(() => expectNoSecrets(`some text ${encoded} more`, [copernica.token])).toThrow(/Secret 0 leaked/);
		}
	});
});

describe('REST v4: a JWT refused with HTTP 400 "Invalid access token"', () => {
	beforeEach(async () => {
		await copernica.client.setJwtRefusal(400);
	});

	it('is renewed once, as after a 401, and the request sent again', async () => {
		await runV4({ parameters: SELECT_ANNA });
		await copernica.client.expireJwts();
		await copernica.client.clearLog();

		const { output, error, logged } = await runV4({ parameters: SELECT_ANNA });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ statusCode: 204 });
		const log = await copernica.client.log();
		expect(log.filter((entry) => entry.path === 'database/Customers/fields').map(({ token, status }) => [token, status])).toEqual([
			['expired', 400],
			['valid', 200],
		]);
		expect(log.filter((entry) => entry.path === 'authenticate')).toHaveLength(1);
		expect(logged).toMatch(/HTTP 400 on GET database\/Customers\/fields; renewing the JWT/);
	});

	it('a renewal that is refused again fails with the token\'s own error, without looping', async () => {
		await copernica.client.setFaults([{ method: 'PUT', ...jsonError(400, 'Invalid access token') }]);
		const { error } = await runV4({ parameters: SELECT_ANNA });
		expect(error?.message).toBe('Copernica: Invalid access token [item 0]');
		expect(error?.description).toMatch(/Check the Access Token of the Copernica API credential/);
		const log = await copernica.client.log();
		expect(log.filter((entry) => entry.method === 'PUT')).toHaveLength(2);
		expect(log.filter((entry) => entry.path === 'authenticate')).toHaveLength(2);
	});

	it('an authentication endpoint that hands back the refused JWT does not make it loop', async () => {
		await runV4({ parameters: SELECT_ANNA });
		const refused = copernica.v4Credentials.jwt;
		await copernica.client.expireJwts();
		await copernica.client.clearLog();
		await copernica.client.setFaults([{ path: 'authenticate', status: 200, contentType: 'text/plain', body: refused }]);

		const { error } = await runV4({ parameters: SELECT_ANNA });
		expect(error?.message).toBe('Copernica: Invalid access token [item 0]');
		const log = await copernica.client.log();
		expect(log.filter((entry) => entry.path !== 'authenticate').length).toBeLessThanOrEqual(4);
		expect(log.filter((entry) => entry.path === 'authenticate').length).toBeLessThanOrEqual(2);
	});

	it('parallel requests refused again and again: each renews at most once, sharing exchanges', async () => {
		await copernica.client.setFaults([{ method: 'PUT', ...jsonError(400, 'Invalid access token') }]);
		const input = Array.from({ length: 8 }, () => ({}));
		const { output } = await runV4({
			parameters: { ...SELECT_ANNA, options: { retries: 0, parallelRequests: 4 } },
			input,
			onError: 'continueRegularOutput',
		});
		expect(output.map((item) => item.json.error)).toEqual(input.map((_, index) => `Copernica: Invalid access token [item ${index}]`));
		const log = await copernica.client.log();
		expect(log.filter((entry) => entry.method === 'PUT')).toHaveLength(2 * input.length);
		expect(log.filter((entry) => entry.path === 'authenticate').length).toBeLessThanOrEqual(1 + input.length);
	});

	it('a 400 with another message is not a refused JWT: no renewal', async () => {
		await copernica.client.setFaults([{ method: 'PUT', ...jsonError(400, 'Invalid data provided') }]);
		const { error } = await runV4({ parameters: SELECT_ANNA });
		expect(error?.message).toBe('Copernica: Invalid data provided [item 0]');
		const log = await copernica.client.log();
		expect(log.filter((entry) => entry.method === 'PUT')).toHaveLength(1);
		expect(log.filter((entry) => entry.path === 'authenticate')).toHaveLength(1);
	});
});

describe('the token travels over https only, except to a loopback test server', () => {
	it('the node refuses a plain-http API Base URL before sending anything', async () => {
		const { error } = await runWithoutLeaks(
			{ parameters: SELECT_ANNA, credentials: { ...copernica.credentials, baseUrl: 'http://api.copernica.invalid/v3' } },
			secrets,
		);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('The API Base URL must start with https:// [item 0]');
		expect(error?.description).toMatch(/http:\/\/ is only allowed for a test server on this machine/);
	});

	it('a base URL that is no URL at all is called that, not sent to', async () => {
		const { error } = await runWithoutLeaks(
			{ parameters: SELECT_ANNA, credentials: { ...copernica.credentials, baseUrl: `https://api copernica.com/v3?x=${copernica.token}` } },
			secrets,
		);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('The API Base URL is not a valid URL [item 0]');
	});

	it('REST v4: the node refuses a plain-http API Base URL before exchanging the token', async () => {
		const { error } = await runWithoutLeaks(
			{ parameters: SELECT_ANNA, credentials: { ...copernica.v4Credentials, baseUrlV4: 'http://api.copernica.invalid/v4' } },
			secrets,
		);
		expect(error?.message).toBe('The API Base URL must start with https:// [item 0]');
		expect(await copernica.client.log()).toEqual([]);
	});

	it('REST v4: never posts the token to a plain-http Authentication URL', async () => {
		const { error } = await runWithoutLeaks(
			{ parameters: SELECT_ANNA, credentials: { ...copernica.v4Credentials, authUrl: 'http://authenticate.copernica.invalid' } },
			secrets,
		);
		expect(error?.message).toBe(
			'Copernica did not exchange the access token for a JWT: the Authentication URL must start with https:// [item 0]',
		);
		expect(error?.description).toMatch(/http:\/\/ is only allowed for a test server on this machine/);
	});

	it('Test: a plain-http API Base URL is refused with a clear message', async () => {
		const result = await testCredential({ ...copernica.credentials, baseUrl: 'http://api.copernica.invalid/v3' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The API Base URL must start with https:\/\//);
	});

	it('Test, REST v4: a plain-http Authentication URL is refused with a clear message', async () => {
		const result = await testCredential({ ...copernica.v4Credentials, authUrl: 'http://authenticate.copernica.invalid' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/the Authentication URL must start with https:\/\//);
	});

	describe('redirects', () => {
		const elsewhere = new Recorder();
		beforeAll(async () => {
			await elsewhere.start();
		});
		afterAll(async () => {
			await elsewhere.stop();
		});
		beforeEach(() => {
			elsewhere.requests.length = 0;
		});

		it.each(['v3', 'v4'])('Test, REST %s: follows no redirect, so the credential goes nowhere else', async (version) => {
			await copernica.client.setFaults([
				{ path: 'identity', status: 302, headers: { Location: `${elsewhere.origin}/v3/identity` }, body: '' },
			]);
			const credentials = version === 'v4' ? copernica.v4Credentials : copernica.credentials;
			const result = await testCredential(credentials);
			expect(result.status).toBe('Error');
			expect(elsewhere.requests).toEqual([]);
			expectNoSecrets(JSON.stringify(result), secrets());
		});
	});
});

describe('a JWT is bound to the API Base URL', () => {
	const elsewhere = new Recorder();
	beforeAll(async () => {
		await elsewhere.start();
	});
	afterAll(async () => {
		await elsewhere.stop();
	});

	it('changing only the v4 base URL renews the JWT rather than send the old one to the new host', async () => {
		await runV4({ parameters: SELECT_ANNA });
		const first = copernica.v4Credentials.jwt;
		copernica.v4Credentials.baseUrlV4 = `${elsewhere.origin}/v4`;

		const { error } = await runV4({ parameters: SELECT_ANNA });
		expect(error?.name).toBe('NodeApiError');
		expect(elsewhere.requests.length).toBeGreaterThan(0);
		expect(elsewhere.requests.map((request) => request.authorization)).not.toContain(`Bearer ${first}`);
		expect((await copernica.client.stats()).jwtsIssued).toBeGreaterThan(1);
	});
});
