import { randomBytes } from 'node:crypto';

import type { NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { NodeRunOptions } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { updateProfiles } from '../harness/parameters';
import { runWithoutLeaks } from '../harness/runWithoutLeaks';

/**
 * REST v4: the access token is exchanged once for a JWT, which n8n keeps with the credential and
 * sends as a Bearer header; neither the token nor the JWT ever shows up in a URL, an item, an
 * error or a log line. The harness saves the JWT into `copernica.v4Credentials` as n8n saves it
 * into the credential, so a second run in a test is a later execution.
 */
const copernica = useEmulator();

async function runV4(options: Omit<NodeRunOptions, 'credentials'>) {
	return await runWithoutLeaks({ ...options, credentials: copernica.v4Credentials }, () => [
		copernica.token,
		copernica.v4Credentials.accessToken,
		copernica.v4Credentials.jwt,
	]);
}

const UPDATE_BY_ID = updateProfiles({
	conditions: [{ field: 'customerid', value: '={{ $json.id }}' }],
	fields: { city: 'Zwolle' },
});
const THREE_CUSTOMERS = [{ id: 'C-1001' }, { id: 'C-1002' }, { id: 'C-1003' }];

async function apiRequests() {
	return (await copernica.client.log()).filter((entry) => entry.path !== 'authenticate');
}

async function exchanges() {
	return (await copernica.client.log()).filter((entry) => entry.path === 'authenticate');
}

describe('REST v4', () => {
	it('exchanges the token once, then sends only the JWT, as a Bearer header, to /v4', async () => {
		const { output, error } = await runV4({ parameters: UPDATE_BY_ID, input: THREE_CUSTOMERS });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.statusCode)).toEqual([204, 204, 204]);
		expect(await copernica.client.profilesWhere('Customers', 'city', 'Zwolle')).toHaveLength(3);

		expect(await exchanges()).toEqual([
			expect.objectContaining({ method: 'POST', token: 'valid', auth: 'query', status: 200 }),
		]);
		const requests = await apiRequests();
		expect(requests.length).toBeGreaterThanOrEqual(5); // fields, interests, three PUTs
		for (const request of requests) {
			expect(request).toMatchObject({ version: 'v4', auth: 'bearer', token: 'valid' });
			expect(request.query.map(([key]) => key)).not.toContain('access_token');
		}
		expect(copernica.v4Credentials.jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
	});

	it('keeps the JWT for later executions instead of fetching one per run', async () => {
		await runV4({ parameters: UPDATE_BY_ID, input: THREE_CUSTOMERS });
		const firstJwt = copernica.v4Credentials.jwt;
		const { error } = await runV4({ parameters: UPDATE_BY_ID, input: THREE_CUSTOMERS });
		expect(error).toBeUndefined();
		expect((await copernica.client.stats()).jwtsIssued).toBe(1);
		expect(copernica.v4Credentials.jwt).toBe(firstJwt);
	});

	it('parallel first requests share one exchange', async () => {
		const input = Array.from({ length: 20 }, (_, index) => ({ id: `C-7${String(index).padStart(3, '0')}` }));
		const { error } = await runV4({
			parameters: updateProfiles({
				conditions: [{ field: 'customerid', value: '={{ $json.id }}' }],
				fields: { city: 'Zwolle' },
				extra: { options: { parallelRequests: 10 } },
			}),
			input,
		});
		expect(error).toBeUndefined();
		expect((await copernica.client.stats()).jwtsIssued).toBe(1);
	});

	it('after Copernica refuses the JWT (401), fetches a new one and sends the request again', async () => {
		await runV4({ parameters: UPDATE_BY_ID, input: [{ id: 'C-1001' }] });
		await copernica.client.expireJwts();
		await copernica.client.clearLog();

		const { output, error, logged } = await runV4({ parameters: UPDATE_BY_ID, input: [{ id: 'C-1002' }] });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ statusCode: 204 });
		const log = await copernica.client.log();
		// Refused, then (the refused JWT forgotten, so n8n fetches a new one first) sent again with the new JWT.
		const fieldsRequests = log.filter((entry) => entry.path === 'database/Customers/fields');
		expect(fieldsRequests.map(({ token, status }) => [token, status])).toEqual([
			['expired', 401],
			['valid', 200],
		]);
		// The fields and interests, read together, wait for the same new JWT.
		expect((await exchanges()).length).toBe(1);
		expect(log.filter((entry) => entry.method === 'PUT').map(({ token, status }) => [token, status])).toEqual([
			['valid', 204],
		]);
		expect(logged).toMatch(/HTTP 401 on GET database\/Customers\/fields; renewing the JWT/);
	});

	it('renews a JWT shortly before it expires, without a refused request', async () => {
		await copernica.client.setJwtLifetime(4);
		await runV4({ parameters: UPDATE_BY_ID, input: [{ id: 'C-1001' }] });
		// Within the last half of a short-lived JWT's life (the last five minutes of a 24-hour one).
		await sleep(2200);
		const { error } = await runV4({ parameters: UPDATE_BY_ID, input: [{ id: 'C-1002' }] });
		expect(error).toBeUndefined();
		expect((await copernica.client.stats()).jwtsIssued).toBe(2);
		expect((await apiRequests()).filter((entry) => entry.token !== 'valid')).toEqual([]);
	});

	it('does not send a JWT fetched for another access token', async () => {
		await runV4({ parameters: UPDATE_BY_ID, input: [{ id: 'C-1001' }] });
		const otherToken = `cop_${randomBytes(12).toString('hex')}`;
		copernica.v4Credentials.accessToken = otherToken;
		await copernica.client.clearLog();

		const { error } = await runV4({ parameters: UPDATE_BY_ID, input: [{ id: 'C-1002' }] });
		// The saved JWT still works at Copernica, but it belongs to the old token: a new exchange runs, and fails.
		expect(error?.message).toBe(
			'Copernica did not exchange the access token for a JWT: HTTP 400, Invalid access token [item 0]',
		);
		expect(await apiRequests()).toEqual([]);
		expect(await exchanges()).toHaveLength(1);
	});

	it('a token Copernica refuses: a readable error, and nothing sent to the API', async () => {
		copernica.v4Credentials.accessToken = `cop_${randomBytes(12).toString('hex')}`;
		const { error } = await runV4({ parameters: UPDATE_BY_ID, input: [{ id: 'C-1001' }] });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Copernica did not exchange the access token for a JWT: HTTP 400, Invalid access token [item 0]',
		);
		expect(error?.description).toBe(
			'Check the Access Token (it must be allowed to use REST v4) and the Authentication URL. (while reading the fields of database "Customers")',
		);
		expect(await apiRequests()).toEqual([]);
	});

	it('an authentication endpoint that does not answer: retried, then a readable error', async () => {
		copernica.v4Credentials.authUrl = 'http://127.0.0.1:9/authenticate';
		const { error } = await runV4({
			parameters: updateProfiles({
				conditions: [{ field: 'customerid', value: 'C-1001' }],
				fields: { city: 'Zwolle' },
				extra: { options: { retries: 1 } },
			}),
		});
		expect(error?.message).toBe(
			'Copernica did not exchange the access token for a JWT: could not reach the Authentication URL, the connection was refused [item 0]',
		);
		expect(error?.description).toMatch(
			/^Check the Authentication URL of the credential and your network, then try again \(ECONNREFUSED while reading the (fields|interests) of database "Customers"; gave up after 1 retries\)\.$/,
		);
		expect(await copernica.client.log()).toEqual([]);
	});

	it('a 401 that outlasts the new JWT is reported with Copernica\'s message', async () => {
		await copernica.client.setFaults([
			{
				method: 'PUT',
				status: 401,
				contentType: 'application/json',
				body: JSON.stringify({ error: { message: 'Access token expired' } }),
			},
		]);
		const { error } = await runV4({ parameters: UPDATE_BY_ID, input: [{ id: 'C-1001' }] });
		expect(error?.message).toBe('Copernica: Access token expired [item 0]');
		expect((error as NodeApiError | undefined)?.httpCode).toBe('401');
		// Sent, refused, sent again with a new JWT, refused again: reported, never renewed twice.
		const puts = (await copernica.client.log()).filter((entry) => entry.method === 'PUT');
		expect(puts).toHaveLength(2);
	});
	it('an authentication endpoint that is busy (503) or drops the connection: the exchange is retried', async () => {
		await copernica.client.setFaults([
			{ path: 'authenticate', status: 503, times: 1 },
			{ path: 'authenticate', reset: true, times: 1 },
		]);
		const { output, error } = await runV4({ parameters: UPDATE_BY_ID, input: [{ id: 'C-1001' }] });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ statusCode: 204 });
		expect((await exchanges()).map((entry) => entry.status)).toEqual([503, 0, 200]);
	});
});
