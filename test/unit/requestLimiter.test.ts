import { sleep } from 'n8n-workflow';

import { createRequestLimiter } from '../../nodes/shared/transport/requestLimiter';

describe('createRequestLimiter', () => {
	it('never lets more than N requests run at once, and starts them in the order they asked', async () => {
		const limiter = createRequestLimiter(3);
		let running = 0;
		let most = 0;
		const started: number[] = [];
		await Promise.all(
			Array.from({ length: 12 }, async (_, index) =>
				await limiter.run(async () => {
					started.push(index);
					running++;
					most = Math.max(most, running);
					await sleep(5 + (index % 3) * 5);
					running--;
				}),
			),
		);
		expect(most).toBe(3);
		expect(started).toEqual(Array.from({ length: 12 }, (_, index) => index));
	});

	it('frees the slot of a request that fails', async () => {
		const limiter = createRequestLimiter(1);
		await expect(limiter.run(async () => await Promise.reject(new Error('refused')))).rejects.toThrow('refused');
		await expect(limiter.run(async () => await Promise.resolve('next'))).resolves.toBe('next');
	});
});
