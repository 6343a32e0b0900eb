import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { PROJECT_ROOT } from '../test/harness/nodePackage';
import { NEWEST, N8N_VERSIONS } from './versions';

/**
 * Whether a newer n8n than the suite's newest would install: every release newer by version
 * number is resolved from the registry (`npm install --package-lock-only`, nothing downloaded
 * or run), and the result is reported, in the test output and in `.tmp/newest-n8n.json`. A
 * release that cannot be installed does not fail the suite (the registry is not ours to fix);
 * the suite's own list being newer than the registry, or unreadable answers, do.
 */
const run = promisify(execFile);
const RESOLVE_TIMEOUT_MS = 4 * 60 * 1000;
/** Enough to see the next release or two; 3.x publishes no runnable `n8n` (n8n-release-and-scaling.md §1.2). */
const MAX_TRIED = 3;

function parts(version: string): number[] {
	return version.split('.').map((part) => Number(part));
}

function newer(a: string, b: string): boolean {
	const [x, y] = [parts(a), parts(b)];
	for (let index = 0; index < 3; index++) if (x[index] !== y[index]) return x[index] > y[index];
	return false;
}

interface Tried {
	version: string;
	installs: boolean;
	reason?: string;
}

async function resolves(version: string): Promise<Tried> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-newest-n8n-'));
	try {
		fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', private: true }));
		await run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${version}`], {
			cwd: folder,
			timeout: RESOLVE_TIMEOUT_MS,
		});
		return { version, installs: true };
	} catch (error) {
		const output = `${(error as { stderr?: string }).stderr ?? ''}`;
		const reason =
			/npm error notarget (No matching version .*)/.exec(output)?.[1] ?? /npm error (code .*)/.exec(output)?.[1] ?? (error as Error).message.split('\n')[0];
		return { version, installs: false, reason };
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

describe('the newest n8n release', () => {
	it('is tried: releases newer than the suite\'s newest are resolved from the registry and reported', async () => {
		const { stdout } = await run('npm', ['view', 'n8n', 'versions', '--json'], { timeout: 60_000 });
		const versions = (JSON.parse(stdout) as string[]).filter((version) => /^\d+\.\d+\.\d+$/.test(version));
		expect(versions.length).toBeGreaterThan(10);
		// The suite's releases are the registry's: none newer, each listed with why.
		for (const target of N8N_VERSIONS) {
			expect(versions).toContain(target.version);
			expect(target.why.length).toBeGreaterThan(20);
		}
		const candidates = versions.filter((version) => newer(version, NEWEST.version)).sort((a, b) => (newer(a, b) ? -1 : 1));
		const tried: Tried[] = [];
		for (const version of candidates.slice(0, MAX_TRIED)) tried.push(await resolves(version));
		const report = { suiteNewest: NEWEST.version, newerReleases: candidates, tried };
		fs.mkdirSync(path.join(PROJECT_ROOT, '.tmp'), { recursive: true });
		fs.writeFileSync(path.join(PROJECT_ROOT, '.tmp', 'newest-n8n.json'), `${JSON.stringify(report, null, 2)}\n`);
		const installable = tried.filter((entry) => entry.installs).map((entry) => entry.version);
		process.stdout.write(
			`[newest n8n] the suite runs ${NEWEST.version}; newer: ${candidates.join(', ') || 'none'}; ${tried
				.map((entry) => `${entry.version} ${entry.installs ? 'installs' : `does not install (${entry.reason})`}`)
				.join('; ')}${installable.length > 0 ? `. Move to ${installable[0]}: add it to e2e/versions.ts.` : ''}\n`,
		);
		for (const entry of tried) expect(entry.installs || (entry.reason ?? '').length > 0).toBe(true);
	}, MAX_TRIED * RESOLVE_TIMEOUT_MS + 120_000);
});
