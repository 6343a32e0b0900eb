/**
 * When and how long to wait before asking Copernica again. Copernica answers load with 503/504
 * "Loadbalancer Error" pages for minutes at a time and bills per call, so retries back off
 * exponentially with jitter, honour Retry-After, and stop at a number of attempts and a total wait.
 *
 * The rule that keeps retries from duplicating profiles: a request that may create something is
 * retried only when its first try cannot have created anything (the connection was refused, or
 * Copernica answered 429: rejected before it was handled), unless the caller marks it safe. A PUT
 * with create=1 is safe when every condition of its selection is an Equals that the new profile
 * carries: the retry then matches the profile the first try created instead of creating another.
 * A POST that creates is never safe once sent.
 */

export interface RetryPolicy {
	/** Further attempts after the first. */
	maxRetries: number;
	/** The most time spent waiting between attempts, in all. */
	maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, maxTotalWaitMs: 60_000 };

const RETRYABLE_STATUSES = [429, 502, 503, 504];
const RETRYABLE_NETWORK_CODES = ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN'];

/** Failures after which nothing can have been handled by Copernica. */
const NOT_HANDLED_STATUSES = [429];
const NOT_HANDLED_NETWORK_CODES = ['ECONNREFUSED', 'EAI_AGAIN'];

const BASE_WAIT_MS = 500;
const MAX_SINGLE_WAIT_MS = 30_000;

export type Failure = { statusCode: number; retryAfter?: string } | { networkCode: string };

export function isRetryable(failure: Failure): boolean {
	return 'statusCode' in failure
		? RETRYABLE_STATUSES.includes(failure.statusCode)
		: RETRYABLE_NETWORK_CODES.includes(failure.networkCode);
}

export function wasNotHandled(failure: Failure): boolean {
	return 'statusCode' in failure
		? NOT_HANDLED_STATUSES.includes(failure.statusCode)
		: NOT_HANDLED_NETWORK_CODES.includes(failure.networkCode);
}

/** Retry-After as milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
	if (header === undefined || header.trim() === '') return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(header);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: attempt 0 waits 250–500 ms, then 500–1000 ms, … up to 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_SINGLE_WAIT_MS, BASE_WAIT_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryDecision {
	retry: boolean;
	waitMs: number;
	/** Why not, for the error description. */
	reason?: string;
}

/**
 * Whether to try again after `failure`, given how many retries were made and how long was waited.
 * `mayCreate`: the request could create something (a POST, or a PUT with create=1 that is not safe).
 */
export function decideRetry(
	failure: Failure,
	state: { retries: number; waitedMs: number; mayCreate: boolean },
	policy: RetryPolicy,
	random: () => number = Math.random,
): RetryDecision {
	if (!isRetryable(failure)) return { retry: false, waitMs: 0 };
	if (state.mayCreate && !wasNotHandled(failure)) {
		return { retry: false, waitMs: 0, reason: 'not retried, because a second try could create a second profile' };
	}
	if (state.retries >= policy.maxRetries) {
		return { retry: false, waitMs: 0, reason: `gave up after ${state.retries} retries` };
	}
	const asked = 'statusCode' in failure ? retryAfterMs(failure.retryAfter) : undefined;
	const waitMs = asked ?? backoffMs(state.retries, random);
	if (state.waitedMs + waitMs > policy.maxTotalWaitMs) {
		return {
			retry: false,
			waitMs: 0,
			reason: `gave up after ${state.retries} retries: waiting ${Math.ceil(waitMs / 1000)} s more would pass the limit of ${Math.round(policy.maxTotalWaitMs / 1000)} s`,
		};
	}
	return { retry: true, waitMs };
}
