import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { updateProfiles } from '../harness/parameters';

/**
 * Parallel Requests and Batching: a hard bound on requests in flight (the emulator counts them),
 * output in input order, failures handled per item.
 */
const copernica = useEmulator();

const customers = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({ id: `C-7${String(index).padStart(3, '0')}`, city: `City ${index}` }));

function parameters(options: INodeParameters) {
	return updateProfiles({
		conditions: [{ field: 'customerid', value: '={{ $json.id }}' }],
		fields: { city: '={{ $json.city }}' },
		extra: { createIfNoMatch: true, options },
	});
}

async function run(options: INodeParameters, input: IDataObject[], onError?: 'continueRegularOutput') {
	return await runCopernicaNode({ parameters: parameters(options), input, credentials: copernica.credentials, onError });
}

describe('Parallel Requests', () => {
	it('never has more requests in flight than allowed, and keeps the output in input order', async () => {
		await copernica.client.setFaults([
			{ method: 'PUT', latencyMs: 60, every: 2 },
			{ method: 'PUT', latencyMs: 20 },
		]);
		const input = customers(24);
		const { output, error } = await run({ parallelRequests: 4 }, input);
		expect(error).toBeUndefined();
		expect(copernica.emulator.maxInFlight).toBe(4);
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(output.map((item) => (item.json.selection as string[])[0])).toEqual(input.map(({ id }) => `customerid==${String(id)}`));
		const log = await copernica.client.log();
		expect(log.filter((entry) => entry.path.endsWith('/fields'))).toHaveLength(1);
	});

	it('is faster than one at a time', async () => {
		await copernica.client.setFaults([{ method: 'PUT', latencyMs: 40 }]);
		const input = customers(20);
		const started = Date.now();
		await run({ parallelRequests: 1 }, input);
		const sequentialMs = Date.now() - started;
		copernica.emulator.reset();
		await copernica.client.setFaults([{ method: 'PUT', latencyMs: 40 }]);
		const parallelStart = Date.now();
		await run({ parallelRequests: 10 }, input);
		const parallelMs = Date.now() - parallelStart;
		expect(copernica.emulator.maxInFlight).toBe(10);
		expect(parallelMs).toBeLessThan(sequentialMs / 2);
	});

	it('with continue-on-fail, one item\'s failure does not stop the others', async () => {
		const input = customers(8);
		input[3] = { id: '', city: 'nowhere' };
		const { output } = await run({ parallelRequests: 4 }, input, 'continueRegularOutput');
		expect(output).toHaveLength(8);
		expect(output[3].json.error).toBe('Condition 1: the value is empty [item 3]');
		expect(output.filter((item) => item.json.statusCode === 201)).toHaveLength(7);
	});

	it('without it, stops starting items after a failure and names the failing item', async () => {
		const input = customers(40);
		input[5] = { id: '', city: 'nowhere' };
		const { error } = await run({ parallelRequests: 4 }, input);
		expect(error?.message).toBe('Condition 1: the value is empty [item 5]');
		const puts = (await copernica.client.writes()).length;
		expect(puts).toBeLessThan(40);
	});
});

describe('items with the same selection', () => {
	it('run one after another: one profile is created, and the last item\'s values win', async () => {
		await copernica.client.setFaults([{ method: 'PUT', latencyMs: 30 }]);
		const input = ['A', 'B', 'C', 'D', 'E', 'F'].map((city) => ({ id: 'C-8000', city }));
		const { output, error } = await run({ parallelRequests: 6 }, input);
		expect(error).toBeUndefined();
		const profiles = await copernica.client.profilesWhere('Customers', 'customerid', 'C-8000');
		expect(profiles.map((profile) => profile.fields.city)).toEqual(['F']);
		expect(output.map((item) => item.json.created)).toEqual([true, false, false, false, false, false]);
		expect(copernica.emulator.maxInFlight).toBe(1);
	});

	it('do not hold up items with other selections', async () => {
		await copernica.client.setFaults([{ method: 'PUT', latencyMs: 30 }]);
		const input = [...customers(4), ...customers(4)];
		const { error } = await run({ parallelRequests: 8 }, input);
		expect(error).toBeUndefined();
		expect(copernica.emulator.maxInFlight).toBe(4);
		for (const { id } of customers(4)) {
			expect(await copernica.client.profilesWhere('Customers', 'customerid', String(id))).toHaveLength(1);
		}
	});
});

describe('Batching', () => {
	it('handles items per batch and pauses between batches', async () => {
		const input = customers(9);
		const started = Date.now();
		const { error } = await run({ parallelRequests: 10, batching: { batch: { batchSize: 3, batchInterval: 200 } } }, input);
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(400);
		expect(copernica.emulator.maxInFlight).toBeLessThanOrEqual(3);
		expect((await copernica.client.writes()).length).toBe(9);
	});
});
