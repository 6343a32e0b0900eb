import type { INode } from 'n8n-workflow';

import { MAX_PAGES, PageTracker, totalOf } from '../../nodes/shared/transport/paging';

const NODE = { name: 'Copernica', type: 'n8n-nodes-copernica.copernica' } as INode;
const context = { itemIndex: 3, action: 'listing profiles' };

function pageOf(first: number, size: number) {
	return Array.from({ length: size }, (_, index) => ({ ID: String(first + index) }));
}

describe('PageTracker', () => {
	it(`stops a list of new full pages forever at ${MAX_PAGES} pages, with an error naming the item`, () => {
		for (const total of [undefined, Number.MAX_SAFE_INTEGER]) {
			const tracker = new PageTracker(NODE, context);
			let start = 0;
			let pages = 0;
			expect(() => {
				for (;;) {
					const data = pageOf(start, 10);
					start += data.length;
					pages++;
					if (!tracker.next(data, 10, start, total)) break;
				}
			}).toThrow(`Copernica's list did not end within ${MAX_PAGES} pages [item 3]`);
			expect(pages).toBe(MAX_PAGES);
		}
	});

	it('sees a page that comes back after another (A, B, A)', () => {
		const tracker = new PageTracker(NODE, context);
		expect(tracker.next(pageOf(0, 2), 2, 2, 100)).toBe(true);
		expect(tracker.next(pageOf(2, 2), 2, 4, 100)).toBe(true);
		expect(() => tracker.next(pageOf(0, 2), 2, 6, 100)).toThrow('Copernica answered the same page twice');
	});

	it('reads a total only when it is a whole number of zero or more', () => {
		expect([0, 5, '7', ' 8 '].map((total) => totalOf({ total }))).toEqual([0, 5, 7, 8]);
		expect([-1, 1.5, '10abc', '', null, undefined, Infinity, NaN, {}].map((total) => totalOf({ total }))).toEqual(
			Array(9).fill(undefined),
		);
	});
});
