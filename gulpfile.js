/**
 * Build: clean dist/, compile the TypeScript, copy what tsc does not (icons, codex files,
 * output schemas),
 * then check that everything package.json and the node descriptions point at is in dist/.
 * A missing icon or codex file does not fail tsc, but it breaks the node inside n8n.
 */
const { dest, series, src } = require('gulp');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const DIST = 'dist';
const STATIC_FILES = [
	'icons/**/*.{svg,png}',
	'nodes/**/*.{svg,png}',
	'credentials/**/*.{svg,png}',
	'nodes/**/*.node.json',
	// Output schemas: n8n 2.x shows them in the editor before the node has run.
	'nodes/**/__schema__/**/*.json',
];

function clean(done) {
	fs.rmSync(DIST, { recursive: true, force: true });
	fs.rmSync('tsconfig.tsbuildinfo', { force: true });
	done();
}

function compile(done) {
	const tsc = require.resolve('typescript/bin/tsc');
	const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
	done(run.status === 0 ? undefined : new Error(`tsc failed with exit code ${run.status}`));
}

function copyStatic() {
	return src(STATIC_FILES, { base: '.', encoding: false }).pipe(dest(DIST));
}

/**
 * The Copernica node's version 1.1 outputs what version 1 does (its Output choice Simplified is
 * version 1's Simplify, Selected Fields a part of it), and n8n's editor looks schemas up by the
 * exact version: the 1.0.0 schemas serve 1.1.0 as well.
 */
const SCHEMA_VERSIONS = { 'nodes/Copernica/__schema__/v1.0.0': ['v1.1.0'] };

function copySchemaVersions() {
	return Promise.all(
		Object.entries(SCHEMA_VERSIONS).flatMap(([from, versions]) =>
			versions.map(
				(version) =>
					new Promise((resolve, reject) => {
						src(`${from}/**/*.json`, { base: from })
							.pipe(dest(path.join(DIST, path.dirname(from), version)))
							.on('finish', resolve)
							.on('error', reject);
					}),
			),
		),
	);
}

function filesUnder(folder) {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(folder, entry.name);
		return entry.isDirectory() ? filesUnder(full) : [full];
	});
}

function verify(done) {
	const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')).n8n;
	const missing = [...manifest.nodes, ...manifest.credentials].filter((file) => !fs.existsSync(file));
	for (const node of manifest.nodes) {
		const codex = node.replace(/\.js$/, '.json');
		if (!fs.existsSync(codex)) missing.push(codex);
	}
	for (const file of filesUnder(DIST).filter((name) => name.endsWith('.js'))) {
		const code = fs.readFileSync(file, 'utf8');
		for (const [, icon] of code.matchAll(/'file:([^']+)'/g)) {
			const target = path.join(path.dirname(file), icon);
			if (!fs.existsSync(target)) missing.push(`${target} (icon of ${file})`);
		}
	}
	done(missing.length === 0 ? undefined : new Error(`dist/ lacks: ${missing.join(', ')}`));
}

exports.clean = clean;
exports.build = series(clean, compile, copyStatic, copySchemaVersions, verify);
exports.default = exports.build;
