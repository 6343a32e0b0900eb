import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import type { N8nInstall } from './install';

/**
 * One real n8n with its own user folder: the package installed the way n8n's Community Nodes
 * screen installs it, credentials and workflows imported through n8n's CLI, workflows executed
 * with `n8n execute`, and `n8n start` for the REST API and the editor.
 */

export interface ExecuteResult {
	exitCode: number;
	stdout: string;
	stderr: string;
	/** The run data n8n printed (`--rawOutput`), when it printed any. */
	run?: { data: { resultData: { runData: Record<string, Array<{ executionTime?: number; data?: { main: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message: string; description?: string } }>>; error?: { message: string; description?: string } } } };
}

export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/**
 * The run data in `n8n execute --rawOutput`'s output: n8n prints notices before it and, when the
 * workflow fails, an error report after it. The document is the lines from `{` to `}`.
 */
function runDataOf(stdout: string): ExecuteResult['run'] {
	// The document may also be all there is, when n8n printed no notice before it.
	const start = stdout.startsWith('{\n') ? 0 : stdout.indexOf('\n{\n');
	const end = stdout.lastIndexOf('\n}');
	if (start === -1 || end <= start) return undefined;
	try {
		return JSON.parse(stdout.slice(start, end + 2));
	} catch {
		return undefined;
	}
}

export class N8nInstance {
	readonly userFolder: string;
	private server: ChildProcess | undefined;
	/** What `n8n start` printed so far (stdout and stderr), for reports when a test fails. */
	private readonly serverOutput: string[] = [];
	port = 0;

	constructor(
		readonly install: N8nInstall,
		folder: string,
		private readonly extraEnv: Record<string, string> = {},
	) {
		this.userFolder = folder;
	}

	get env(): NodeJS.ProcessEnv {
		return {
			PATH: `${path.dirname(this.install.runtime.binary)}${path.delimiter}${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'n8n-nodes-copernica-e2e-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: 'info',
			...this.extraEnv,
		};
	}

	/** A clean user folder. */
	reset(): void {
		fs.rmSync(this.userFolder, { recursive: true, force: true });
		fs.mkdirSync(path.join(this.userFolder, '.n8n', 'nodes'), { recursive: true });
	}

	/**
	 * One n8n CLI command. `wrapper` runs it through another program (the benchmark's
	 * `/usr/bin/time`), which then gets the Node.js binary and n8n's arguments.
	 */
	async cli(
		args: string[],
		timeoutMs = 180_000,
		wrapper: string[] = [],
		nodeArgs: string[] = [],
	): Promise<{ exitCode: number; stdout: string; stderr: string }> {
		// n8n 2.x opens a task broker port (5679) even for CLI commands: give each its own.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const [program, ...programArgs] = [...wrapper, this.install.runtime.binary, ...nodeArgs, this.install.cli, ...args];
		return await new Promise((resolve) => {
			execFile(
				program,
				programArgs,
				{ env, cwd: this.userFolder, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' },
				(error, stdout, stderr) => {
					const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
					resolve({ exitCode, stdout, stderr });
				},
			);
		});
	}

	/**
	 * Installs a packed tarball into `<user folder>/.n8n/nodes` with `npm install`, as n8n's
	 * Community Nodes screen does (`npm install <package>@<version>` in that folder), so the node
	 * type is `n8n-nodes-copernica.copernica`.
	 */
	async installCommunityPackage(tarball: string): Promise<void> {
		const folder = path.join(this.userFolder, '.n8n', 'nodes');
		fs.writeFileSync(path.join(folder, 'package.json'), '{"name":"installed-nodes","private":true}\n');
		await new Promise<void>((resolve, reject) => {
			execFile(
				'npm',
				['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball],
				{ cwd: folder, env: { ...process.env, ...this.env } },
				(error, _stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve()),
			);
		});
	}

	/** Decrypted credential JSON, written to a temporary file n8n encrypts on import, then deleted. */
	async importCredentials(credentials: Credential[]): Promise<void> {
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials.map((credential) => ({ ...credential, usageScope: 'project' }))), { mode: 0o600 });
		try {
			const result = await this.cli(['import:credentials', `--input=${file}`]);
			if (result.exitCode !== 0) throw new Error(`import:credentials failed: ${result.stderr}${result.stdout}`);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async importWorkflow(file: string): Promise<void> {
		const result = await this.cli(['import:workflow', `--input=${file}`]);
		if (result.exitCode !== 0 || /error/i.test(result.stdout)) {
			throw new Error(`import:workflow ${file} failed: ${result.stderr}${result.stdout}`);
		}
	}

	/** `wrapper`: a command to run Node.js under (/usr/bin/time); `nodeArgs`: Node.js options (Node 20 refuses --cpu-prof in NODE_OPTIONS). */
	async execute(workflowId: string, wrapper: string[] = [], timeoutMs = 180_000, nodeArgs: string[] = []): Promise<ExecuteResult> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs, wrapper, nodeArgs);
		return { ...result, run: runDataOf(result.stdout) };
	}

	/** `n8n start` on the given port (default: a free one); resolves once the editor answers. */
	async start(port?: number): Promise<string> {
		this.port = port ?? (await freePort());
		const output = this.serverOutput;
		output.length = 0;
		this.server = spawn(this.install.runtime.binary, [this.install.cli, 'start'], {
			env: {
				...this.env,
				N8N_PORT: String(this.port),
				N8N_HOST: '127.0.0.1',
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				// n8n 2.x starts a task broker on 5679 by default: a free port lets two instances run.
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			},
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server.stdout?.on('data', (chunk) => output.push(String(chunk)));
		this.server.stderr?.on('data', (chunk) => output.push(String(chunk)));
		const url = `http://127.0.0.1:${this.port}`;
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null) throw new Error(`n8n start exited: ${output.join('')}`);
			try {
				// /healthz and even /rest/settings answer before all controllers are mounted;
				// GET /rest/login answers 401 (or 200) only once they are.
				const response = await fetch(`${url}/rest/login`);
				if (response.status === 200 || response.status === 401) return url;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not start within 3 minutes: ${output.join('').slice(-2000)}`);
	}

	/** The last `chars` characters `n8n start` printed. */
	serverLog(chars = 4000): string {
		return this.serverOutput.join('').slice(-chars);
	}

	/** SIGTERM, and SIGKILL if n8n has not exited 15 s later: a stray n8n would hold its ports. */
	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
		server.kill('SIGTERM');
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<'late'>((resolve) => {
			timer = setTimeout(() => resolve('late'), 15_000);
		});
		const outcome = await Promise.race([exited, late]);
		clearTimeout(timer);
		if (outcome === 'late') {
			server.kill('SIGKILL');
			await exited;
		}
	}
}
