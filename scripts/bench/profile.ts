import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where an `n8n execute` spends its CPU: a V8 CPU profile (`--cpu-prof`) of the whole process,
 * each sample given to the part of the code it was in. A sample's part is that of the innermost
 * frame that belongs to a known part (a `JSON.stringify` called by axios counts as the HTTP
 * stack, an expression evaluated for this node's parameters as expressions). Comparing two runs
 * of the same workflow with different last nodes says what the node adds, part by part.
 */

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** The parts, each with what its frames' script URLs (or V8's own names) look like. The first that matches a frame wins. */
const PARTS: Array<{ part: string; matches: (frame: ProfileNode['callFrame']) => boolean }> = [
	{ part: 'garbage collection', matches: (frame) => frame.functionName === '(garbage collector)' },
	{ part: 'idle', matches: (frame) => frame.functionName === '(idle)' },
	{ part: 'V8, not attributed', matches: (frame) => frame.functionName === '(program)' },
	{ part: 'this node', matches: (frame) => frame.url.includes('n8n-nodes-copernica') },
	{
		part: 'expressions',
		matches: (frame) => /expression|tournament|isolated-vm|esprima|recast|ast-types|workflow-data-proxy/i.test(frame.url),
	},
	{
		part: 'HTTP stack (n8n, axios, Node.js)',
		matches: (frame) =>
			/axios|backend-network|follow-redirects|proxy-from-env|request-helpers|form-data|node:_http|node:http|node:net|node:dns|node:internal\/(http|net|dns|stream|streams|url)|node:stream|node:url|node:zlib/.test(
				frame.url,
			),
	},
	{ part: 'parameter reading', matches: (frame) => /node-parameters|get-node-parameter|node-helpers|parameter/i.test(frame.url) },
	{ part: 'credentials', matches: (frame) => /credential/i.test(frame.url) },
	{ part: 'loading modules', matches: (frame) => /node:internal\/modules|ts-node|source-map/.test(frame.url) },
	{ part: 'rest of n8n', matches: (frame) => /n8n-core|n8n-workflow|\/n8n\/dist|@n8n\/|n8n-nodes-base/.test(frame.url) },
];

export type ProfileSummary = Record<string, number>;

/** CPU milliseconds per part (idle left out), for one `.cpuprofile` file. */
export function summariseProfile(file: string): ProfileSummary {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const partOf = new Map<number, string>();
	const part = (id: number): string => {
		const known = partOf.get(id);
		if (known !== undefined) return known;
		let found = 'other';
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const frame = byId.get(at)!.callFrame;
			const match = PARTS.find((candidate) => candidate.matches(frame));
			if (match) {
				found = match.part;
				break;
			}
		}
		partOf.set(id, found);
		return found;
	};
	const totals: ProfileSummary = {};
	profile.samples.forEach((sample, index) => {
		const name = part(sample);
		totals[name] = (totals[name] ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000;
	});
	delete totals.idle;
	for (const name of Object.keys(totals)) totals[name] = Math.round(totals[name]);
	return totals;
}

/** The biggest profile in `folder`: n8n's own process (a task runner it starts writes a small one too). */
export function mainProfile(folder: string): string {
	const files = fs
		.readdirSync(folder)
		.filter((name) => name.endsWith('.cpuprofile'))
		.map((name) => path.join(folder, name));
	if (files.length === 0) throw new Error(`no CPU profile written in ${folder}`);
	return files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
}

/** A Markdown table of several runs' parts side by side, with the difference of each to the first run. */
export function profilesTable(runs: Array<{ name: string; summary: ProfileSummary }>): string {
	const parts = [...new Set(runs.flatMap((run) => Object.keys(run.summary)))].sort(
		(a, b) => (runs[runs.length - 1].summary[b] ?? 0) - (runs[runs.length - 1].summary[a] ?? 0),
	);
	const total = (summary: ProfileSummary) => Object.values(summary).reduce((sum, value) => sum + value, 0);
	const [base] = runs;
	const cell = (run: (typeof runs)[number], value: number, baseValue: number) =>
		run === base ? `${value}` : `${value} (${value - baseValue >= 0 ? '+' : ''}${value - baseValue})`;
	return [
		`| Part (CPU ms, whole process) | ${runs.map((run) => run.name).join(' | ')} |`,
		`| --- | ${runs.map(() => '---:').join(' | ')} |`,
		...parts.map((name) => `| ${name} | ${runs.map((run) => cell(run, run.summary[name] ?? 0, base.summary[name] ?? 0)).join(' | ')} |`),
		`| **total** | ${runs.map((run) => cell(run, total(run.summary), total(base.summary))).join(' | ')} |`,
	].join('\n');
}
