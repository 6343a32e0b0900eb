import * as fs from 'node:fs';

import type { RunFigures } from './measure';

/** The benchmark's verdict (issue #12's targets), its tables, and the figures block of docs/benchmarks.md. */

export interface BenchFigures {
	items: number;
	latencyMs: number;
	jitterMs: number;
	/** items × mean latency ÷ 10: no node holding 10 requests in flight can be faster. */
	limitMs: number;
	/** items × mean latency ÷ 50: the same at 50 in flight. */
	limit50Ms: number;
	ours: RunFigures;
	ours50: RunFigures;
	httpNodeDefault: RunFigures;
	httpNodeBatched: RunFigures;
	/** n8n's floor: a Set node evaluating the same two expressions per item, sending nothing. */
	floor: RunFigures;
	/** Create or Update, field mapper on Map Automatically (no expression per item), 10 parallel. */
	autoMap: RunFigures;
	items10k: number;
	ours10k: RunFigures;
	httpNode10k: RunFigures;
	/** Only the 10,000 items made: what n8n holds without any update node. */
	itemsOnly10k: RunFigures;
	/** The queue-mode run (newest release only). */
	queue?: QueueFigures;
}

/** One queue-mode round: `executions` webhook calls of `itemsEach` items, all finished. */
export interface QueueRound {
	workers: number;
	executions: number;
	itemsEach: number;
	/** First call sent to last execution finished. */
	seconds: number;
	executionsPerMinute: number;
	/** How many each worker ran (from its log). */
	perWorker: number[];
}

export interface QueueFigures {
	concurrency: number;
	rounds: QueueRound[];
}

/** The peak memory a run adds over the run that only makes the items. */
export function addedRssMb(run: RunFigures, itemsOnly: RunFigures): number {
	return run.peakRssMb - itemsOnly.peakRssMb;
}

export interface Target {
	what: string;
	met: boolean;
	/** The figures compared, in words. */
	measured: string;
}

const ratio = (a: number, b: number) => (a / b).toFixed(2);

export function targets(f: BenchFigures): Target[] {
	const bound10 = Math.max(f.limitMs, f.floor.wallMs);
	const bound50 = 1.2 * f.floor.wallMs + f.limit50Ms;
	const [oursAdded, httpAdded] = [addedRssMb(f.ours10k, f.itemsOnly10k), addedRssMb(f.httpNode10k, f.itemsOnly10k)];
	const faster = (name: string, run: RunFigures): Target => ({
		what: `${name}: faster than the HTTP Request node, with and without batching`,
		met: run.wallMs < f.httpNodeDefault.wallMs && run.wallMs < f.httpNodeBatched.wallMs,
		measured: `${run.wallMs} ms vs ${f.httpNodeDefault.wallMs} ms (default), ${f.httpNodeBatched.wallMs} ms (batching)`,
	});
	const inFlight = (name: string, run: RunFigures, allowed: number): Target => ({
		what: `${name}: never more than ${allowed} requests in flight`,
		met: run.maxInFlight <= allowed,
		measured: `${run.maxInFlight} in flight`,
	});
	return [
		inFlight('ours at 10 parallel', f.ours, 10),
		{
			what: "ours at 10 parallel: ≤ 1.3 × max(network limit, n8n's floor)",
			met: f.ours.wallMs <= 1.3 * bound10,
			measured: `${f.ours.wallMs} ms vs 1.3 × max(${f.limitMs}, ${f.floor.wallMs}) = ${Math.round(1.3 * bound10)} ms (${ratio(f.ours.wallMs, bound10)}×)`,
		},
		faster('ours at 10 parallel', f.ours),
		inFlight('ours at 50 parallel', f.ours50, 50),
		{
			what: "ours at 50 parallel: ≤ 1.2 × n8n's floor + the network limit at 50",
			met: f.ours50.wallMs <= bound50,
			measured: `${f.ours50.wallMs} ms vs 1.2 × ${f.floor.wallMs} + ${f.limit50Ms} = ${Math.round(bound50)} ms`,
		},
		faster('ours at 50 parallel', f.ours50),
		inFlight('Create or Update, Map Automatically, 10 parallel', f.autoMap, 10),
		{
			what: "Create or Update, Map Automatically, 10 parallel: ≤ 1.3 × max(network limit, n8n's floor)",
			met: f.autoMap.wallMs <= 1.3 * bound10,
			measured: `${f.autoMap.wallMs} ms vs ${Math.round(1.3 * bound10)} ms (${ratio(f.autoMap.wallMs, f.limitMs)}× the network limit)`,
		},
		{
			what: "CPU no worse than the HTTP Request node's default run",
			met: f.ours.cpuMs <= f.httpNodeDefault.cpuMs && f.ours50.cpuMs <= f.httpNodeDefault.cpuMs,
			measured: `ours ${f.ours.cpuMs} / ours50 ${f.ours50.cpuMs} ms vs ${f.httpNodeDefault.cpuMs} ms`,
		},
		{
			what: `${f.items10k.toLocaleString('en')} items: no slower than the HTTP Request node`,
			met: f.ours10k.wallMs <= f.httpNode10k.wallMs,
			measured: `${f.ours10k.wallMs} ms vs ${f.httpNode10k.wallMs} ms`,
		},
		{
			what: `${f.items10k.toLocaleString('en')} items: the memory the node adds ≤ 0.5 × what the HTTP Request node adds`,
			met: oursAdded <= 0.5 * httpAdded,
			measured: `${oursAdded} MB vs ${httpAdded} MB over ${f.itemsOnly10k.peakRssMb} MB for the items alone (${ratio(oursAdded, httpAdded)}×)`,
		},
	];
}

/** The figures as a Markdown table: one row per run. */
export function figuresTable(f: BenchFigures): string {
	const row = (name: string, items: number, parallel: string, run: RunFigures) =>
		`| ${name} | ${items.toLocaleString('en')} | ${parallel} | ${run.wallMs.toLocaleString('en')} | ${run.maxInFlight.toLocaleString('en')} | ${run.meanAnswerMs} | ${run.cpuMs.toLocaleString('en')} | ${run.peakRssMb.toLocaleString('en')} |`;
	return [
		'| Run | Items | Requests in flight allowed | Node time (ms) | Most in flight (emulator) | Mean answer (emulator, ms) | CPU, whole process (ms) | Peak RSS (MB) |',
		'| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
		row('Copernica node, Parallel Requests 10', f.items, '10', f.ours),
		row('Copernica node, Parallel Requests 50', f.items, '50', f.ours50),
		row('HTTP Request node, default options', f.items, 'unbounded', f.httpNodeDefault),
		row('HTTP Request node, Batching 10 items / 20 ms', f.items, 'unbounded', f.httpNodeBatched),
		row('Copernica node, Parallel Requests 50', f.items10k, '50', f.ours10k),
		row('HTTP Request node, default options', f.items10k, 'unbounded', f.httpNode10k),
		row("n8n's floor: Set node, the same two expressions, nothing sent", f.items, 'none sent', f.floor),
		row('Create or Update, field mapper on Map Automatically, Parallel Requests 10', f.items, '10', f.autoMap),
		row('Only the items made (no update node)', f.items10k, 'none sent', f.itemsOnly10k),
		'',
		`Network limit: ${f.items.toLocaleString('en')} items × ${f.latencyMs} ms ÷ 10 in flight = **${f.limitMs.toLocaleString('en')} ms**, ÷ 50 = **${f.limit50Ms.toLocaleString('en')} ms**.`,
		`Memory added at ${f.items10k.toLocaleString('en')} items (peak RSS over the items-only run): Copernica node **${addedRssMb(f.ours10k, f.itemsOnly10k)} MB**, HTTP Request node **${addedRssMb(f.httpNode10k, f.itemsOnly10k)} MB**.`,
		...(f.queue ? ['', queueTable(f.queue)] : []),
	].join('\n');
}

/** The queue-mode rounds as a Markdown table. */
export function queueTable(q: QueueFigures): string {
	return [
		`Queue mode (main, webhook process, workers at --concurrency=${q.concurrency}, Postgres, Redis; one round each):`,
		'',
		'| Workers | Executions × items | Parallel Requests | First call → last finished (s) | Executions per minute | Executions per worker |',
		'| ---: | --- | ---: | ---: | ---: | --- |',
		...q.rounds.map(
			(round) =>
				`| ${round.workers} | ${round.executions} × ${round.itemsEach.toLocaleString('en')} | 10 | ${round.seconds} | ${round.executionsPerMinute} | ${round.perWorker.join(' / ')} |`,
		),
	].join('\n');
}

export function targetsTable(list: Target[]): string {
	return [
		'| Target | Measured | Met |',
		'| --- | --- | --- |',
		...list.map((target) => `| ${target.what} | ${target.measured} | ${target.met ? 'yes' : '**no**'} |`),
	].join('\n');
}

/** The one-line JSON object issues #4 and #12 ask for, with the n8n version it was measured in. */
export function summaryJson(f: BenchFigures, n8nVersion: string): string {
	const pick = (run: RunFigures, keys: Array<keyof RunFigures>) => Object.fromEntries(keys.map((key) => [key, run[key]]));
	return JSON.stringify({
		n8n: n8nVersion,
		items: f.items,
		latencyMs: f.latencyMs,
		ours: { parallel: 10, ...pick(f.ours, ['wallMs', 'maxInFlight']), limitMs: f.limitMs, ...pick(f.ours, ['cpuMs', 'peakRssMb']) },
		ours50: { parallel: 50, ...pick(f.ours50, ['wallMs', 'maxInFlight']) },
		httpNodeDefault: pick(f.httpNodeDefault, ['wallMs', 'maxInFlight', 'cpuMs', 'peakRssMb']),
		httpNodeBatched: pick(f.httpNodeBatched, ['wallMs', 'maxInFlight']),
		ours10k: { parallel: 50, ...pick(f.ours10k, ['wallMs', 'maxInFlight', 'peakRssMb']) },
		httpNode10k: pick(f.httpNode10k, ['wallMs', 'maxInFlight', 'peakRssMb']),
		floorMs: f.floor.wallMs,
		addedRssMb: { ours: addedRssMb(f.ours10k, f.itemsOnly10k), httpNode: addedRssMb(f.httpNode10k, f.itemsOnly10k), itemsOnlyPeakRssMb: f.itemsOnly10k.peakRssMb },
		autoMap: { parallel: 10, ...pick(f.autoMap, ['wallMs', 'maxInFlight']) },
		queue: f.queue
			? Object.fromEntries(f.queue.rounds.map((round) => [`workers${round.workers}`, { executionsPerMinute: round.executionsPerMinute, seconds: round.seconds, executions: round.executions, itemsEach: round.itemsEach }]))
			: null,
	});
}

/**
 * Replaces the generated block of one n8n version in docs/benchmarks.md (between its markers,
 * added at the end when missing) and keeps the hand-written rest: what the figures mean and
 * what limits the speed.
 */
export function writeFiguresBlock(file: string, version: string, block: string): void {
	const start = `<!-- bench:figures:${version}:start -->`;
	const end = `<!-- bench:figures:${version}:end -->`;
	let current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
	if (!current.includes(start) || !current.includes(end)) current = `${current.trimEnd()}\n\n${start}\n${end}\n`;
	const from = current.indexOf(start) + start.length;
	const to = current.indexOf(end);
	fs.writeFileSync(file, `${current.slice(0, from)}\n${block}\n${current.slice(to)}`);
}
