import * as fs from 'node:fs';
import * as path from 'node:path';

import { actionlint } from './actionlint';
import { ciProblems, publishProblems, readProjectFacts, tagMatches } from './workflowRules';

/**
 * The GitHub Actions workflows, checked twice: by actionlint (GitHub's syntax and semantics)
 * and by the project's own rules (workflowRules.ts). Broken copies show that both fail.
 */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const workflows = path.join(PROJECT_ROOT, '.github', 'workflows');
const ci = fs.readFileSync(path.join(workflows, 'ci.yml'), 'utf8');
const publish = fs.readFileSync(path.join(workflows, 'publish.yml'), 'utf8');
const facts = readProjectFacts(PROJECT_ROOT);
const version: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;

/** A copy of `text` with `from` replaced by `to`; fails when `from` is not there (the test would prove nothing). */
function broken(text: string, from: string | RegExp, to: string): string {
	const result = text.replace(from, to);
	expect(result).not.toBe(text);
	return result;
}

describe('actionlint', () => {
	it.each([
		['ci.yml', ci],
		['publish.yml', publish],
	])('finds nothing in %s', async (file, text) => {
		expect(await actionlint(text, file)).toEqual([]);
	});

	it.each([
		['a step with both uses and run', ci, '      - uses: actions/checkout@v4\n', '      - uses: actions/checkout@v4\n        run: echo\n', 'syntax-check'],
		['an unknown permission value', publish, '      id-token: write\n', '      id-token: writ\n', 'permissions'],
		['an undefined matrix property', ci, 'node:${{ matrix.node-version }}', 'node:${{ matrix.node }}', 'expression'],
		['untrusted input in a script', ci, 'run: bash .ci/run', 'run: echo "${{ github.event.pull_request.title }}"', 'expression'],
		['a misspelt key', publish, 'runs-on: ubuntu-latest', 'runs_on: ubuntu-latest', 'syntax-check'],
		['a duplicated key', publish, '    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    RUNS-ON: ubuntu-22.04\n', 'syntax-check'],
		['a tab in the indentation (not YAML)', publish, /\n {6}- uses: actions\/checkout@v4/, '\n\t- uses: actions/checkout@v4', 'aborted'],
	])('fails a copy with %s', async (_what, text, from, to, kind) => {
		const problems = await actionlint(broken(text, from, to), 'broken.yml');
		expect(problems.join('\n')).toContain(kind);
	});
});

describe("the project's workflow rules", () => {
	it('pass ci.yml: pull requests and pushes to main, Node.js 20 and 24, .ci/run, read-only, no secrets', () => {
		expect(ciProblems(ci, facts)).toEqual([]);
	});

	it("pass publish.yml: n8n's node-cli template, a version tag, id-token: write, npm ci, npm run release", () => {
		expect(publishProblems(publish, facts, version)).toEqual([]);
		expect(tagMatches(['*.*.*'], version)).toBe(true);
	});

	it('read what CI runs: .ci/run exists and its npm scripts are in package.json', () => {
		expect(facts.files['.ci/run']).toContain('npm test');
		expect(facts.files['.ci/run']).toContain('npm run release:dry-run');
	});

	it.each([
		['no Node.js 24', 'node-version: [20, 24]', 'node-version: [20, 22]', 'Node.js 24 not in the matrix'],
		['no pull requests', '  pull_request:\n', '', 'not run on pull requests'],
		['id-token: write', 'permissions:\n  contents: read', 'permissions:\n  contents: read\n  id-token: write', 'id-token: write outside publish.yml'],
		['a publish', 'run: bash .ci/run', 'run: npm run release', 'CI publishes'],
		['a missing script', 'run: bash .ci/run', 'run: npm run tests', 'npm run tests: no such script in package.json'],
		['an unpinned action', 'actions/checkout@v4', 'actions/checkout@main', 'action not pinned to a version (actions/checkout@main)'],
		['an action with no version', 'actions/checkout@v4', 'actions/checkout', 'action not pinned to a version (actions/checkout)'],
		['.ci/run not run', 'run: bash .ci/run', 'run: npm test', 'does not run .ci/run'],
		['a matrix not used', 'image: node:${{ matrix.node-version }}-bookworm', 'image: node:20-bookworm', "the matrix's Node.js version is not used"],
		['pull_request_target', '  pull_request:\n', '  pull_request_target:\n', 'pull_request_target'],
		['broken YAML', 'jobs:\n', 'jobs:\n  - [\n', 'YAML:'],
	])('fail a ci.yml with %s', (_what, from, to, problem) => {
		expect(ciProblems(broken(ci, from, to), facts).join('\n')).toContain(problem);
	});

	it.each([
		['a branch trigger', "      - '*.*.*'\n", "      - '*.*.*'\n    branches:\n      - main\n", 'push is not limited to tags'],
		['a pull request trigger', 'on:\n', 'on:\n  pull_request:\n', 'not only by a tag push'],
		['tags the version does not match', "'*.*.*'", "'v*.*.*'", `the tag ${version} (package.json's version) does not start it`],
		['no id-token: write', '      id-token: write\n', '', 'id-token: write is missing'],
		['more permissions', '      contents: read\n', '      contents: write\n      packages: write\n', 'more permissions than needed (packages)'],
		['no npm run release', /^ {10}npm run release$/m, '          npm publish --provenance', 'no npm run release'],
		['no npm ci', 'run: npm ci --ignore-scripts', 'run: npm install', 'no npm ci'],
		['Node.js 20', "node-version: 'lts/*'", 'node-version: 20', 'ships an npm too old for trusted publishing'],
		['no registry-url', "          registry-url: 'https://registry.npmjs.org'\n", '', "registry-url is not npm's registry"],
		['a secret in the script', '"$NPM_TOKEN"\n', '"${{ secrets.NPM_TOKEN }}"\n', 'a secret expanded into the script'],
		['a secret echoed', '          npm run release\n', '          echo "token: $NPM_TOKEN"\n          npm run release\n', 'prints the secret NPM_TOKEN'],
		['set -x', '        run: |\n          [ -n', '        run: |\n          set -x\n          [ -n', 'set -x traces a secret'],
		['no NPM_TOKEN offered', 'NPM_TOKEN: ${{ secrets.NPM_TOKEN }}', 'NPM_TOKEN: ""', 'does not offer the NPM_TOKEN secret'],
		['an unpinned action', 'actions/setup-node@v4', 'actions/setup-node@master', 'action not pinned to a version'],
	])('fail a publish.yml with %s', (_what, from, to, problem) => {
		expect(publishProblems(broken(publish, from, to), facts, version).join('\n')).toContain(problem);
	});

	it('fail a publish.yml when package.json no longer releases through n8n-node', () => {
		const scripts = { ...facts.scripts, release: 'npm publish' };
		expect(publishProblems(publish, { ...facts, scripts }, version)).toContain('package.json: release is not n8n-node release');
	});

	it("match tags as GitHub's filter does", () => {
		expect(tagMatches(['*.*.*'], '0.2.0-rc.1')).toBe(true);
		expect(tagMatches(['*.*.*'], 'v0.2.0')).toBe(true);
		expect(tagMatches(['v*.*.*'], '0.2.0')).toBe(false);
		expect(tagMatches(['*.*.*'], 'latest')).toBe(false);
	});
});
