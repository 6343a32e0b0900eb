import type { INodeParameters } from 'n8n-workflow';

import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { getManyProfiles, updateProfiles } from '../harness/parameters';

/**
 * Parallel Requests, Batching, Retries, Max Retry Wait and Timeout from an expression (or a
 * saved workflow) are checked before any request: a whole number in range, or a
 * NodeOperationError that names the option, the value and the range. Nothing is ever sent.
 */
const copernica = useEmulator();

function update(options: INodeParameters): INodeParameters {
	return updateProfiles({
		conditions: [{ field: 'customerid', value: 'C-1001' }],
		fields: { city: 'Haarlem' },
		extra: { options },
	});
}

const BAD_VALUES: Array<[string, string, string]> = [
	['an empty text', '={{ "" }}', '""'],
	['zero as text', '={{ "0" }}', '"0"'],
	['a negative number', '={{ -1 }}', '-1'],
	['a fraction', '={{ 1.5 }}', '1.5'],
	['digits followed by letters', '={{ "10abc" }}', '"10abc"'],
	['Infinity', '={{ Infinity }}', 'Infinity'],
	['NaN', '={{ NaN }}', 'NaN'],
	['a huge number', '={{ 1e12 }}', '1000000000000'],
	['an object', '={{ { a: 1 } }}', '{"a":1}'],
];

const RANGES: Array<[string, string, number, number, (value: string | number) => INodeParameters]> = [
	['parallelRequests', 'Parallel Requests', 1, 100, (value) => ({ parallelRequests: value })],
	['batchSize', 'Items per Batch', 1, 10000, (value) => ({ batching: { batch: { batchSize: value, batchInterval: 0 } } })],
	['batchInterval', 'Batch Interval (Ms)', 0, 3600000, (value) => ({ batching: { batch: { batchSize: 5, batchInterval: value } } })],
	['retries', 'Retries', 0, 20, (value) => ({ retries: value })],
	['maxRetryWait', 'Max Retry Wait (Seconds)', 0, 3600, (value) => ({ maxRetryWait: value })],
	['timeout', 'Timeout (Seconds)', 1, 3600, (value) => ({ timeout: value })],
];

describe.each(RANGES)('Options → %s', (_name, displayName, min, max, optionsWith) => {
	it.each(BAD_VALUES)('refuses %s before any request', async (_what, value, shownAs) => {
		// "0" is a whole number: refused only where 0 is out of range.
		const zeroAllowed = shownAs === '"0"' && min === 0;
		const { error, output } = await runCopernicaNode({
			parameters: update(optionsWith(value)),
			credentials: copernica.credentials,
		});
		if (zeroAllowed) {
			expect(error).toBeUndefined();
			expect(output).toHaveLength(1);
			return;
		}
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			`Options → ${displayName} must be a whole number from ${min} to ${max}, not ${shownAs} [item 0]`,
		);
		expect(error?.description).toContain(`Set ${displayName} to a whole number from ${min} to ${max}`);
		expect(await copernica.client.log()).toEqual([]);
	});

	it('refuses the value just past each end of its range, also without an expression', async () => {
		for (const value of [min - 1, max + 1]) {
			const { error } = await runCopernicaNode({ parameters: update(optionsWith(value)), credentials: copernica.credentials });
			expect(error?.message).toBe(
				`Options → ${displayName} must be a whole number from ${min} to ${max}, not ${value} [item 0]`,
			);
		}
		expect(await copernica.client.log()).toEqual([]);
	});

	it('takes both ends of its range, and digits as text from an expression', async () => {
		for (const value of [min, max, `={{ "${Math.max(min, 1)}" }}`]) {
			const { error } = await runCopernicaNode({ parameters: update(optionsWith(value)), credentials: copernica.credentials });
			expect(error).toBeUndefined();
		}
	});
});

describe('an option that differs per item', () => {
	it('refuses only the item whose Timeout is bad, with Continue On Fail, and sends nothing for it', async () => {
		const { output } = await runCopernicaNode({
			parameters: update({ timeout: '={{ $json.timeout }}' }),
			credentials: copernica.credentials,
			input: [{ timeout: 5 }, { timeout: 0 }],
			onError: 'continueRegularOutput',
		});
		expect(output.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 0 }, undefined],
			[{ item: 1 }, 'Options → Timeout (Seconds) must be a whole number from 1 to 3600, not 0 [item 1]'],
		]);
		expect((await copernica.client.writes()).length).toBe(1);
	});

	it('also for the reads: Get Many with a Timeout of 0 is refused, nothing sent', async () => {
		const { error } = await runCopernicaNode({
			parameters: getManyProfiles({ extra: { timeout: 0 } }),
			credentials: copernica.credentials,
		});
		expect(error?.message).toBe('Options → Timeout (Seconds) must be a whole number from 1 to 3600, not 0 [item 0]');
		expect(await copernica.client.log()).toEqual([]);
	});
});

describe('Limit of the Get Many operations', () => {
	it.each([
		['={{ 0 }}', '0'],
		['={{ -5 }}', '-5'],
		['={{ 2.5 }}', '2.5'],
		['={{ "10abc" }}', '"10abc"'],
		['={{ NaN }}', 'NaN'],
	])('refuses %s before any request, instead of reading nothing or everything', async (limit, shownAs) => {
		for (const parameters of [
			{ ...getManyProfiles({}), limit },
			{ resource: 'database', operation: 'getMany', returnAll: false, limit },
		]) {
			const { error } = await runCopernicaNode({ parameters, credentials: copernica.credentials });
			expect(error?.message).toBe(`Limit must be a whole number from 1 to 1000000, not ${shownAs} [item 0]`);
		}
		expect(await copernica.client.log()).toEqual([]);
	});

	it('takes digits as text from an expression', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: { ...getManyProfiles({}), limit: '={{ "2" }}' },
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(2);
	});
});
