import type { INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../shared/helpers/parameterProblem';
import { DEFAULT_TIMEOUT_MS } from '../../shared/transport';
import type { RequestSettings } from '../../shared/transport/databaseSchema';
import type { RequestLimiter } from '../../shared/transport/requestLimiter';
import type { Concurrency } from '../itemRunner/perItem';
import type { RetryPolicy } from '../../shared/transport/retry';
import { DEFAULT_RETRY_POLICY } from '../../shared/transport/retry';

/**
 * Options every operation offers for how it talks to Copernica: parallel requests, batching,
 * retries and the timeout. n8n's lint wants literal defaults; a test checks they equal the
 * constants the code falls back on.
 */

export interface RequestOptionValues {
	retries?: unknown;
	maxRetryWait?: unknown;
	timeout?: unknown;
	parallelRequests?: unknown;
	batching?: { batch?: { batchSize?: unknown; batchInterval?: unknown } };
}

/**
 * The range each option accepts. The editor's min and max do not bind an expression, so every
 * value is checked here before any request: a Timeout of 0 would wait forever, a huge one
 * overflows Node's timers (which then fire at once), and a Parallel Requests of 0 never starts.
 */
export const OPTION_RANGES = {
	limit: { displayName: 'Limit', min: 1, max: 1_000_000, where: '' },
	parallelRequests: { displayName: 'Parallel Requests', min: 1, max: 100 },
	batchSize: { displayName: 'Items per Batch', min: 1, max: 10_000 },
	batchInterval: { displayName: 'Batch Interval (Ms)', min: 0, max: 3_600_000 },
	retries: { displayName: 'Retries', min: 0, max: 20 },
	maxRetryWait: { displayName: 'Max Retry Wait (Seconds)', min: 0, max: 3_600 },
	timeout: { displayName: 'Timeout (Seconds)', min: 1, max: 3_600 },
} as const;

type RangedOption = keyof typeof OPTION_RANGES;

function shown(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (typeof value === 'number') return String(value);
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/**
 * An option's value as a whole number in its range; its default when left out. A number, or
 * text that is only digits (what an expression may give), is taken; anything else is refused,
 * naming the option, the value and the range.
 */
export function wholeNumberOption(value: unknown, option: RangedOption, fallback: number): number {
	if (value === undefined) return fallback;
	const range = OPTION_RANGES[option];
	const { displayName, min, max } = range;
	const where = 'where' in range ? range.where : 'Options → ';
	const number =
		typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
	if (!Number.isSafeInteger(number) || number < min || number > max) {
		throw new ParameterProblem(
			`${where}${displayName} must be a whole number from ${min} to ${max}, not ${shown(value)}`,
			`Set ${displayName} to a whole number from ${min} to ${max} (default ${fallback}), or remove the option to use the default. An expression must give such a number too.`,
		);
	}
	return number;
}

/**
 * Ten requests in flight by default: across the internet (50–100 ms a call) that is 100–200
 * updates a second, 10,000 rows in one to two minutes, while Copernica's load balancer, which
 * answers bursts with 503s, and the per-call bill see a hard bound rather than hundreds at once.
 */
export const DEFAULT_PARALLEL_REQUESTS = 10;

export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Parallel Requests',
		name: 'parallelRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 10,
		description:
			'How many requests may wait for Copernica at the same time. Output keeps the input order. Lower it if Copernica answers 503 under load.',
	},
	{
		displayName: 'Batching',
		name: 'batching',
		placeholder: 'Add Batching',
		type: 'fixedCollection',
		typeOptions: { multipleValues: false },
		default: { batch: {} },
		options: [
			{
				displayName: 'Batching',
				name: 'batch',
				values: [
					{
						displayName: 'Items per Batch',
						name: 'batchSize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 10000 },
						default: 50,
						description: 'Items handled before the pause (still at most Parallel Requests at a time)',
					},
					{
						displayName: 'Batch Interval (Ms)',
						name: 'batchInterval',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 3600000 },
						default: 1000,
						description: 'Pause between one batch finishing and the next starting, in milliseconds',
					},
				],
			},
		],
	},
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: 5,
		description:
			'How often to try again when Copernica is busy (429, 502, 503, 504) or the connection fails, waiting longer each time and as long as Copernica asks. A request that could create a profile twice is not retried once it may have been handled.',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 3600 },
		default: 60,
		description: 'The most time to spend waiting between retries of one request, in all',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 300,
		description:
			'How long one try of a request may take, its whole answer included. A timed-out try counts as a connection failure and may be retried (see Retries), so a request can take up to (Retries + 1) × this, plus the waits between tries.',
	},
];

/** For operations that send one request per item (or one list): retries and timeout, no Parallel Requests or Batching. */
export const singleRequestOptions: INodeProperties[] = requestOptions.filter((option) =>
	['retries', 'maxRetryWait', 'timeout'].includes(option.name),
);

/** The Options of an operation that has nothing else to offer there (Get, Delete). */
export const singleRequestOptionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: singleRequestOptions,
};

/** The Options of an operation that sends a request or more per item, with Parallel Requests and Batching (the writes). */
export const requestOptionsCollection: INodeProperties = {
	...singleRequestOptionsCollection,
	options: requestOptions,
};

export function retryPolicyOf(values: RequestOptionValues): RetryPolicy {
	return {
		maxRetries: wholeNumberOption(values.retries, 'retries', DEFAULT_RETRY_POLICY.maxRetries),
		maxTotalWaitMs:
			wholeNumberOption(values.maxRetryWait, 'maxRetryWait', DEFAULT_RETRY_POLICY.maxTotalWaitMs / 1000) * 1000,
	};
}

export function timeoutOf(values: RequestOptionValues): number {
	return wholeNumberOption(values.timeout, 'timeout', DEFAULT_TIMEOUT_MS / 1000) * 1000;
}

/** How one item's requests are sent: its index, the retry policy and timeout from Options, the run's Parallel Requests limiter. */
export function requestSettingsOf(
	values: RequestOptionValues,
	itemIndex: number,
	limiter: RequestLimiter,
): RequestSettings {
	return { retry: retryPolicyOf(values), timeoutMs: timeoutOf(values), itemIndex, limiter };
}

/**
 * Parallel Requests and Batching, read from the first item (they bound the whole run). A bad
 * value throws a ParameterProblem, which the router turns into the run's NodeOperationError.
 */
export function concurrencyOf(values: RequestOptionValues): Concurrency {
	const parallel = wholeNumberOption(values.parallelRequests, 'parallelRequests', DEFAULT_PARALLEL_REQUESTS);
	const batch = values.batching?.batch;
	if (batch?.batchSize === undefined) return { parallel };
	return {
		parallel,
		batchSize: wholeNumberOption(batch.batchSize, 'batchSize', 50),
		batchIntervalMs: wholeNumberOption(batch.batchInterval, 'batchInterval', 1000),
	};
}
