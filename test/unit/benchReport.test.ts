import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { RunFigures } from '../../scripts/bench/measure';
import { summariseProfile } from '../../scripts/bench/profile';
import type { BenchFigures } from '../../scripts/bench/report';
import { addedRssMb, summaryJson, targets } from '../../scripts/bench/report';

/** The benchmark's verdict and its summary, on figures made up to sit on either side of each target. */

function run(wallMs: number, extra: Partial<RunFigures> = {}): RunFigures {
	return { wallMs, maxInFlight: 0, cpuMs: 1000, peakRssMb: 300, meanAnswerMs: 20, ...extra };
}

function figures(overrides: Partial<BenchFigures> = {}): BenchFigures {
	return {
		items: 1000,
		latencyMs: 20,
		jitterMs: 10,
		limitMs: 2000,
		limit50Ms: 400,
		ours: run(2500, { maxInFlight: 10 }),
		ours50: run(1500, { maxInFlight: 50 }),
		httpNodeDefault: run(5000, { cpuMs: 2000 }),
		httpNodeBatched: run(6000),
		floor: run(1000),
		autoMap: run(2400, { maxInFlight: 10 }),
		items10k: 10_000,
		ours10k: run(9000, { peakRssMb: 500 }),
		httpNode10k: run(18_000, { peakRssMb: 900 }),
		itemsOnly10k: run(10, { peakRssMb: 300 }),
		...overrides,
	};
}

const verdict = (f: BenchFigures) => Object.fromEntries(targets(f).map((target) => [target.what, target.met]));

describe('the benchmark targets of issue 12', () => {
	it('holds 10 parallel to 1.3 × max(network limit, floor), and 50 parallel to 1.2 × floor + the limit at 50', () => {
		const met = verdict(figures());
		expect(met["ours at 10 parallel: ≤ 1.3 × max(network limit, n8n's floor)"]).toBe(true);
		expect(met["ours at 50 parallel: ≤ 1.2 × n8n's floor + the network limit at 50"]).toBe(true);
		// A floor above the network limit raises the 10-parallel bound; one ms past each bound misses.
		expect(verdict(figures({ floor: run(2500), ours: run(3250, { maxInFlight: 10 }) }))["ours at 10 parallel: ≤ 1.3 × max(network limit, n8n's floor)"]).toBe(true);
		expect(verdict(figures({ ours: run(2601, { maxInFlight: 10 }) }))["ours at 10 parallel: ≤ 1.3 × max(network limit, n8n's floor)"]).toBe(false);
		expect(verdict(figures({ ours50: run(1601, { maxInFlight: 50 }) }))["ours at 50 parallel: ≤ 1.2 × n8n's floor + the network limit at 50"]).toBe(false);
	});

	it('fails a run with more in flight than allowed, or slower than either HTTP Request node run', () => {
		const met = verdict(figures({ ours: run(2500, { maxInFlight: 11 }), ours50: run(5500, { maxInFlight: 50 }) }));
		expect(met['ours at 10 parallel: never more than 10 requests in flight']).toBe(false);
		expect(met['ours at 50 parallel: faster than the HTTP Request node, with and without batching']).toBe(false);
		expect(met['ours at 10 parallel: faster than the HTTP Request node, with and without batching']).toBe(true);
	});

	it('measures memory as what each node adds over the items alone, the node at most half the HTTP node', () => {
		const f = figures();
		expect([addedRssMb(f.ours10k, f.itemsOnly10k), addedRssMb(f.httpNode10k, f.itemsOnly10k)]).toEqual([200, 600]);
		const memory = '10,000 items: the memory the node adds ≤ 0.5 × what the HTTP Request node adds';
		expect(verdict(f)[memory]).toBe(true);
		expect(verdict(figures({ ours10k: run(9000, { peakRssMb: 601 }) }))[memory]).toBe(false);
	});

	it('puts floorMs, addedRssMb, autoMap and queue into the last-line JSON', () => {
		const queue = { concurrency: 10, rounds: [{ workers: 2, executions: 20, itemsEach: 1000, seconds: 30, executionsPerMinute: 40, perWorker: [10, 10] }] };
		const json = JSON.parse(summaryJson(figures({ queue }), '2.41.1')) as Record<string, unknown>;
		expect(json).toMatchObject({
			n8n: '2.41.1',
			floorMs: 1000,
			addedRssMb: { ours: 200, httpNode: 600, itemsOnlyPeakRssMb: 300 },
			autoMap: { parallel: 10, wallMs: 2400, maxInFlight: 10 },
			queue: { workers2: { executionsPerMinute: 40, seconds: 30, executions: 20, itemsEach: 1000 } },
		});
		expect((JSON.parse(summaryJson(figures(), '1.85.3')) as { queue: unknown }).queue).toBeNull();
	});
});

describe('the CPU profile summary', () => {
	it('gives each sample to the innermost frame of a known part, and leaves idle time out', () => {
		const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({ id, callFrame: { functionName, url }, children });
		const profile = {
			nodes: [
				frame(1, '(root)', '', [2, 6, 7]),
				frame(2, 'execute', 'file:///x/node_modules/n8n-nodes-copernica/dist/nodes/Copernica/Copernica.node.js', [3, 4]),
				frame(3, 'getNodeParameter', 'file:///x/node_modules/n8n-workflow/dist/Expression.js'),
				frame(4, 'dispatchRequest', 'file:///x/node_modules/axios/dist/node/axios.cjs', [5]),
				frame(5, 'stringify', ''),
				frame(6, '(garbage collector)', ''),
				frame(7, '(idle)', ''),
			],
			samples: [2, 3, 5, 5, 6, 7],
			timeDeltas: [1000, 2000, 3000, 4000, 5000, 60_000],
		};
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
		try {
			const file = path.join(folder, 'run.cpuprofile');
			fs.writeFileSync(file, JSON.stringify(profile));
			expect(summariseProfile(file)).toEqual({ 'this node': 1, expressions: 2, 'HTTP stack (n8n, axios, Node.js)': 7, 'garbage collection': 5 });
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});
