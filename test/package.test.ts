import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { PROJECT_ROOT } from './harness/nodePackage';

/**
 * The package as n8n's verification sees it: package.json rules, the scanner's lint on the
 * source and on the packed tarball, and what `npm pack` publishes.
 */
const packageJson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));

function filesUnder(folder: string): string[] {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(folder, entry.name);
		return entry.isDirectory() ? filesUnder(full) : [full];
	});
}

function scan(args: string[] = []) {
	// Not under jest's NODE_ENV=test: eslint-plugin-n8n-nodes-base then lints with its own test file names.
	const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'scan-package.mjs'), ...args], {
		cwd: PROJECT_ROOT,
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production' },
	});
	const lastLine = run.stdout.trim().split('\n').at(-1) ?? '{}';
	return { status: run.status, result: JSON.parse(lastLine) };
}

describe('package.json', () => {
	it('is a community node package with no runtime dependencies', () => {
		expect(packageJson).toMatchObject({
			name: 'n8n-nodes-copernica',
			license: 'MIT',
			files: ['dist', 'CHANGELOG.md'],
			peerDependencies: { 'n8n-workflow': '*' },
			n8n: {
				n8nNodesApiVersion: 1,
				credentials: ['dist/credentials/CopernicaApi.credentials.js'],
				nodes: ['dist/nodes/Copernica/Copernica.node.js', 'dist/nodes/CopernicaTrigger/CopernicaTrigger.node.js'],
			},
		});
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.dependencies).toBeUndefined();
		expect(packageJson.overrides).toBeUndefined();
		expect(packageJson.engines.node).toMatch(/^>=/);
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish']) {
			expect(packageJson.scripts[script]).toBeUndefined();
		}
	});

	it('points at files the build produced', () => {
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(fs.existsSync(path.join(PROJECT_ROOT, file))).toBe(true);
		}
		for (const file of [
			'icons/copernica.svg',
			'icons/copernica.dark.svg',
			'nodes/Copernica/Copernica.node.json',
			'nodes/CopernicaTrigger/CopernicaTrigger.node.json',
			'nodes/CopernicaTrigger/__schema__/v1.0.0.json',
			'nodes/CopernicaTrigger/__schema__/v1.0.0/profileUpdated.json',
		]) {
			expect(fs.existsSync(path.join(PROJECT_ROOT, 'dist', file))).toBe(true);
		}
	});
});

describe('node and credential sources', () => {
	const sources = ['nodes', 'credentials'].flatMap((folder) => filesUnder(path.join(PROJECT_ROOT, folder)));

	it('import only n8n-workflow and node:crypto (both on n8n Cloud\'s allow-list): HTTP goes through n8n\'s helpers', () => {
		const imports = sources
			.filter((file) => file.endsWith('.ts'))
			.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]));
		const external = [...new Set(imports.filter((name) => !name.startsWith('.')))];
		// node:crypto: the credential fingerprints which token a REST v4 JWT was issued for.
		expect(external.sort()).toEqual(['n8n-workflow', 'node:crypto']);
	});

	it.each([
		['Copernica', 'copernica'],
		['CopernicaTrigger', 'copernicaTrigger'],
	])('%s has a codex file in the Marketing category', (folder, name) => {
		const codex = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, `nodes/${folder}/${folder}.node.json`), 'utf8'));
		expect(codex).toMatchObject({ node: `n8n-nodes-copernica.${name}`, categories: ['Marketing'] });
	});
});

describe('n8n\'s community package scanner', () => {
	it('passes on the source and on the packed tarball, which holds only what users need', () => {
		const { status, result } = scan();
		expect(result.source).toEqual({ passed: true, message: null, details: null });
		expect(result.tarball).toEqual({ passed: true, message: null, details: null });
		expect(status).toBe(0);
		const outsideDist = result.tarballFiles.filter((file: string) => !file.startsWith('dist/'));
		expect(outsideDist).toEqual(['CHANGELOG.md', 'LICENSE.md', 'README.md', 'package.json']);
		expect(result.tarballFiles.filter((file: string) => /test|emulator|scripts/.test(file))).toEqual([]);
	});

	it('fails a package that breaks its rules (so the pass above means something)', () => {
		const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-bad-package-'));
		try {
			fs.writeFileSync(
				path.join(bad, 'package.json'),
				JSON.stringify({
					...packageJson,
					devDependencies: undefined,
					dependencies: { axios: '^1.0.0' },
					scripts: { postinstall: 'node x.js' },
				}),
			);
			fs.writeFileSync(path.join(bad, 'index.js'), "const axios = require('axios');\nsetTimeout(() => axios.get('x'), 1);\n");
			const { status, result } = scan(['--dir', bad]);
			expect(status).toBe(1);
			for (const rule of ['no-runtime-dependencies', 'no-forbidden-lifecycle-scripts', 'no-restricted-imports', 'no-restricted-globals']) {
				expect(result.details).toContain(rule);
			}
		} finally {
			fs.rmSync(bad, { recursive: true, force: true });
		}
	});
});

describe('npm pack', () => {
	it('--dry-run lists dist/, package.json, README, LICENSE and CHANGELOG only', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT_ROOT, encoding: 'utf8' }),
		);
		const files: string[] = packed.files.map((file: { path: string }) => file.path);
		expect(files.every((file) => file.startsWith('dist/') || ['CHANGELOG.md', 'LICENSE.md', 'README.md', 'package.json'].includes(file))).toBe(true);
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE.md', 'CHANGELOG.md', 'package.json']));
	});
});
