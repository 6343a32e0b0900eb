import type { INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../harness/fixture';
import { databaseByName, updateProfiles } from '../harness/parameters';
import { runWithoutLeaks } from '../harness/runWithoutLeaks';

/**
 * A request that could create (a POST, a create=1 PUT that is not retry-safe) never ends in the
 * advice to turn on Retry On Fail: the error says whether something may have been created and
 * what to check. A create whose read-back fails says the entity exists and gives its ID.
 */
const copernica = useEmulator();

const RETRY_ON_FAIL_ADVICE = /turn on Retry On Fail in the node settings/;

async function run(parameters: INodeParameters, onError?: 'continueRegularOutput') {
	return await runWithoutLeaks({ parameters, credentials: copernica.credentials, onError }, [copernica.token]);
}

function createProfile(customerid: string, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'profile',
		operation: 'create',
		database: databaseByName('Customers'),
		fieldValues: { fields: [{ name: 'customerid', value: customerid }] },
		options,
	};
}

async function requests(method: string, path?: string) {
	return (await copernica.client.log()).filter((entry) => entry.method === method && (path === undefined || entry.path.startsWith(path)));
}

describe('a create that failed does not advise Retry On Fail', () => {
	it('Profile → Create answered 503: the profile may exist, check before running again', async () => {
		await copernica.client.setFaults([{ method: 'POST', status: 503, times: 1 }]);
		const { error } = await run(createProfile('C-8001'));
		expect(error?.message).toBe('Copernica answered HTTP 503: Loadbalancer Error [item 0]');
		expect(error?.description).not.toMatch(RETRY_ON_FAIL_ADVICE);
		expect(error?.description).toMatch(/^The profile may have been created: Copernica answered HTTP 503 after the request was sent, so it was not retried \(while creating a profile\)\. Check whether the profile exists/);
		expect(error?.description).toMatch(/Do not turn on Retry On Fail/);
		expect(await requests('POST')).toHaveLength(1);
	});

	it('Profile → Create whose connection dropped after Copernica created it: says it may exist, and it does, once', async () => {
		await copernica.client.setFaults([{ method: 'POST', resetAfterHandling: true, times: 1 }]);
		const { error } = await run(createProfile('C-8002'));
		expect(error?.message).toBe('Could not reach Copernica: the connection was reset [item 0]');
		expect(error?.description).toMatch(/^The profile may have been created: the connection failed before the answer came \(ECONNRESET\)/);
		expect(await copernica.client.profilesWhere('Customers', 'customerid', 'C-8002')).toHaveLength(1);
	});

	it('Profile → Create turned away with 429 until the retries ran out: nothing was created', async () => {
		await copernica.client.setFaults([{ method: 'POST', status: 429, retryAfterSeconds: 0 }]);
		const { error } = await run(createProfile('C-8003', { retries: 1 }));
		expect(error?.description).toMatch(/^Nothing was created: Copernica turned the request away \(HTTP 429\) before handling it/);
		expect(error?.description).not.toMatch(RETRY_ON_FAIL_ADVICE);
		expect(await requests('POST')).toHaveLength(2);
	});

	it('Create If No Match that is not retry-safe is not sent at all, so no retry advice can mislead', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 503, times: 1 }]);
		const { error } = await run(
			updateProfiles({
				conditions: [{ field: 'customerid', value: 'C-8004' }, { field: 'age', operator: 'greaterThan', value: '17' }],
				fields: { city: 'Zeist' },
				extra: { createIfNoMatch: true },
			}),
		);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.description).not.toMatch(RETRY_ON_FAIL_ADVICE);
		expect(await requests('PUT')).toHaveLength(0);
	});

	it('Subprofile → Create names the subprofile', async () => {
		await copernica.client.setFaults([{ method: 'POST', status: 502, times: 1 }]);
		const { error } = await run(await createOrder('O-8005'));
		expect(error?.description).toMatch(/^The subprofile may have been created: Copernica answered HTTP 502/);
	});

	it('an update that cannot create keeps the advice to retry, since a retry is safe there', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 503 }]);
		const { error } = await run(
			updateProfiles({ conditions: [{ field: 'customerid', value: 'C-1001' }], fields: { city: 'Zeist' }, extra: { options: { retries: 0 } } }),
		);
		expect(error?.description).toMatch(RETRY_ON_FAIL_ADVICE);
	});
});

/** Subprofile → Create of an order under Anna's profile, in the Orders collection. */
async function createOrder(orderid: string, options: INodeParameters = {}): Promise<INodeParameters> {
	const anna = (await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001'))[0].ID;
	return {
		resource: 'subprofile',
		operation: 'create',
		database: databaseByName('Customers'),
		collection: String(copernica.emulator.store.databases[0].collections[0].ID),
		profileId: anna,
		fieldValues: { fields: [{ name: 'orderid', value: orderid }] },
		options,
	};
}

describe('a create whose read-back failed', () => {
	it('says the profile exists and gives its ID, with Continue On Fail too', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'profile/', status: 503 }]);
		const { output } = await run(createProfile('C-8010', { retries: 0 }), 'continueRegularOutput');
		const [created] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-8010');
		expect(created).toBeDefined();
		expect(output.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, `Copernica created profile ${created.ID}, but reading it back failed: Copernica answered HTTP 503: Loadbalancer Error [item 0]`],
		]);
		expect(output[0].json.details).toMatch(
			new RegExp(`^The profile exists: its ID is ${created.ID}\\. Do not run this item again, or it is created twice; read it with Profile → Get \\(ID ${created.ID}\\) instead\\.`),
		);
		expect(await requests('POST')).toHaveLength(1);
	});

	it('the same for a subprofile', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'subprofile/', status: 503 }]);
		const { error } = await run(await createOrder('O-8011', { retries: 0 }));
		expect(error?.message).toMatch(/^Copernica created subprofile \d+, but reading it back failed: Copernica answered HTTP 503: Loadbalancer Error \[item 0\]$/);
		expect(error?.description).toMatch(/^The subprofile exists: its ID is \d+\./);
	});
});
