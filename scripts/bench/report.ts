import * as fs from 'node:fs';

import type { RunFigures } from './measure';

/** The benchmark's verdict (issue #4's targets), its table, and the figures block of docs/benchmarks.md. */

export interface BenchFigures {
	items: number;
	latencyMs: number;
	jitterMs: number;
	/** items × mean latency ÷ 10: no node holding 10 requests in flight can be faster. */
	limitMs: number;
	ours: RunFigures;
	ours50: RunFigures;
	httpNodeDefault: RunFigures;
	httpNodeBatched: RunFigures;
	items10k: number;
	ours10k: RunFigures;
	httpNode10k: RunFigures;
}

export interface Target {
	what: string;
	met: boolean;
	/** The figures compared, in words. */
	measured: string;
}

const ratio = (a: number, b: number) => (a / b).toFixed(2);

export function targets(f: BenchFigures): Target[] {
	return [
		{
			what: 'ours at 10 parallel: never more than 10 requests in flight',
			met: f.ours.maxInFlight <= 10,
			measured: `${f.ours.maxInFlight} in flight`,
		},
		{
			what: 'ours at 10 parallel: within 1.3× the physical limit',
			met: f.ours.wallMs <= 1.3 * f.limitMs,
			measured: `${f.ours.wallMs} ms vs limit ${f.limitMs} ms (${ratio(f.ours.wallMs, f.limitMs)}×)`,
		},
		{
			what: 'ours at 10 parallel: faster than the batched HTTP Request node',
			met: f.ours.wallMs < f.httpNodeBatched.wallMs,
			measured: `${f.ours.wallMs} ms vs ${f.httpNodeBatched.wallMs} ms`,
		},
		{
			what: 'ours at 50 parallel: never more than 50 requests in flight',
			met: f.ours50.maxInFlight <= 50,
			measured: `${f.ours50.maxInFlight} in flight`,
		},
		{
			what: "ours at 50 parallel: within 1.1× of the HTTP Request node's default",
			met: f.ours50.wallMs <= 1.1 * f.httpNodeDefault.wallMs,
			measured: `${f.ours50.wallMs} ms vs ${f.httpNodeDefault.wallMs} ms (${ratio(f.ours50.wallMs, f.httpNodeDefault.wallMs)}×)`,
		},
		{
			what: "CPU no worse than the HTTP Request node's default run",
			met: f.ours.cpuMs <= f.httpNodeDefault.cpuMs && f.ours50.cpuMs <= f.httpNodeDefault.cpuMs,
			measured: `ours ${f.ours.cpuMs} / ours50 ${f.ours50.cpuMs} ms vs ${f.httpNodeDefault.cpuMs} ms`,
		},
		{
			what: "peak memory no worse than the HTTP Request node's default run",
			met: f.ours.peakRssMb <= f.httpNodeDefault.peakRssMb && f.ours50.peakRssMb <= f.httpNodeDefault.peakRssMb,
			measured: `ours ${f.ours.peakRssMb} / ours50 ${f.ours50.peakRssMb} MB vs ${f.httpNodeDefault.peakRssMb} MB`,
		},
		{
			what: `${f.items10k.toLocaleString('en')} items: no slower than the HTTP Request node`,
			met: f.ours10k.wallMs <= f.httpNode10k.wallMs,
			measured: `${f.ours10k.wallMs} ms vs ${f.httpNode10k.wallMs} ms`,
		},
		{
			what: `${f.items10k.toLocaleString('en')} items: at most 0.7× its peak memory`,
			met: f.ours10k.peakRssMb <= 0.7 * f.httpNode10k.peakRssMb,
			measured: `${f.ours10k.peakRssMb} MB vs ${f.httpNode10k.peakRssMb} MB (${ratio(f.ours10k.peakRssMb, f.httpNode10k.peakRssMb)}×)`,
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
		'',
		`Physical limit at 10 in flight: ${f.items.toLocaleString('en')} items × ${f.latencyMs} ms ÷ 10 = **${f.limitMs.toLocaleString('en')} ms**.`,
	].join('\n');
}

export function targetsTable(list: Target[]): string {
	return [
		'| Target | Measured | Met |',
		'| --- | --- | --- |',
		...list.map((target) => `| ${target.what} | ${target.measured} | ${target.met ? 'yes' : '**no**'} |`),
	].join('\n');
}

/** The one-line JSON object issue #4 asks for, with the n8n version it was measured in. */
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
