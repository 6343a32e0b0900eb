import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from '../transport';
import type { RetryPolicy } from '../transport/retry';
import { DEFAULT_RETRY_POLICY } from '../transport/retry';

/**
 * Options every operation offers for how it talks to Copernica: retries and the timeout. n8n's
 * lint wants literal defaults; a test checks they equal the transport's own.
 */

export interface RequestOptionValues {
	retries?: number;
	maxRetryWait?: number;
	timeout?: number;
}

export const requestOptions: INodeProperties[] = [
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
		typeOptions: { minValue: 0 },
		default: 60,
		description: 'The most time to spend waiting between retries of one request, in all',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: 'How long to wait for Copernica to answer one request. A timed-out request counts as a connection failure.',
	},
];

export function retryPolicyOf(values: RequestOptionValues): RetryPolicy {
	return {
		maxRetries: values.retries ?? DEFAULT_RETRY_POLICY.maxRetries,
		maxTotalWaitMs: (values.maxRetryWait ?? DEFAULT_RETRY_POLICY.maxTotalWaitMs / 1000) * 1000,
	};
}

export function timeoutOf(values: RequestOptionValues): number {
	return (values.timeout ?? DEFAULT_TIMEOUT_MS / 1000) * 1000;
}
