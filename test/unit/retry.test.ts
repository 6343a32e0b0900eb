import {
	concurrencyOf,
	DEFAULT_PARALLEL_REQUESTS,
	requestOptions,
	retryPolicyOf,
	timeoutOf,
} from '../../nodes/Copernica/parameters/requestOptions';
import { createdProfileMatchesSelection, buildSelection } from '../../nodes/shared/helpers/selection';
import { DEFAULT_TIMEOUT_MS } from '../../nodes/shared/transport';
import { backoffMs, decideRetry, DEFAULT_RETRY_POLICY, retryAfterMs } from '../../nodes/shared/transport/retry';

const POLICY = { maxRetries: 3, maxTotalWaitMs: 10_000 };
const fresh = { retries: 0, waitedMs: 0, mayCreate: false };

describe('decideRetry', () => {
	it('retries 429, 502, 503, 504 and network failures, nothing else', () => {
		for (const statusCode of [429, 502, 503, 504]) expect(decideRetry({ statusCode }, fresh, POLICY).retry).toBe(true);
		for (const statusCode of [400, 401, 404, 500]) expect(decideRetry({ statusCode }, fresh, POLICY).retry).toBe(false);
		for (const networkCode of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED']) {
			expect(decideRetry({ networkCode }, fresh, POLICY).retry).toBe(true);
		}
		expect(decideRetry({ networkCode: 'ENOTFOUND' }, fresh, POLICY).retry).toBe(false);
	});

	it('retries a request that may create only when nothing was handled', () => {
		const mayCreate = { ...fresh, mayCreate: true };
		expect(decideRetry({ statusCode: 503 }, mayCreate, POLICY)).toMatchObject({ retry: false, reason: expect.stringMatching(/second profile/) });
		expect(decideRetry({ networkCode: 'ECONNRESET' }, mayCreate, POLICY).retry).toBe(false);
		expect(decideRetry({ networkCode: 'ETIMEDOUT' }, mayCreate, POLICY).retry).toBe(false);
		expect(decideRetry({ statusCode: 429 }, mayCreate, POLICY).retry).toBe(true);
		expect(decideRetry({ networkCode: 'ECONNREFUSED' }, mayCreate, POLICY).retry).toBe(true);
	});

	it('stops at the number of retries and at the total wait', () => {
		expect(decideRetry({ statusCode: 503 }, { ...fresh, retries: 3 }, POLICY)).toMatchObject({ retry: false, reason: 'gave up after 3 retries' });
		expect(decideRetry({ statusCode: 429, retryAfter: '5' }, { ...fresh, waitedMs: 6000 }, POLICY).retry).toBe(false);
		expect(decideRetry({ statusCode: 429, retryAfter: '5' }, { ...fresh, waitedMs: 4000 }, POLICY)).toEqual({ retry: true, waitMs: 5000 });
	});

	it('backs off exponentially with jitter, and honours Retry-After in seconds or as a date', () => {
		expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, () => 0))).toEqual([250, 500, 1000, 2000]);
		expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, () => 1))).toEqual([500, 1000, 2000, 4000]);
		expect(backoffMs(20, () => 1)).toBe(30_000);
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(10_000);
		expect(retryAfterMs('soon')).toBeUndefined();
	});
});

describe('retry and timeout options', () => {
	it('default to the transport\'s own values', () => {
		const defaults = Object.fromEntries(requestOptions.map((option) => [option.name, option.default]));
		expect(retryPolicyOf(defaults)).toEqual(DEFAULT_RETRY_POLICY);
		expect(timeoutOf(defaults)).toBe(DEFAULT_TIMEOUT_MS);
		expect(concurrencyOf(defaults)).toEqual({ parallel: DEFAULT_PARALLEL_REQUESTS });
		expect(retryPolicyOf({ retries: 0, maxRetryWait: 5 })).toEqual({ maxRetries: 0, maxTotalWaitMs: 5000 });
	});
});

describe('createdProfileMatchesSelection', () => {
	const selection = buildSelection(
		[
			{ field: 'customerid', operator: 'equals', value: 'C-1' },
			{ field: 'email', operator: 'equals', value: 'a@b.nl' },
		],
		[
			{ name: 'customerid', type: 'text', value: '' },
			{ name: 'email', type: 'email', value: '' },
			{ name: 'age', type: 'integer', value: '' },
		],
	);

	it('holds when the new profile carries every Equals value', () => {
		expect(createdProfileMatchesSelection(selection, { customerid: 'C-1', EMAIL: 'a@b.nl', age: 3 })).toBe(true);
		expect(createdProfileMatchesSelection(selection, { customerid: 'C-1' })).toBe(false);
		expect(createdProfileMatchesSelection(selection, { customerid: 'C-2', email: 'a@b.nl' })).toBe(false);
	});

	it('never holds for other operators or built-in fields', () => {
		const withAge = buildSelection([{ field: 'age', operator: 'greaterThan', value: '3' }], [
			{ name: 'age', type: 'integer', value: '' },
		]);
		expect(createdProfileMatchesSelection(withAge, { age: 4 })).toBe(false);
		const byId = buildSelection([{ field: 'id', operator: 'equals', value: '3' }], []);
		expect(createdProfileMatchesSelection(byId, { id: 3 })).toBe(false);
	});
});

describe('same-selection queue', () => {
	it('runs work for one key in order, and other keys alongside', async () => {
		const { createSameSelectionQueue } = await import('../../nodes/Copernica/selection/sameSelectionQueue');
		const inTurn = createSameSelectionQueue();
		const events: string[] = [];
		const job = (name: string, ms: number) => async () => {
			events.push(`start ${name}`);
			await new Promise((resolve) => setTimeout(resolve, ms));
			events.push(`end ${name}`);
			if (name === 'a2') throw new Error('a2 failed');
			return name;
		};
		const results = await Promise.allSettled([
			inTurn('a', job('a1', 30)),
			inTurn('a', job('a2', 10)),
			inTurn('a', job('a3', 10)),
			inTurn('b', job('b1', 5)),
		]);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
		expect(events.filter((event) => event.endsWith('a1') || event.endsWith('a2') || event.endsWith('a3'))).toEqual([
			'start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3',
		]);
		expect(events.indexOf('end b1')).toBeLessThan(events.indexOf('end a1'));
	});
});
