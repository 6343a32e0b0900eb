/**
 * A development instance: `npm run dev`. n8n's editor on localhost with this package loaded
 * from the working tree (rebuilt by tsc --watch and reloaded by n8n on change), the Copernica
 * emulator with sample data, the credential and the example workflows imported. Ctrl+C stops all.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import '../test/harness/environment';

import { CopernicaEmulator } from '../emulator/server';
import { E2E_ROOT, ensureN8n } from '../e2e/install';
import { N8nInstance } from '../e2e/n8nInstance';
import { OWNER, RestClient } from '../e2e/restApi';
import { NEWEST } from '../e2e/versions';
import { PROJECT_ROOT } from '../test/harness/nodePackage';

const HOME = path.join(E2E_ROOT, 'dev-home');
const EMULATOR_PORT = Number(process.env.COPERNICA_EMULATOR_PORT ?? 18080);

function print(line: string): void {
	process.stdout.write(`${line}\n`);
}

/**
 * The package where n8n's Community Nodes screen installs it, so the node type is
 * `n8n-nodes-copernica.copernica` and the examples open as they would for a user. A real
 * folder, not a symlink: n8n skips symlinked packages, and reloads only modules under the
 * package's own path. tsc --watch compiles straight into its dist/.
 */
function installDevPackage(): string {
	const packageDir = path.join(HOME, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-copernica');
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	fs.copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(packageDir, 'package.json'));
	fs.cpSync(path.join(PROJECT_ROOT, 'dist'), path.join(packageDir, 'dist'), { recursive: true });
	return packageDir;
}

async function main(): Promise<void> {
	const build = spawnSync('npx', ['gulp', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('build failed');

	const n8n = new N8nInstance(ensureN8n(NEWEST), HOME, { N8N_DEV_RELOAD: 'true' });
	const packageDir = installDevPackage();

	const token = `dev_${randomBytes(12).toString('hex')}`;
	const emulator = new CopernicaEmulator({ tokens: [token] });
	const baseUrl = await emulator.start(EMULATOR_PORT);
	await n8n.importCredentials([
		{ id: 'copernicaEmulator', name: 'Copernica (emulator)', type: 'copernicaApi', data: { accessToken: token, baseUrl } },
	]);
	for (const example of fs.readdirSync(path.join(PROJECT_ROOT, 'examples')).filter((file) => file.endsWith('.json'))) {
		await n8n.importWorkflow(path.join(PROJECT_ROOT, 'examples', example));
	}

	const outDir = path.join(packageDir, 'dist');
	const tsc = require.resolve('typescript/bin/tsc');
	const watcher: ChildProcess = spawn(process.execPath, [tsc, '--watch', '--preserveWatchOutput', '-p', 'tsconfig.json', '--outDir', outDir], {
		cwd: PROJECT_ROOT,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	const url = await n8n.start(Number(process.env.N8N_PORT ?? 5678));
	const rest = new RestClient(url);
	try {
		await rest.setupOwner();
	} catch {
		// already set up by an earlier run
	}

	print('');
	print(`n8n ${NEWEST.version} with n8n-nodes-copernica (from this working tree): ${url.replace('127.0.0.1', 'localhost')}`);
	print(`Sign in as ${OWNER.email} with password ${OWNER.password}`);
	print(`Copernica emulator with sample data: ${baseUrl} (credential "Copernica (emulator)")`);
	print('Example workflows: Overview → the three "Copernica: …" workflows. Edit nodes/ and n8n reloads the node.');
	print('Ctrl+C stops n8n, the emulator and the compiler.');

	const stop = async () => {
		watcher.kill();
		await n8n.stop();
		await emulator.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
