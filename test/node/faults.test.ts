import type { NodeRunOptions } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { updateProfiles } from '../harness/parameters';
import { runWithoutLeaks } from '../harness/runWithoutLeaks';

/**
 * Copernica misbehaving: 503 pages, 429 with Retry-After, dropped connections, slow answers.
 * Items complete when retries can save them, no profile is ever created twice, retries stay in
 * their bounds, and the token stays out of everything, retry log lines included.
 */
const copernica = useEmulator();

async function run(options: Omit<NodeRunOptions, 'credentials'>, apiVersion: 'v3' | 'v4' = 'v3') {
	if (apiVersion === 'v3') {
		return await runWithoutLeaks({ ...options, credentials: copernica.credentials }, [copernica.token]);
	}
	// REST v4: neither the token nor the JWT it was exchanged for may show anywhere.
	return await runWithoutLeaks({ ...options, credentials: copernica.v4Credentials }, () => [
		copernica.token,
		copernica.v4Credentials.jwt,
	]);
}

const UPDATE_ANNA = updateProfiles({ conditions: [{ field: 'customerid', value: 'C-1001' }], fields: { city: 'Haarlem' } });

async function putCount() {
	return (await copernica.client.log()).filter((entry) => entry.method === 'PUT').length;
}

describe('retries', () => {
	it('get past 503 pages, logging each retry at debug level without the token', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 503, times: 2 }]);
		const { output, error, logged } = await run({ parameters: UPDATE_ANNA });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ statusCode: 204 });
		expect(await putCount()).toBe(3);
		expect(logged).toMatch(/HTTP 503 on PUT database\/Customers\/profiles; retry 1 of 5 in \d+ ms/);
		expect(logged).toMatch(/retry 2 of 5/);
	});

	it('wait as long as a 429 asks (Retry-After)', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 429, retryAfterSeconds: 1, times: 1 }]);
		const started = Date.now();
		const { error } = await run({ parameters: UPDATE_ANNA });
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(await putCount()).toBe(2);
	});

	it('get past a dropped connection', async () => {
		await copernica.client.setFaults([{ method: 'PUT', reset: true, times: 1 }]);
		const { error } = await run({ parameters: UPDATE_ANNA });
		expect(error).toBeUndefined();
		expect((await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001'))[0].fields.city).toBe('Haarlem');
	});

	it('get past an answer slower than the timeout', async () => {
		await copernica.client.setFaults([{ method: 'PUT', latencyMs: 1500, times: 1 }]);
		const { error } = await run({ parameters: { ...UPDATE_ANNA, options: { timeout: 1 } } });
		expect(error).toBeUndefined();
		expect(await putCount()).toBe(2);
	});

	it('stop at the number of retries and say so, naming the item', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 504 }]);
		const { error } = await run({ parameters: { ...UPDATE_ANNA, options: { retries: 2 } } });
		expect(error?.message).toBe('Copernica answered HTTP 504: Loadbalancer Error [item 0]');
		expect(error?.description).toMatch(/gave up after 2 retries/);
		expect(await putCount()).toBe(3);
	});

	it('stop at the total wait', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 429, retryAfterSeconds: 3 }]);
		const started = Date.now();
		const { error } = await run({ parameters: { ...UPDATE_ANNA, options: { maxRetryWait: 2 } } });
		expect(Date.now() - started).toBeLessThan(2500);
		expect(error?.description).toMatch(/gave up after 0 retries: waiting 3 s more would pass the limit of 2 s/);
		expect(await putCount()).toBe(1);
	});
});

describe('never a duplicate profile', () => {
	const CREATE_BY_CUSTOMER_ID = updateProfiles({
		conditions: [{ field: 'customerid', value: 'C-5000' }],
		fields: { city: 'Zeist' },
		extra: { createIfNoMatch: true },
	});

	it('a create whose selection matches the new profile is retried after a connection drop: the retry updates it', async () => {
		await copernica.client.setFaults([{ method: 'PUT', resetAfterHandling: true, times: 1 }]);
		const { output, error } = await run({ parameters: CREATE_BY_CUSTOMER_ID });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ statusCode: 204, created: null, creationUncertain: true });
		expect(await putCount()).toBe(2);
		expect(await copernica.client.profilesWhere('Customers', 'customerid', 'C-5000')).toHaveLength(1);
	});

	it('a create whose selection the new profile need not match is refused before it is sent: a retry or a re-run would create another', async () => {
		const parameters = updateProfiles({
			conditions: [
				{ field: 'customerid', value: 'C-5001' },
				{ field: 'age', operator: 'greaterThan', value: '17' },
			],
			fields: { city: 'Zeist' },
			extra: { createIfNoMatch: true },
		});
		const { error } = await run({ parameters });
		expect(error?.message).toBe('Condition 2: with Create If No Match, age must be compared with Equals [item 0]');
		expect(await putCount()).toBe(0);
	});

	it('a POST that creates is still retried after a 429, which Copernica answers before handling anything', async () => {
		await copernica.client.setFaults([{ method: 'POST', status: 429, retryAfterSeconds: 0, times: 1 }]);
		const parameters = {
			resource: 'profile',
			operation: 'create',
			database: { __rl: true, mode: 'name', value: 'Customers' },
			fieldValues: { fields: [{ name: 'customerid', value: 'C-5002' }] },
		};
		const { error } = await run({ parameters });
		expect(error).toBeUndefined();
		expect((await copernica.client.writes()).map((entry) => entry.status)).toEqual([429, 201]);
		expect(await copernica.client.profilesWhere('Customers', 'customerid', 'C-5002')).toHaveLength(1);
	});

	it('a field the user sets to another value than the selection is refused with create on', async () => {
		const parameters = updateProfiles({
			conditions: [{ field: 'customerid', value: 'C-5003' }],
			fields: { customerid: 'C-5003-B' },
			extra: { createIfNoMatch: true },
		});
		const { error } = await run({ parameters });
		expect(error?.message).toBe(
			'Condition 1: Fields to Set writes customerid = "C-5003-B", but the selection looks for "C-5003" [item 0]',
		);
		expect(await putCount()).toBe(0);
	});
});

describe.each(['v3', 'v4'] as const)('a bad day at Copernica, REST %s', (apiVersion) => {
	it('every item completes, each profile exists once, and retries stay within their bounds', async () => {
		const input = Array.from({ length: 40 }, (_, index) => ({ id: `C-6${String(index).padStart(3, '0')}` }));
		// About 30% 503 pages, some 429s, resets before and after handling, answers slower than the timeout.
		await copernica.client.setFaults([
			{ method: 'PUT', status: 503, every: 3 },
			{ method: 'PUT', status: 429, retryAfterSeconds: 0, every: 8 },
			{ method: 'PUT', reset: true, every: 11 },
			{ method: 'PUT', resetAfterHandling: true, every: 13 },
			{ method: 'PUT', latencyMs: 1500, every: 17 },
		]);
		const maxRetries = 10;
		const { output, error } = await run({
			parameters: updateProfiles({
				conditions: [{ field: 'customerid', value: '={{ $json.id }}' }],
				fields: { city: 'Utrecht' },
				extra: { createIfNoMatch: true, options: { retries: maxRetries, timeout: 1, parallelRequests: 10 } },
			}),
			input,
		}, apiVersion);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(40);
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);
		for (const { id } of input) {
			expect(await copernica.client.profilesWhere('Customers', 'customerid', id)).toHaveLength(1);
		}
		const puts = await putCount();
		expect(puts).toBeGreaterThan(40);
		expect(puts).toBeLessThanOrEqual(40 * (maxRetries + 1));
		expect(copernica.emulator.maxInFlight).toBeLessThanOrEqual(10);
	});

	it('once retries are exhausted, each failing item gets a readable error naming it (continue-on-fail)', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 503 }]);
		const { output } = await run({
			parameters: updateProfiles({
				conditions: [{ field: 'customerid', value: '={{ $json.id }}' }],
				fields: { city: 'Utrecht' },
				extra: { options: { retries: 1 } },
			}),
			input: [{ id: 'C-1001' }, { id: 'C-1002' }],
			onError: 'continueRegularOutput',
		}, apiVersion);
		expect(output.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, 'Copernica answered HTTP 503: Loadbalancer Error [item 0]'],
			[{ item: 1 }, 'Copernica answered HTTP 503: Loadbalancer Error [item 1]'],
		]);
		expect(await putCount()).toBe(4);
		if (apiVersion === 'v4') expect((await copernica.client.stats()).jwtsIssued).toBe(1);
	});
});
