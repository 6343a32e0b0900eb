import axios from 'axios';
import { request } from 'node:http';

import { useEmulator } from '../harness/fixture';

/** The emulator's list and trickle faults (emulator/faults.ts), over plain HTTP. */
const copernica = useEmulator();

async function page(query: string) {
	const response = await axios.get(`${copernica.credentials.baseUrl}/database/Customers/profiles?${query}&access_token=${copernica.token}`);
	return response.data as { start: number; limit: number; count: number; total?: number; data: Array<{ ID: string }> };
}

describe('list faults', () => {
	it('pageIgnoresStart answers the first page whatever start asks, echoing the start asked', async () => {
		const first = await page('start=0&limit=2');
		await copernica.client.setFaults([{ path: 'profiles', pageIgnoresStart: true }]);
		const later = await page('start=2&limit=2');
		expect(later.start).toBe(2);
		expect(later.data.map((profile) => profile.ID)).toEqual(first.data.map((profile) => profile.ID));
	});

	it('pageTotal reports another total, or none; pageLimit serves fewer than asked, echoing the limit asked', async () => {
		await copernica.client.setFaults([{ path: 'profiles', pageTotal: 99, times: 1 }, { path: 'profiles', pageTotal: null, times: 1 }, { path: 'profiles', pageLimit: 1 }]);
		expect((await page('start=0&limit=10&total=1')).total).toBe(99);
		expect(await page('start=0&limit=10&total=1')).not.toHaveProperty('total');
		const capped = await page('start=0&limit=10&total=1');
		expect([capped.limit, capped.count, capped.data.length, capped.total]).toEqual([10, 1, 1, 4]);
	});
});

describe('trickle fault', () => {
	it('sends the status and headers at once, then the body a byte at a time', async () => {
		await copernica.client.setFaults([{ path: 'identity', trickleMs: 100 }]);
		const { status, firstChunks } = await new Promise<{ status: number; firstChunks: string[] }>((resolve, reject) => {
			const chunks: string[] = [];
			const req = request(`${copernica.credentials.baseUrl}/identity?access_token=${copernica.token}`, (response) => {
				response.on('data', (chunk: Buffer) => {
					chunks.push(chunk.toString());
					if (chunks.length === 3) {
						req.destroy();
						resolve({ status: response.statusCode ?? 0, firstChunks: chunks });
					}
				});
			});
			req.on('error', reject);
			req.end();
		});
		expect(status).toBe(200);
		expect(firstChunks).toEqual(['{', '"', 'i']);
	});
});
