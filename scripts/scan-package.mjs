/**
 * n8n's community-package scanner, run locally. The published scanner only checks packages on
 * npm (provenance first); its analyzePackage is the same lint, so it runs here on the two
 * things the scanner reads: the source (package.json, nodes/, credentials/) and the packed
 * tarball as npm would publish it. Prints one JSON object; exits 1 when either leg fails.
 *
 *   node scripts/scan-package.mjs              (after npm run build)
 *   node scripts/scan-package.mjs --dir DIR    (the tarball leg on an unpacked package in DIR)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dirFlag = process.argv.indexOf('--dir');

if (dirFlag !== -1) {
	const result = await analyzePackage(resolve(process.argv[dirFlag + 1]), ['**/*.js', 'package.json']);
	process.stdout.write(`${JSON.stringify({ passed: result.passed, details: result.details ?? null })}\n`);
	process.exit(result.passed ? 0 : 1);
}

const work = mkdtempSync(join(tmpdir(), 'copernica-scan-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

try {
	const [packed] = JSON.parse(
		execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	);
	const unpacked = join(work, 'unpacked');
	execFileSync('mkdir', ['-p', unpacked]);
	execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', unpacked, '--strip-components=1']);

	const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
	const tarball = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
	const summary = {
		source: { passed: source.passed, message: source.message ?? null, details: source.details ?? null },
		tarball: { passed: tarball.passed, message: tarball.message ?? null, details: tarball.details ?? null },
		tarballFiles: packed.files.map((file) => file.path).sort(),
		unpackedTopLevel: readdirSync(unpacked).sort(),
	};
	process.stdout.write(`${JSON.stringify(summary)}\n`);
	process.exitCode = source.passed && tarball.passed ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
