import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { PROJECT_ROOT } from '../test/harness/nodePackage';
import type { N8nVersion } from './versions';
import { NODE_24 } from './versions';

/**
 * Installs real n8n releases (and the Node.js they need) from the npm registry into .e2e/,
 * which git ignores, and reuses them on later runs. A folder counts as installed once its
 * marker file is written, so an interrupted install is redone, not half used.
 */

export const E2E_ROOT = path.join(PROJECT_ROOT, '.e2e');
const MARKER = '.installed';

function log(line: string): void {
	process.stdout.write(`[e2e setup] ${line}\n`);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
	execFileSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function timed<T>(what: string, work: () => T): T {
	const started = Date.now();
	const result = work();
	log(`${what} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return result;
}

function installed(folder: string): boolean {
	return fs.existsSync(path.join(folder, MARKER));
}

function freshFolder(folder: string, packageJson: object): void {
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	fs.writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
}

export interface NodeRuntime {
	/** The `node` binary. */
	binary: string;
	/** Where its headers are, for building native addons against it. */
	nodedir: string | undefined;
}

/** The machine's Node.js, or Node.js 24 from the npm registry's platform package. */
export function ensureNodeRuntime(which: N8nVersion['node']): NodeRuntime {
	if (which === 'system') return { binary: process.execPath, nodedir: undefined };
	const folder = path.join(E2E_ROOT, `node-${NODE_24}`);
	const packageDir = path.join(folder, 'node_modules', `node-${process.platform}-${process.arch}`);
	if (!installed(folder)) {
		freshFolder(folder, { name: 'e2e-node-runtime', private: true });
		timed(`Node.js ${NODE_24} installed`, () =>
			run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `node-${process.platform}-${process.arch}@${NODE_24}`], folder),
		);
		fs.writeFileSync(path.join(folder, MARKER), NODE_24);
	}
	return { binary: path.join(packageDir, 'bin', 'node'), nodedir: packageDir };
}

export interface N8nInstall {
	version: string;
	runtime: NodeRuntime;
	/** n8n's CLI entry point, to run with `runtime.binary`. */
	cli: string;
}

/**
 * `npm install --ignore-scripts n8n@<version>`, then a rebuild of sqlite3 (n8n's database
 * driver) against the Node.js that will run it. Install scripts stay off because isolated-vm@7
 * does not build on Node.js 20, and n8n never loads it unless asked to.
 */
export function ensureN8n(target: N8nVersion): N8nInstall {
	const runtime = ensureNodeRuntime(target.node);
	const folder = path.join(E2E_ROOT, `n8n-${target.version}`);
	if (!installed(folder)) {
		freshFolder(folder, {
			name: `e2e-n8n-${target.version.replace(/\./g, '-')}`,
			private: true,
			dependencies: { n8n: target.version },
			...(target.xlsxOverride ? { overrides: { xlsx: '0.18.5' } } : {}),
		});
		timed(`n8n ${target.version} installed`, () =>
			run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], folder),
		);
		const env = { ...process.env };
		if (runtime.nodedir) {
			// Build with the Node.js that runs n8n: its binary first on PATH, its headers for node-gyp.
			env.PATH = `${path.dirname(runtime.binary)}${path.delimiter}${env.PATH ?? ''}`;
			env.npm_config_nodedir = runtime.nodedir;
		}
		timed(`sqlite3 built for n8n ${target.version}`, () => run('npm', ['rebuild', 'sqlite3'], folder, env));
		fs.writeFileSync(path.join(folder, MARKER), target.version);
	} else {
		log(`n8n ${target.version} already installed in ${path.relative(PROJECT_ROOT, folder)}`);
	}
	return { version: target.version, runtime, cli: path.join(folder, 'node_modules', 'n8n', 'bin', 'n8n') };
}

/**
 * Where this checkout's tarball goes: a folder of its own under .e2e/, because git worktrees of
 * the project may share one .e2e/ (a symlink, to reuse the installed n8n releases), and two
 * checkouts packing the same file name into one folder would install each other's build.
 */
const PACK_FOLDER = path.join(E2E_ROOT, 'packed', path.basename(PROJECT_ROOT));

/** `npm pack` of the freshly built project into .e2e/packed/<checkout>/, as users get it from the registry. */
export function packProject(): string {
	fs.mkdirSync(PACK_FOLDER, { recursive: true });
	run('npx', ['gulp', 'build'], PROJECT_ROOT);
	const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', PACK_FOLDER], {
		cwd: PROJECT_ROOT,
		encoding: 'utf8',
	});
	const [packed] = JSON.parse(output) as Array<{ filename: string }>;
	return path.join(PACK_FOLDER, packed.filename);
}
