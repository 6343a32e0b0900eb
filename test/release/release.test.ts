import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `npm run release` as n8n's node-cli expects it, the guard against a bare `npm publish`, the
 * release dry run's wiring, and CHANGELOG.md in Keep a Changelog form.
 */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
const changelog = fs.readFileSync(path.join(PROJECT_ROOT, 'CHANGELOG.md'), 'utf8');
/** Nothing listens here: whatever npm tries to send goes nowhere. */
const NO_REGISTRY = 'http://127.0.0.1:9/';

describe('package.json release scripts', () => {
	it("are n8n's node-cli template: release through n8n-node, prepublishOnly through n8n-node prerelease", () => {
		expect(packageJson.scripts).toMatchObject({
			release: 'n8n-node release',
			prepublishOnly: 'n8n-node prerelease',
			'release:dry-run': 'node scripts/release-dry-run.mjs',
		});
		expect(packageJson.devDependencies['@n8n/node-cli']).toMatch(/^\d+\.\d+\.\d+$/);
	});

	it('refuse npm publish outside n8n-node release (prepublishOnly: n8n-node prerelease)', () => {
		const env: NodeJS.ProcessEnv = { ...process.env, NPM_CONFIG_REGISTRY: NO_REGISTRY, NPM_CONFIG_FETCH_RETRIES: '0', NPM_CONFIG_DRY_RUN: 'true' };
		delete env.RELEASE_MODE;
		delete env.GITHUB_ACTIONS;
		const run = spawnSync('npm', ['publish'], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
		expect(run.status).not.toBe(0);
		expect(run.stdout + run.stderr).toContain('Run `npm run release` to publish the package');
	});

	it('the dry run takes n8n-node release\'s GitHub Actions path with npm publish as a dry run', () => {
		const script = fs.readFileSync(path.join(PROJECT_ROOT, 'scripts', 'release-dry-run.mjs'), 'utf8');
		expect(script).toMatch(/GITHUB_ACTIONS: 'true',\s+NPM_CONFIG_DRY_RUN: 'true',\s+NPM_CONFIG_REGISTRY: 'http:\/\/127\.0\.0\.1:9\/'/);
		expect(script).toContain("'node-cli', 'bin', 'n8n-node.mjs'), 'release'");
		expect(script).toContain("'scan-package.mjs'");
		// What n8n-node release runs there: lint, build, npm publish with RELEASE_MODE and provenance.
		const release = fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', '@n8n', 'node-cli', 'dist', 'commands', 'release.js'), 'utf8');
		expect(release).toMatch(/if \(isCI\) \{\s+await .*\['run', 'lint'\][\s\S]*?\['run', 'build'\][\s\S]*?'npm', \['publish'\][\s\S]*?RELEASE_MODE: 'true',\s+NPM_CONFIG_PROVENANCE: 'true'/);
	});

	it("keeps release-it's generated changelog out of CHANGELOG.md (n8n-node release runs `auto-changelog -p`)", () => {
		const config = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, '.auto-changelog'), 'utf8'));
		expect(config.output).not.toBe('CHANGELOG.md');
		expect(fs.readFileSync(path.join(PROJECT_ROOT, '.gitignore'), 'utf8').split('\n')).toContain(config.output);
	});
});

describe('CHANGELOG.md', () => {
	const headings = [...changelog.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
	const sections = [...changelog.matchAll(/^### (.+)$/gm)].map((match) => match[1]);

	it('follows Keep a Changelog: [Unreleased] first, then [x.y.z] - date, newest first', () => {
		expect(changelog).toContain('[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)');
		expect(headings[0]).toBe('[Unreleased]');
		const versions = headings.slice(1).map((heading) => {
			const match = /^\[(\d+\.\d+\.\d+(?:-[\w.]+)?)\] - \d{4}-\d{2}-\d{2}$/.exec(heading);
			expect(match).not.toBeNull();
			return match![1];
		});
		expect(versions).toEqual([...versions].sort((a, b) => b.localeCompare(a, 'en', { numeric: true })));
	});

	it('groups changes as Added, Changed, Deprecated, Removed, Fixed, Security', () => {
		expect(sections.length).toBeGreaterThan(0);
		for (const section of sections) {
			expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(section);
		}
	});

	it('links every heading at the bottom; the newest released version is package.json\'s', () => {
		for (const heading of headings) {
			const label = /^\[([^\]]+)\]/.exec(heading)![1];
			expect(changelog).toMatch(new RegExp(`^\\[${label.replace(/\./g, '\\.')}\\]: https://github\\.com/n8n-nodes-copernica/n8n-nodes-copernica/`, 'm'));
		}
		const released = headings.slice(1).map((heading) => /^\[([^\]]+)\]/.exec(heading)![1]);
		if (released.length > 0) expect(released[0]).toBe(packageJson.version);
	});
});
