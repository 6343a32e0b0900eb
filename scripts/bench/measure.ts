import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { CopernicaEmulator } from '../../emulator/server';
import type { N8nInstance } from '../../e2e/n8nInstance';

/** One `n8n execute` of a benchmark workflow, timed by n8n and by the kernel. */

export const TIME_BINARY = '/usr/bin/time';

export interface RunFigures {
	/** The update node's own execution time, as n8n reports it in the run data. */
	wallMs: number;
	/** The most API requests the emulator had in flight at once. */
	maxInFlight: number;
	/** User + system CPU of the whole `n8n execute` process (start-up included). */
	cpuMs: number;
	/** Its peak resident memory. */
	peakRssMb: number;
	/** How long the emulator took per API request on average, arrival to answer (the latency it was set to, plus its own work). */
	meanAnswerMs: number;
}

export interface RunSpec {
	workflowId: string;
	/** The node whose execution time counts (the Copernica node or the HTTP Request node). */
	nodeName: string;
	items: number;
	/** The city the workflow writes, to check afterwards that every profile was updated. */
	city: string;
	/** Whether the workflow updates the profiles; the floor and the items-only runs must update none. */
	updates: boolean;
}

/**
 * Runs the workflow once against the emulator (reset beforehand by the caller) and checks the
 * result before reporting figures: every item came out, and every profile carries the city (or,
 * for a workflow that sends nothing, none does). `nodeArgs`: options for Node.js (`--cpu-prof`).
 */
export async function measureRun(n8n: N8nInstance, emulator: CopernicaEmulator, spec: RunSpec, nodeArgs: string[] = []): Promise<RunFigures> {
	const usageFile = path.join(os.tmpdir(), `n8n-bench-${process.pid}-${Date.now()}.txt`);
	try {
		const result = await n8n.execute(spec.workflowId, [TIME_BINARY, '-f', '%U %S %M', '-o', usageFile], 30 * 60_000, nodeArgs);
		const task = result.run?.data.resultData.runData[spec.nodeName]?.[0];
		if (result.exitCode !== 0 || !task || task.error || task.executionTime === undefined) {
			const why = task?.error?.message ?? result.run?.data.resultData.error?.message ?? result.stderr.slice(-2000);
			throw new Error(`${spec.workflowId} failed (exit ${result.exitCode}): ${why}`);
		}
		const items = task.data?.main[0] ?? [];
		const updated = [...emulator.store.profiles.values()].filter((profile) => profile.fields.city === spec.city).length;
		const expectedUpdates = spec.updates ? spec.items : 0;
		if (items.length !== spec.items || updated !== expectedUpdates) {
			throw new Error(`${spec.workflowId}: ${items.length} output items and ${updated} profiles updated, expected ${spec.items} and ${expectedUpdates}`);
		}
		// GNU time prints its figures on the last line (a signal note may come before).
		const [user, system, maxRssKb] = fs.readFileSync(usageFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
		return {
			wallMs: task.executionTime,
			maxInFlight: emulator.maxInFlight,
			cpuMs: Math.round((user + system) * 1000),
			peakRssMb: Math.round(maxRssKb / 1024),
			meanAnswerMs: Math.round((emulator.answerTimeMs / Math.max(1, emulator.answered)) * 10) / 10,
		};
	} finally {
		fs.rmSync(usageFile, { force: true });
	}
}

/**
 * Several runs of the same workflow in one: the median of each time and size, so that one slow
 * n8n start-up does not decide a figure, and the highest in-flight count, since that is a bound.
 */
export function combineRuns(runs: RunFigures[]): RunFigures {
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
	return {
		wallMs: median(runs.map((run) => run.wallMs)),
		maxInFlight: Math.max(...runs.map((run) => run.maxInFlight)),
		cpuMs: median(runs.map((run) => run.cpuMs)),
		peakRssMb: median(runs.map((run) => run.peakRssMb)),
		meanAnswerMs: median(runs.map((run) => run.meanAnswerMs)),
	};
}
