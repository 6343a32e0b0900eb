import { randomBytes } from 'node:crypto';

import type { NodeRunOptions } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName, updateProfiles } from '../harness/parameters';
import type { CheckedRun } from '../harness/runWithoutLeaks';
import { runWithoutLeaks } from '../harness/runWithoutLeaks';

/**
 * Copernica's failures as n8n errors (its own message, how to fix it, the item), continue-on-fail,
 * and the access token in none of: output items, run data, errors, log lines.
 */
const copernica = useEmulator();

const SELECT_ANNA = updateProfiles({
	conditions: [{ field: 'customerid', value: 'C-1001' }],
	fields: { city: 'Haarlem' },
});

/** Runs the node with the emulator's credential (or another token or base URL) and checks no token leaks. */
async function checkedRun(
	options: Omit<NodeRunOptions, 'credentials'> & { accessToken?: string; baseUrl?: string },
): Promise<CheckedRun> {
	const credentials = {
		accessToken: options.accessToken ?? copernica.token,
		baseUrl: options.baseUrl ?? copernica.credentials.baseUrl,
	};
	return await runWithoutLeaks({ ...options, credentials }, [credentials.accessToken, copernica.token]);
}

describe('API failures become NodeApiErrors with Copernica\'s message', () => {
	it('an invalid token', async () => {
		const wrongToken = `cop_${randomBytes(12).toString('hex')}`;
		const { error, logged } = await checkedRun({ parameters: SELECT_ANNA, accessToken: wrongToken });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Copernica: Invalid access token [item 0]');
		expect(error?.description).toMatch(/Access Token of the Copernica API credential/);
		expect(logged).toContain('Copernica: Invalid access token [item 0]');
		expect((await copernica.client.log())[0].token).toBe('invalid');
	});

	it('a database that does not exist', async () => {
		const { error } = await checkedRun({
			parameters: { ...SELECT_ANNA, database: databaseByName('Customers 2099') },
		});
		expect(error?.message).toBe('Copernica: No database with supplied ID [item 0]');
		expect(error?.description).toMatch(/Check the Database parameter/);
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('an HTML error page from Copernica\'s load balancer, after the retries', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 503 }]);
		const { error } = await checkedRun({ parameters: { ...SELECT_ANNA, options: { retries: 1 } } });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Copernica answered HTTP 503: Loadbalancer Error [item 0]');
		expect(error?.description).toMatch(/busy or temporarily unavailable.*gave up after 1 retries/);
		expect(await copernica.client.writes()).toHaveLength(2);
	});

	it('a long non-JSON page is cut short', async () => {
		await copernica.client.setFaults([
			{ method: 'PUT', status: 500, contentType: 'text/plain', body: `Internal failure ${'x'.repeat(500)}` },
		]);
		const { error } = await checkedRun({ parameters: SELECT_ANNA });
		expect(error?.message.length).toBeLessThan(160);
		expect(error?.message).toMatch(/^Copernica answered HTTP 500: Internal failure x+\.\.\. \[item 0\]$/);
	});

	it('a JSON error on the PUT itself', async () => {
		await copernica.client.setFaults([
			{ method: 'PUT', status: 400, contentType: 'application/json', body: '{"error":{"message":"Invalid data provided"}}' },
		]);
		const { error } = await checkedRun({ parameters: SELECT_ANNA });
		expect(error?.message).toBe('Copernica: Invalid data provided [item 0]');
		expect(error?.description).toMatch(/Fields to Set/);
	});

	it('no server at the API Base URL', async () => {
		const { error } = await checkedRun({
			parameters: { ...SELECT_ANNA, options: { retries: 0 } },
			baseUrl: 'http://127.0.0.1:9/v3',
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Could not reach Copernica: the connection was refused [item 0]');
		expect(error?.description).toMatch(/API Base URL .*ECONNREFUSED/);
	});
});

describe('continue on fail', () => {
	const input = [
		{ id: 'C-1001', field: 'customerid' },
		{ id: 'C-1002', field: 'klantnummer' },
		{ id: 'C-1003', field: 'customerid' },
		{ id: 'C-1004', field: 'customerid' },
	];
	const parameters = updateProfiles({
		conditions: [{ field: '={{ $json.field }}', value: '={{ $json.id }}' }],
		fields: { segment: 'silver' },
		// One at a time, so which item meets the injected fault is fixed (parallel.test.ts covers parallel runs).
		extra: { options: { retries: 1, parallelRequests: 1 } },
	});

	it('turns a failing item into an error item and goes on with the next', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 503, times: 2, path: 'profiles' }]);
		const { output, error } = await checkedRun({ parameters, input, onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json).toEqual({
			error: 'Copernica answered HTTP 503: Loadbalancer Error [item 0]',
			details: expect.stringMatching(/temporarily unavailable/),
		});
		expect(output[1].json.error).toBe('Condition 1: the database has no field "klantnummer" [item 1]');
		expect(output[2].json).toMatchObject({ selection: ['customerid==C-1003'], statusCode: 204 });
		expect(output[3].json).toMatchObject({ selection: ['customerid==C-1004'], statusCode: 204 });
		const silver = await copernica.client.profilesWhere('Customers', 'segment', 'silver');
		expect(silver.map((profile) => profile.fields.customerid).sort()).toEqual(['C-1003', 'C-1004']);
	});

	it('sends failing items to the error output when the node has one', async () => {
		const { run } = await checkedRun({ parameters, input, onError: 'continueErrorOutput' });
		const [success, failure] = run.data.resultData.runData.Copernica[0].data!.main;
		expect(success!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }, { item: 3 }]);
		expect(failure!.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 1 }, 'Condition 1: the database has no field "klantnummer" [item 1]'],
		]);
	});

	it('without it, stops at the first failure and names the item', async () => {
		const { output, error } = await checkedRun({ parameters, input });
		expect(output).toEqual([]);
		expect(error?.message).toBe('Condition 1: the database has no field "klantnummer" [item 1]');
		expect((await copernica.client.writes()).map((entry) => entry.query[0][1])).toEqual(['customerid==C-1001']);
	});
});
