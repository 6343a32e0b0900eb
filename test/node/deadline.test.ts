import * as path from 'node:path';

import type { CopernicaResponse, copernicaRequest as CopernicaRequest } from '../../nodes/shared/transport';
import { activeTrickles } from '../../emulator/faults';
import { editorContext, loadNodeOptions } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { getManyProfiles } from '../harness/parameters';
import { PROJECT_ROOT } from '../harness/nodePackage';
import { runWithoutLeaks } from '../harness/runWithoutLeaks';

/**
 * Timeout is a deadline for the whole answer, not an idle timer that every trickled byte
 * resets; and the transport's signal that an earlier try may have been handled.
 */
const copernica = useEmulator();

/** The built transport, as the node uses it. */
function builtTransport(): { copernicaRequest: typeof CopernicaRequest } {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(PROJECT_ROOT, 'dist/nodes/shared/transport/index.js')) as { copernicaRequest: typeof CopernicaRequest };
}

/** Waits (a few trickle intervals at most) until no trickled answer is being written. */
async function hungUp(): Promise<void> {
	for (let waited = 0; activeTrickles() > 0 && waited < 1000; waited += 50) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	expect(activeTrickles()).toBe(0);
}

describe('a deadline that a trickling answer cannot extend', () => {
	it('an answer whose body trickles in a byte every 200 ms fails at the Timeout, not when the body ends', async () => {
		// The sample data's first page of profiles is some kilobytes: minutes at a byte per 200 ms.
		await copernica.client.setFaults([{ method: 'GET', path: 'database/Customers/profiles', trickleMs: 200 }]);
		const started = Date.now();
		const { error } = await runWithoutLeaks(
			{ parameters: getManyProfiles({ extra: { timeout: 1, retries: 0 } }), credentials: copernica.credentials },
			[copernica.token],
		);
		const tookMs = Date.now() - started;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Could not reach Copernica: the request timed out [item 0]');
		expect(error?.description).toMatch(/ETIMEDOUT while reading profiles/);
		// Bounded by the Timeout (1 s) plus the look-ups, far below the trickle's minutes.
		expect(tookMs).toBeLessThan(5000);
		// The request was aborted, not just given up on: the emulator sees the client hang up.
		await hungUp();
	});

	it('the retry after a trickled answer gets the list', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'database/Customers/profiles', trickleMs: 200, times: 1 }]);
		const { output, error } = await runWithoutLeaks(
			{ parameters: getManyProfiles({ limit: 2, extra: { timeout: 1 } }), credentials: copernica.credentials },
			[copernica.token],
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(2);
		expect((await copernica.client.log()).filter((entry) => entry.path === 'database/Customers/profiles')).toHaveLength(2);
	});

	it('a write whose answer trickles is not retried once it may have been handled, and says so', async () => {
		await copernica.client.setFaults([{ method: 'POST', trickleMs: 200 }]);
		const { error } = await runWithoutLeaks(
			{
				parameters: {
					resource: 'profile',
					operation: 'create',
					database: { __rl: true, mode: 'name', value: 'Customers' },
					fieldValues: { fields: [{ name: 'customerid', value: 'C-7001' }] },
					options: { timeout: 1 },
				},
				credentials: copernica.credentials,
			},
			[copernica.token],
		);
		expect(error?.message).toBe('Could not reach Copernica: the request timed out [item 0]');
		expect((await copernica.client.writes()).length).toBe(1);
	});

	it('a dropdown (the editor has no run to cancel) also stops at the deadline', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'database/Customers/fields', trickleMs: 200 }]);
		const started = Date.now();
		const { context } = await editorContext({}, copernica.credentials);
		await expect(
			builtTransport().copernicaRequest.call(context, {
				method: 'GET',
				path: 'database/Customers/fields',
				action: 'listing fields',
				timeoutMs: 1000,
				retry: { maxRetries: 0, maxTotalWaitMs: 0 },
			}),
		).rejects.toThrow('Could not reach Copernica: the request timed out');
		expect(Date.now() - started).toBeLessThan(4000);
		await hungUp();
		// The node's own dropdown still works once the fault is gone.
		await copernica.client.setFaults([]);
		expect((await loadNodeOptions('getDatabaseFields', { database: { __rl: true, mode: 'name', value: 'Customers' } }, copernica.credentials)).length).toBeGreaterThan(0);
	});
});

describe('earlierAttemptMayHaveBeenHandled', () => {
	async function get(faults: Parameters<typeof copernica.client.setFaults>[0]): Promise<CopernicaResponse> {
		await copernica.client.setFaults(faults);
		const { context } = await editorContext({}, copernica.credentials);
		return await builtTransport().copernicaRequest.call(context, {
			method: 'GET',
			path: 'database/Customers',
			action: 'reading the database',
			timeoutMs: 1000,
			retry: { maxRetries: 2, maxTotalWaitMs: 10_000 },
		});
	}

	it('is set when a retry followed a reset connection, a timeout or a 503', async () => {
		for (const fault of [{ reset: true }, { latencyMs: 1500 }, { status: 503 }]) {
			const response = await get([{ method: 'GET', times: 1, ...fault }]);
			expect([fault, response.statusCode, response.earlierAttemptMayHaveBeenHandled]).toEqual([fault, 200, true]);
		}
	});

	it('is left out after a 429 (answered before handling) and when the first try succeeds', async () => {
		const after429 = await get([{ method: 'GET', times: 1, status: 429, retryAfterSeconds: 0 }]);
		expect(after429.statusCode).toBe(200);
		expect(after429).not.toHaveProperty('earlierAttemptMayHaveBeenHandled');
		const first = await get([]);
		expect(first).not.toHaveProperty('earlierAttemptMayHaveBeenHandled');
	});
});
