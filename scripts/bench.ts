/**
 * `npm run bench`: the Copernica node against n8n's HTTP Request node, both doing the same
 * Update Profiles PUTs inside the real n8n releases of the end-to-end suite, each run its own
 * `n8n execute`, against the emulator answering every request in 20 ± 10 ms. Writes the figures
 * to docs/benchmarks.md and prints one JSON object per n8n version; the last line is the one for
 * the first version of e2e/versions.ts, the n8n that runs on the machine's own Node.js.
 *
 * Options: `--repeat <n>` runs of each workflow (default 3; medians are reported),
 * `--n8n <version>` only that version of e2e/versions.ts, `--no-queue` without the queue-mode
 * rounds (on the newest release, by default with them), `--runs <key,key>` only those runs
 * (`queue` for the queue-mode rounds; their figures printed, no verdict, docs/benchmarks.md left alone),
 * `--tarball <file>` the given package instead of this tree's, and with `--profile` each of them once under V8's CPU profiler, its CPU summarised by part of
 * the code (profiles in .tmp/profiles/).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { CopernicaEmulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { E2E_ROOT, ensureN8n, packProject } from '../e2e/install';
import { N8nInstance } from '../e2e/n8nInstance';
import type { N8nVersion } from '../e2e/versions';
import { N8N_VERSIONS, NEWEST } from '../e2e/versions';
import { PROJECT_ROOT } from '../test/harness/nodePackage';
import type { RunFigures } from './bench/measure';
import { combineRuns, measureRun, TIME_BINARY } from './bench/measure';
import type { BenchFigures } from './bench/report';
import { figuresTable, summaryJson, targets, targetsTable, writeFiguresBlock } from './bench/report';
import type { ProfileSummary } from './bench/profile';
import { mainProfile, profilesTable, summariseProfile } from './bench/profile';
import { benchQueue } from './bench/queue';
import {
	autoMapWorkflow,
	benchSeed,
	cityOf,
	copernicaWorkflow,
	CREDENTIAL,
	FLOOR_NODE,
	floorWorkflow,
	httpNodeWorkflow,
	INPUT_NODE,
	itemsOnlyWorkflow,
	QUERY_AUTH_CREDENTIAL,
} from './bench/workloads';

const ITEMS = 1000;
const ITEMS_10K = 10_000;
const LATENCY = { meanMs: 20, jitterMs: 10 };
const DOCUMENT = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');

type RunKey = 'ours' | 'ours50' | 'httpNodeDefault' | 'httpNodeBatched' | 'floor' | 'autoMap' | 'ours10k' | 'httpNode10k' | 'itemsOnly10k';

interface RunPlan {
	key: RunKey;
	label: string;
	items: number;
	nodeName: string;
	/** Whether the run updates every profile (the floor and the items-only runs send nothing). */
	updates: boolean;
	workflow: (workflowId: string, city: string) => Record<string, unknown>;
}

function option(name: string): string | undefined {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? undefined : process.argv[at + 1];
}

function flag(name: string): boolean {
	return process.argv.includes(`--${name}`);
}

function print(line: string): void {
	process.stdout.write(`${line}\n`);
}

function plansFor(apiBaseUrl: string): RunPlan[] {
	const copernica = (parallel: number, items: number) => (id: string, city: string) =>
		copernicaWorkflow(id, items, city, parallel);
	const httpNode = (items: number, batching?: { batchSize: number; batchInterval: number }) => (id: string, city: string) =>
		httpNodeWorkflow(id, items, city, apiBaseUrl, batching);
	const ours = { nodeName: 'Update Profiles', updates: true };
	const http = { nodeName: 'HTTP Request', updates: true };
	return [
		{ key: 'ours', label: 'Copernica node, 10 parallel', items: ITEMS, ...ours, workflow: copernica(10, ITEMS) },
		{ key: 'ours50', label: 'Copernica node, 50 parallel', items: ITEMS, ...ours, workflow: copernica(50, ITEMS) },
		{ key: 'httpNodeDefault', label: 'HTTP Request node, default', items: ITEMS, ...http, workflow: httpNode(ITEMS) },
		{
			key: 'httpNodeBatched',
			label: 'HTTP Request node, batching 10 per 20 ms',
			items: ITEMS,
			...http,
			workflow: httpNode(ITEMS, { batchSize: 10, batchInterval: 20 }),
		},
		{
			key: 'floor',
			label: "n8n's floor (Set node, same expressions)",
			items: ITEMS,
			nodeName: FLOOR_NODE,
			updates: false,
			workflow: (id, city) => floorWorkflow(id, ITEMS, city),
		},
		{
			key: 'autoMap',
			label: 'Create or Update, Map Automatically, 10 parallel',
			items: ITEMS,
			nodeName: 'Create or Update',
			updates: true,
			workflow: (id, city) => autoMapWorkflow(id, ITEMS, city, 10),
		},
		{ key: 'ours10k', label: 'Copernica node, 50 parallel, 10,000 items', items: ITEMS_10K, ...ours, workflow: copernica(50, ITEMS_10K) },
		{ key: 'httpNode10k', label: 'HTTP Request node, default, 10,000 items', items: ITEMS_10K, ...http, workflow: httpNode(ITEMS_10K) },
		{
			key: 'itemsOnly10k',
			label: 'only the 10,000 items',
			items: ITEMS_10K,
			nodeName: INPUT_NODE,
			updates: false,
			workflow: (id, city) => itemsOnlyWorkflow(id, ITEMS_10K, city),
		},
	];
}

/** Every run of one n8n version, `repeat` times each, against a fresh emulator state per run. */
async function benchVersion(target: N8nVersion, repeat: number, tarball: string, seeds: Map<number, Seed>, only: string[] | undefined, profiling: boolean) {
	const token = `bench_${randomBytes(12).toString('hex')}`;
	const emulator = new CopernicaEmulator({ tokens: [token], latency: LATENCY });
	const apiBaseUrl = await emulator.start();
	try {
		const install = ensureN8n(target);
		const n8n = new N8nInstance(install, path.join(E2E_ROOT, `bench-home-${target.version}`));
		n8n.reset();
		await n8n.installCommunityPackage(tarball);
		await n8n.importCredentials([
			{ ...CREDENTIAL, data: { accessToken: token, baseUrl: apiBaseUrl } },
			{ ...QUERY_AUTH_CREDENTIAL, data: { name: 'access_token', value: token } },
		]);
		const plans = plansFor(apiBaseUrl).filter((plan) => only === undefined || only.includes(plan.key));
		for (const plan of plans) {
			const file = path.join(n8n.userFolder, `${plan.key}.json`);
			fs.writeFileSync(file, JSON.stringify(plan.workflow(`bench${plan.key}`, cityOf(plan.key))));
			await n8n.importWorkflow(file);
		}

		const results = {} as Record<RunKey, RunFigures>;
		const profiles: Array<{ name: string; summary: ProfileSummary }> = [];
		for (const plan of plans) {
			const spec = { workflowId: `bench${plan.key}`, nodeName: plan.nodeName, items: plan.items, city: cityOf(plan.key), updates: plan.updates };
			if (profiling) {
				// One run under V8's CPU profiler, its profile summarised by part of the code.
				const folder = path.join(PROJECT_ROOT, '.tmp', 'profiles', `${target.version}-${plan.key}`);
				fs.rmSync(folder, { recursive: true, force: true });
				fs.mkdirSync(folder, { recursive: true });
				emulator.reset(seeds.get(plan.items));
				results[plan.key] = await measureRun(n8n, emulator, spec, ['--cpu-prof', `--cpu-prof-dir=${folder}`]);
				profiles.push({ name: plan.key, summary: summariseProfile(mainProfile(folder)) });
				print(`n8n ${target.version}, ${plan.label}, profiled: ${results[plan.key].wallMs} ms; profile in ${path.relative(PROJECT_ROOT, folder)}`);
				continue;
			}
			const runs: RunFigures[] = [];
			for (let attempt = 1; attempt <= repeat; attempt++) {
				emulator.reset(seeds.get(plan.items));
				// One failed run (n8n not starting, say) is run again once; a second failure stops the benchmark.
				const run = await measureRun(n8n, emulator, spec).catch(async (error: Error) => {
					print(`n8n ${target.version}, ${plan.label}, run ${attempt} failed, running it again: ${error.message.slice(0, 300)}`);
					emulator.reset(seeds.get(plan.items));
					return await measureRun(n8n, emulator, spec);
				});
				print(
					`n8n ${target.version}, ${plan.label}, run ${attempt}/${repeat}: ${run.wallMs} ms, ${run.maxInFlight} in flight, CPU ${run.cpuMs} ms, peak ${run.peakRssMb} MB`,
				);
				runs.push(run);
			}
			results[plan.key] = combineRuns(runs);
		}
		// Against n8n's floor when it was profiled: the difference is what the other runs add to it.
		profiles.sort((a, b) => Number(b.name === 'floor') - Number(a.name === 'floor'));
		if (profiles.length > 0) print(`\n${profilesTable(profiles)}\n`);
		const nodeVersion = execFileSync(install.runtime.binary, ['--version'], { encoding: 'utf8' }).trim();
		return { nodeVersion, results };
	} finally {
		await emulator.stop();
	}
}

async function main(): Promise<void> {
	if (!fs.existsSync(TIME_BINARY)) {
		throw new Error(`${TIME_BINARY} is needed for CPU time and peak memory (Debian: apt-get install time)`);
	}
	const repeat = Number(option('repeat') ?? 3);
	const only = option('n8n');
	const onlyRuns = option('runs')?.split(',');
	const versions = N8N_VERSIONS.filter((candidate) => only === undefined || candidate.version === only);
	if (versions.length === 0) throw new Error(`No n8n ${only} in e2e/versions.ts`);

	// --tarball: a package built elsewhere (another commit), to compare builds with the same script.
	const tarball = option('tarball') ?? packProject();
	const seeds = new Map([ITEMS, ITEMS_10K].map((size) => [size, benchSeed(size)]));
	const cpus = os.cpus();
	const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}`;
	const summaries: string[] = [];
	let missedAny = false;

	// The first version last, so its JSON is the last line printed.
	for (const target of [...versions].reverse()) {
		const { nodeVersion, results } = await benchVersion(target, repeat, tarball, seeds, onlyRuns, onlyRuns !== undefined && flag('profile'));
		if (onlyRuns !== undefined) {
			// Some runs only: their figures, no verdict and nothing written.
			for (const [key, run] of Object.entries(results)) print(`n8n ${target.version}, ${key}: ${JSON.stringify(run)}`);
			if (onlyRuns.includes('queue') && target.version === NEWEST.version) print(JSON.stringify(await benchQueue(target, tarball, LATENCY)));
			continue;
		}
		const figures: BenchFigures = {
			items: ITEMS,
			latencyMs: LATENCY.meanMs,
			jitterMs: LATENCY.jitterMs,
			limitMs: (ITEMS * LATENCY.meanMs) / 10,
			limit50Ms: (ITEMS * LATENCY.meanMs) / 50,
			items10k: ITEMS_10K,
			...results,
			// Queue mode runs on the suite's newest release, as the queue-mode e2e does.
			queue: target.version === NEWEST.version && !flag('no-queue') ? await benchQueue(target, tarball, LATENCY) : undefined,
		};
		const verdict = targets(figures);
		const missed = verdict.filter((entry) => !entry.met);
		missedAny ||= missed.length > 0;
		const block = [
			`Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (${repeat} runs of each, medians; most in flight: the highest):`,
			`n8n ${target.version} on Node.js ${nodeVersion}, ${machine}. Emulator latency ${LATENCY.meanMs} ± ${LATENCY.jitterMs} ms per request.`,
			'',
			figuresTable(figures),
			'',
			targetsTable(verdict),
		].join('\n');
		writeFiguresBlock(DOCUMENT, target.version, block);
		print('');
		print(`## n8n ${target.version}`);
		print(block);
		print(missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.map((entry) => entry.what).join('; ')}`);
		summaries.push(summaryJson(figures, target.version));
	}
	print('');
	for (const summary of summaries) print(summary);
	process.exitCode = missedAny ? 1 : 0;
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(2);
});
