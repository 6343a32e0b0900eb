import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nInstall } from './install';
import { E2E_ROOT } from './install';
import { freePort, N8nInstance } from './n8nInstance';
import type { PostgresService, RedisService } from './services';

/**
 * n8n in queue mode on one machine, as on several: one `n8n start` (main), `n8n worker`s and one
 * `n8n webhook`, each with a user folder of its own (nothing shared but Postgres, Redis and
 * N8N_ENCRYPTION_KEY, which N8nInstance sets the same for all), each on ports of its own.
 *
 * How the package gets onto every process: installed into each process's own
 * `<user folder>/.n8n/nodes`, as the Community Nodes screen installs it (npm install of the
 * packed tarball; installed once, then copied, which is what baking it into each image does).
 * n8n's docs say to install community nodes manually on every process in queue mode
 * (community-nodes/installation/manual-install.md). N8N_REINSTALL_MISSING_PACKAGES is not what a
 * self-hosted queue setup can rely on here: it reinstalls from the npm registry what the
 * installed_packages table lists after a GUI install, and this package's build is not in a
 * registry; a folder shared between the processes would hide a process without the package.
 */

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** One running n8n process of the cluster (`start`, `worker` or `webhook`). */
export class N8nProcess {
	private child: ChildProcess | undefined;
	private readonly output: string[] = [];

	constructor(
		readonly name: string,
		readonly instance: N8nInstance,
		readonly command: 'start' | 'worker' | 'webhook',
		readonly args: string[],
		readonly env: Record<string, string>,
	) {}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Spawns it; resolves once `ready` says so, failing with its log when it exits or takes too long. */
	async start(ready: () => Promise<boolean>, timeoutMs = 240_000): Promise<void> {
		this.output.length = 0;
		this.child = spawn(this.instance.install.runtime.binary, [this.instance.install.cli, this.command, ...this.args], {
			env: { ...this.instance.env, ...this.env },
			cwd: this.instance.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child.stdout?.on('data', (chunk) => this.output.push(String(chunk)));
		this.child.stderr?.on('data', (chunk) => this.output.push(String(chunk)));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) throw new Error(`n8n ${this.command} (${this.name}) exited: ${this.log().slice(-3000)}`);
			try {
				if (await ready()) return;
			} catch {
				// not yet
			}
			await sleep(500);
		}
		throw new Error(`n8n ${this.command} (${this.name}) not ready within ${timeoutMs / 1000} s: ${this.log().slice(-3000)}`);
	}

	/** Everything it printed. */
	log(): string {
		return this.output.join('');
	}

	/** SIGKILL, as a crashed machine: no shutdown, no goodbye to Redis. */
	async kill(): Promise<void> {
		await this.signal('SIGKILL', 0);
	}

	/** SIGTERM, then SIGKILL if it has not exited `graceMs` later. */
	async stop(graceMs = 20_000): Promise<void> {
		await this.signal('SIGTERM', graceMs);
	}

	private async signal(signal: NodeJS.Signals, graceMs: number): Promise<void> {
		const child = this.child;
		if (!child || !this.running) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill(signal);
		const late = setTimeout(() => child.kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(late);
	}
}

export interface QueueCluster {
	main: N8nProcess;
	mainUrl: string;
	workers: N8nProcess[];
	webhook: N8nProcess;
	/** The webhook process's base URL: WEBHOOK_URL, where production /webhook/* calls go. */
	webhookUrl: string;
	/** The processes' N8nInstances, for CLI commands against the shared database. */
	instances: N8nInstance[];
	stop(): Promise<void>;
}

/** The settings every process of the cluster shares. */
function sharedEnv(postgres: PostgresService, redis: RedisService, webhookUrl: string, extra: Record<string, string>): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		...postgres.n8nEnv,
		...redis.n8nEnv,
		// Production webhooks are served by the webhook process: main builds their URLs from this.
		WEBHOOK_URL: `${webhookUrl}/`,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		// Full execution data for the checks (n8n's default, said outright).
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		...extra,
	};
}

/**
 * A user folder per process (`.e2e/<folder>-<process>`, emptied first, removed by `stop()`) with
 * the package installed, then main (which runs the migrations and owns the schedule and activation), the
 * webhook process and the workers.
 */
export async function startQueueCluster(options: {
	install: N8nInstall;
	folder: string;
	tarball: string;
	postgres: PostgresService;
	redis: RedisService;
	workers: number;
	concurrency: number;
	/** Runs against the database before any process starts: imports, with `n8n import:*`. */
	prepare: (cli: N8nInstance) => Promise<void>;
	extraEnv?: Record<string, string>;
}): Promise<QueueCluster> {
	const webhookPort = await freePort();
	const webhookUrl = `http://127.0.0.1:${webhookPort}`;
	const env = sharedEnv(options.postgres, options.redis, webhookUrl, options.extraEnv ?? {});
	const instance = (name: string) => new N8nInstance(options.install, path.join(E2E_ROOT, `${options.folder}-${name}`), env);
	const names = ['main', 'webhook', ...Array.from({ length: options.workers }, (_, index) => `worker${index + 1}`)];
	const instances = names.map(instance);
	for (const each of instances) each.reset();
	await instances[0].installCommunityPackage(options.tarball);
	const installed = path.join(instances[0].userFolder, '.n8n', 'nodes');
	for (const each of instances.slice(1)) fs.cpSync(installed, path.join(each.userFolder, '.n8n', 'nodes'), { recursive: true });
	await options.prepare(instances[0]);

	const started: N8nProcess[] = [];
	const stop = async () => {
		// Workers and the webhook process first: main last, as n8n's docs shut a cluster down.
		for (const process of [...started].reverse()) await process.stop();
		// The user folders are this run's own (named after its process ID): 200 MB each with the package.
		for (const each of instances) fs.rmSync(each.userFolder, { recursive: true, force: true });
	};
	try {
		const mainPort = await freePort();
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const main = new N8nProcess('main', instances[0], 'start', [], {
			N8N_PORT: String(mainPort),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		started.push(main);
		await main.start(async () => [200, 401].includes((await fetch(`${mainUrl}/rest/login`)).status));

		const webhook = new N8nProcess('webhook', instances[1], 'webhook', [], {
			N8N_PORT: String(webhookPort),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		started.push(webhook);
		await webhook.start(async () => webhook.log().includes('Webhook listener waiting for requests'));

		const workers: N8nProcess[] = [];
		for (const [index, each] of instances.slice(2).entries()) {
			const worker = new N8nProcess(`worker${index + 1}`, each, 'worker', [`--concurrency=${options.concurrency}`], {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			});
			started.push(worker);
			workers.push(worker);
		}
		// Both at once: each loads every node type, which takes a while on two cores.
		await Promise.all(workers.map(async (worker) => await worker.start(async () => worker.log().includes('n8n worker is now ready'))));
		return { main, mainUrl, workers, webhook, webhookUrl, instances, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The execution IDs a worker's log says it started ("Worker started execution <id> (job <job>)"). */
export function executionsStartedBy(worker: N8nProcess): string[] {
	return [...worker.log().matchAll(/Worker started execution (\d+) \(job/g)].map((match) => match[1]);
}

/** The execution IDs a worker's log says it finished. */
export function executionsFinishedBy(worker: N8nProcess): string[] {
	return [...worker.log().matchAll(/Worker finished execution (\d+) \(job/g)].map((match) => match[1]);
}
