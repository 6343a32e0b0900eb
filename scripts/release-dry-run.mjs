/**
 * The release without publishing: what publish.yml's `npm run release` does in GitHub Actions,
 * with npm publish as a dry run, then n8n's scanner on the tarball it would publish.
 *
 *   npm run release:dry-run
 *
 * 1. `n8n-node release` itself, on its GitHub Actions path (GITHUB_ACTIONS=true, so it never
 *    starts release-it, which tags and pushes): `npm run lint`, `npm run build`, then
 *    `npm publish` with RELEASE_MODE=true (prepublishOnly's `n8n-node prerelease` needs it) and
 *    NPM_CONFIG_PROVENANCE=true. NPM_CONFIG_DRY_RUN=true reaches that npm publish through the
 *    CLI's environment, so it packs and reports but uploads nothing (and makes no provenance
 *    statement, which only a real publish signs). NPM_CONFIG_REGISTRY points at a closed local
 *    port, so nothing can reach a registry even where a token or OIDC is at hand, and the run
 *    needs no network (npm's check that the version is not on the registry yet is then skipped:
 *    CI keeps passing after a release, before the next version bump).
 * 2. `scripts/scan-package.mjs`: n8n's scanner on the source and on the packed tarball.
 *
 * Prints a line per step with its duration; exits 1 at the first failing step.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const releaseEnv = {
	...process.env,
	GITHUB_ACTIONS: 'true',
	NPM_CONFIG_DRY_RUN: 'true',
	NPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/',
	// npm would retry the refused connection for about a minute.
	NPM_CONFIG_FETCH_RETRIES: '0',
};

function run(title, command, args, env = process.env) {
	const started = Date.now();
	console.log(`\n▶ ${title}`);
	const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.status !== 0) {
		console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}, ${seconds} s)`);
		process.exit(1);
	}
	console.log(`✔ ${title} (${seconds} s)`);
}

// Guard: the dry run must reach npm as a dry run, or nothing else runs.
const dryRun = spawnSync(npm, ['config', 'get', 'dry-run'], { cwd: root, env: releaseEnv, encoding: 'utf8' });
if (dryRun.stdout.trim() !== 'true') {
	console.error('✖ npm does not read NPM_CONFIG_DRY_RUN=true here; refusing to run `n8n-node release`');
	process.exit(1);
}

const started = Date.now();
run(
	'n8n-node release, as in GitHub Actions: lint, build, npm publish --dry-run',
	process.execPath,
	[join(root, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs'), 'release'],
	releaseEnv,
);
run("n8n's community package scanner on the source and on the packed tarball", process.execPath, [
	join(root, 'scripts', 'scan-package.mjs'),
]);
console.log(`\nRelease dry run passed in ${((Date.now() - started) / 1000).toFixed(1)} s; nothing was published.`);
