import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort } from './n8nInstance';

/**
 * Postgres and Redis for the queue-mode suite, started and stopped by the suite itself: each on a
 * free loopback port, its data in a temporary folder that `stop()` removes. The binaries are
 * looked up on PATH, then in Debian's /usr/lib/postgresql/<major>/bin (newest major first) and
 * /usr/bin, /usr/sbin; `.ci/run` installs Debian's postgresql and redis-server when missing.
 */

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** The first of `names` found on PATH or in `extraDirs`, or an error saying what to install. */
export function findBinary(names: string[], extraDirs: string[], debianPackage: string): string {
	const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...extraDirs];
	for (const name of names) {
		for (const dir of dirs) {
			const candidate = path.join(dir, name);
			try {
				fs.accessSync(candidate, fs.constants.X_OK);
				return candidate;
			} catch {
				// not here
			}
		}
	}
	throw new Error(`${names.join(' or ')} not found on PATH or in ${extraDirs.join(', ')}: apt-get install -y ${debianPackage}`);
}

/** Debian's versioned Postgres folders, newest major first. */
function postgresDirs(): string[] {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return [];
	return fs
		.readdirSync(root)
		.filter((entry) => /^\d+$/.test(entry))
		.sort((a, b) => Number(b) - Number(a))
		.map((major) => path.join(root, major, 'bin'));
}

async function portOpen(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Spawns `command`, keeping its output for error reports. */
function launch(command: string[], output: string[]): ChildProcess {
	const [program, ...args] = command;
	const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.on('data', (chunk) => output.push(String(chunk)));
	child.stderr?.on('data', (chunk) => output.push(String(chunk)));
	return child;
}

async function waitForPort(what: string, port: number, child: ChildProcess, output: string[], timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${what} exited: ${output.join('').slice(-2000)}`);
		if (await portOpen(port)) return;
		await sleep(200);
	}
	throw new Error(`${what} did not listen on ${port}: ${output.join('').slice(-2000)}`);
}

async function terminate(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill(signal);
	const late = setTimeout(() => child.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(late);
}

/**
 * Postgres refuses to run as root. As root, initdb and postgres run as the `postgres` user when
 * the machine has one (Debian's postgresql package creates it), else as `nobody`, through
 * runuser; the data folder is handed to that user.
 */
function asServiceUser(command: string[], folder: string): string[] {
	if (process.getuid?.() !== 0) return command;
	let user = 'nobody';
	try {
		execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
		user = 'postgres';
	} catch {
		// no postgres user: nobody
	}
	execFileSync('chown', ['-R', `${user}:`, folder]);
	return ['runuser', '-u', user, '--', ...command];
}

export class PostgresService {
	private child: ChildProcess | undefined;
	private readonly output: string[] = [];
	private folder = '';
	port = 0;
	readonly user = 'postgres';
	readonly database = 'n8n';

	async start(): Promise<void> {
		const bin = (name: string) => findBinary([name], postgresDirs(), 'postgresql');
		this.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-e2e-postgres-'));
		fs.chmodSync(this.folder, 0o755);
		const data = path.join(this.folder, 'data');
		this.port = await freePort();
		const initdb = asServiceUser([bin('initdb'), '-D', data, '-U', this.user, '--auth=trust', '-E', 'UTF8', '--no-sync'], this.folder);
		execFileSync(initdb[0], initdb.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
		// fsync off: the data is thrown away, and the suite shares the machine's disk.
		const server = asServiceUser(
			[bin('postgres'), '-D', data, '-p', String(this.port), '-h', '127.0.0.1', '-k', this.folder, '-c', 'fsync=off', '-c', 'max_connections=200'],
			this.folder,
		);
		this.child = launch(server, this.output);
		await waitForPort('postgres', this.port, this.child, this.output);
		// Accepting connections may lag listening by a moment: createdb retries until it works.
		const createdb = bin('createdb');
		const deadline = Date.now() + 30_000;
		for (;;) {
			try {
				execFileSync(createdb, ['-h', '127.0.0.1', '-p', String(this.port), '-U', this.user, this.database], { stdio: ['ignore', 'ignore', 'pipe'] });
				return;
			} catch (error) {
				if (Date.now() > deadline) throw error;
				await sleep(500);
			}
		}
	}

	/** n8n's settings for this database. */
	get n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	async stop(): Promise<void> {
		// runuser passes SIGTERM on to postgres (a "smart" shutdown would wait for n8n's connections: they are gone by now).
		await terminate(this.child);
		if (this.folder) fs.rmSync(this.folder, { recursive: true, force: true });
	}
}

export class RedisService {
	private child: ChildProcess | undefined;
	private readonly output: string[] = [];
	private folder = '';
	port = 0;

	async start(): Promise<void> {
		const binary = findBinary(['redis-server'], ['/usr/bin', '/usr/sbin', '/usr/local/bin'], 'redis-server');
		this.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-e2e-redis-'));
		this.port = await freePort();
		this.child = launch(
			[binary, '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.folder, '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
			this.output,
		);
		await waitForPort('redis-server', this.port, this.child, this.output);
	}

	get n8nEnv(): Record<string, string> {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}

	async stop(): Promise<void> {
		await terminate(this.child);
		if (this.folder) fs.rmSync(this.folder, { recursive: true, force: true });
	}
}
