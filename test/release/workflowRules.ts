import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/**
 * The project's own rules for its two GitHub Actions workflows, on top of actionlint's checks:
 * what CI runs and on which Node.js versions, that only publish.yml can publish or mint an OIDC
 * token, that every `npm run` names a script package.json has, that secrets are never printed
 * and that every action is pinned. Each rule returns the problems it finds; none means pass.
 */

type Mapping = Record<string, unknown>;

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Mapping;
	env?: Mapping;
}

export interface ProjectFacts {
	scripts: Record<string, string>;
	/** The text of the files a workflow may run with `bash <file>` (paths relative to the root). */
	files: Record<string, string>;
}

export function readProjectFacts(root: string): ProjectFacts {
	const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const ciRun = path.join(root, '.ci', 'run');
	return {
		scripts: packageJson.scripts,
		files: fs.existsSync(ciRun) ? { '.ci/run': fs.readFileSync(ciRun, 'utf8') } : {},
	};
}

function isMapping(value: unknown): value is Mapping {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapping(value: unknown): Mapping {
	return isMapping(value) ? value : {};
}

function jobsOf(workflow: Mapping): Array<[string, Mapping]> {
	return Object.entries(mapping(workflow.jobs)).map(([id, job]) => [id, mapping(job)]);
}

function stepsOf(job: Mapping): Step[] {
	return Array.isArray(job.steps) ? job.steps.filter(isMapping).map((step) => step as Step) : [];
}

function allSteps(workflow: Mapping): Step[] {
	return jobsOf(workflow).flatMap(([, job]) => stepsOf(job));
}

function runText(workflow: Mapping): string {
	return allSteps(workflow)
		.map((step) => (typeof step.run === 'string' ? step.run : ''))
		.join('\n');
}

/** Parses a workflow; a YAML error or a document that is not a mapping is a problem. */
export function parseWorkflow(text: string): { workflow: Mapping; problems: string[] } {
	try {
		const workflow = parse(text, { prettyErrors: true, uniqueKeys: true });
		return isMapping(workflow) ? { workflow, problems: [] } : { workflow: {}, problems: ['not a YAML mapping'] };
	} catch (error) {
		return { workflow: {}, problems: [`YAML: ${(error as Error).message.split('\n')[0]}`] };
	}
}

/** The rules both workflows follow. */
function commonProblems(workflow: Mapping, facts: ProjectFacts): string[] {
	const problems: string[] = [];
	if (typeof workflow.name !== 'string') problems.push('no workflow name');
	const jobs = jobsOf(workflow);
	if (jobs.length === 0) problems.push('no jobs');
	for (const [id, job] of jobs) {
		if (typeof job['runs-on'] !== 'string') problems.push(`job ${id}: no runs-on`);
		if (stepsOf(job).length === 0) problems.push(`job ${id}: no steps`);
	}
	const on = workflow.on;
	const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(mapping(on));
	if (triggers.includes('pull_request_target')) {
		problems.push('pull_request_target runs forks\' code with this repository\'s secrets');
	}
	if (workflow.permissions === 'write-all') problems.push('permissions: write-all');

	for (const step of allSteps(workflow)) {
		const label = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? '(a step)';
		// Pinned actions: a version tag (v4, v4.2.1) or a full commit SHA, never a branch or nothing.
		if (step.uses !== undefined && !/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(step.uses)) {
			problems.push(`${label}: action not pinned to a version (${step.uses})`);
		}
		if (step.uses !== undefined && step.run !== undefined) problems.push(`${label}: both uses and run`);
		if (step.uses === undefined && step.run === undefined) problems.push(`${label}: neither uses nor run`);
		if (typeof step.run !== 'string') continue;

		// Secrets reach a script only through env, and the script never prints them.
		if (/\$\{\{\s*secrets\./.test(step.run)) problems.push(`${label}: a secret expanded into the script (use env)`);
		const secretVars = Object.entries(step.env ?? {})
			.filter(([, value]) => typeof value === 'string' && /secrets\./.test(value))
			.map(([name]) => name);
		for (const line of step.run.split('\n')) {
			if (/^\s*set\s+-[a-z]*x/.test(line) && secretVars.length > 0) problems.push(`${label}: set -x traces a secret`);
			if (!/\b(echo|printf|cat|tee)\b/.test(line)) continue;
			for (const name of secretVars) {
				if (new RegExp(`\\$\\{?${name}\\b`).test(line)) problems.push(`${label}: prints the secret ${name}`);
			}
		}
	}

	// Every `npm run <script>` (in the workflow and in a file it runs with bash) is a script in package.json.
	const scriptsRun = [runText(workflow), ...bashFilesRun(workflow).map((file) => facts.files[file] ?? '')].join('\n');
	for (const match of scriptsRun.matchAll(/\bnpm run(?:-script)?\s+([\w:.-]+)/g)) {
		if (facts.scripts[match[1]] === undefined) problems.push(`npm run ${match[1]}: no such script in package.json`);
	}
	for (const file of bashFilesRun(workflow)) {
		if (facts.files[file] === undefined) problems.push(`bash ${file}: no such file`);
	}
	return problems;
}

function bashFilesRun(workflow: Mapping): string[] {
	return [...runText(workflow).matchAll(/\bbash\s+(\S+)/g)].map((match) => match[1].replace(/^\.\//, ''));
}

function publishes(text: string): boolean {
	return /\bnpm run release(?![:\w-])/.test(text) || /\bnpm publish\b(?![^\n]*--dry-run)/.test(text);
}

/** ci.yml: tests on pushes and pull requests, Node.js 20 and 24, what .ci/run runs, never a publish. */
export function ciProblems(text: string, facts: ProjectFacts): string[] {
	const { workflow, problems } = parseWorkflow(text);
	if (problems.length > 0) return problems;
	problems.push(...commonProblems(workflow, facts));

	const on = mapping(workflow.on);
	if (!('pull_request' in on)) problems.push('not run on pull requests');
	const pushBranches = mapping(on.push).branches;
	if (!('push' in on) || (Array.isArray(pushBranches) && !pushBranches.includes('main'))) {
		problems.push('not run on pushes to main');
	}

	const jobs = jobsOf(workflow);
	const versions = jobs.flatMap(([, job]) => {
		const matrix = mapping(mapping(job.strategy).matrix)['node-version'];
		return Array.isArray(matrix) ? matrix.map(String) : [];
	});
	for (const version of ['20', '24']) {
		if (!versions.includes(version)) problems.push(`Node.js ${version} not in the matrix`);
	}
	for (const [id, job] of jobs) {
		// The matrix must reach Node.js: through setup-node or the container image.
		const image = String(mapping(job.container).image ?? job.container ?? '');
		const setupNode = stepsOf(job).find((step) => step.uses?.startsWith('actions/setup-node@'));
		const used = `${image} ${String(setupNode?.with?.['node-version'] ?? '')}`;
		if (!used.includes('matrix.node-version')) problems.push(`job ${id}: the matrix's Node.js version is not used`);
		if (!stepsOf(job).some((step) => step.uses?.startsWith('actions/checkout@'))) problems.push(`job ${id}: no checkout`);
	}
	if (!bashFilesRun(workflow).includes('.ci/run')) problems.push('does not run .ci/run');

	if (!isMapping(workflow.permissions) || workflow.permissions.contents !== 'read') {
		problems.push('permissions: contents: read is not set');
	}
	const permissions = [workflow.permissions, ...jobs.map(([, job]) => job.permissions)].map(mapping);
	if (permissions.some((granted) => granted['id-token'] === 'write')) problems.push('id-token: write outside publish.yml');
	if (permissions.some((granted) => Object.values(granted).includes('write'))) problems.push('CI needs no write permission');
	if (/\$\{\{\s*secrets\./.test(text)) problems.push('CI uses a secret');
	const ranByCi = [runText(workflow), ...bashFilesRun(workflow).map((file) => facts.files[file] ?? '')].join('\n');
	if (publishes(ranByCi)) problems.push('CI publishes (npm run release publishes inside GitHub Actions)');
	return problems;
}

/** Whether a tag name matches one of GitHub's tag filter patterns (*, **, ?, literal characters). */
export function tagMatches(patterns: string[], tag: string): boolean {
	return patterns.some((pattern) => {
		const source = pattern
			.split('')
			.map((char, index, chars) => {
				if (char === '*') return chars[index + 1] === '*' || chars[index - 1] === '*' ? '.*' : '[^/]*';
				if (char === '?') return '.';
				return char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
			})
			.join('');
		return new RegExp(`^${source}$`).test(tag);
	});
}

/** publish.yml: n8n's node-cli template (tag push, OIDC, npm ci, npm run release) and nothing broader. */
export function publishProblems(text: string, facts: ProjectFacts, version: string): string[] {
	const { workflow, problems } = parseWorkflow(text);
	if (problems.length > 0) return problems;
	problems.push(...commonProblems(workflow, facts));

	const on = mapping(workflow.on);
	const triggers = Object.keys(on);
	if (triggers.join() !== 'push') problems.push(`triggered by ${triggers.join(', ') || 'nothing'}, not only by a tag push`);
	const push = mapping(on.push);
	const tags = Array.isArray(push.tags) ? push.tags.map(String) : [];
	if (tags.length === 0 || push.branches !== undefined) problems.push('push is not limited to tags');
	if (!tagMatches(tags, version)) problems.push(`the tag ${version} (package.json's version) does not start it`);
	if (tagMatches(tags, 'main') || tagMatches(tags, 'latest')) problems.push('tags that are not versions start it');

	if (workflow.permissions !== undefined && JSON.stringify(workflow.permissions) !== '{}') {
		problems.push('workflow-level permissions: grant them on the publish job only');
	}
	const jobs = jobsOf(workflow);
	if (jobs.length !== 1) problems.push('not exactly one job');
	for (const [id, job] of jobs) {
		const granted = mapping(job.permissions);
		if (granted['id-token'] !== 'write') problems.push(`job ${id}: id-token: write is missing (provenance)`);
		if (granted.contents !== 'read') problems.push(`job ${id}: contents: read is missing`);
		const extra = Object.keys(granted).filter((scope) => !['id-token', 'contents'].includes(scope));
		if (extra.length > 0) problems.push(`job ${id}: more permissions than needed (${extra.join(', ')})`);

		const steps = stepsOf(job);
		const at = (test: (step: Step) => boolean) => steps.findIndex(test);
		const checkout = at((step) => step.uses?.startsWith('actions/checkout@') === true);
		const setupNode = at((step) => step.uses?.startsWith('actions/setup-node@') === true);
		const install = at((step) => /^\s*npm ci\b/m.test(step.run ?? ''));
		const release = at((step) => /^\s*npm run release\s*$/m.test(step.run ?? ''));
		if (checkout < 0) problems.push(`job ${id}: no checkout`);
		if (setupNode < 0) problems.push(`job ${id}: no actions/setup-node`);
		if (install < 0) problems.push(`job ${id}: no npm ci`);
		if (release < 0) problems.push(`job ${id}: no npm run release`);
		if (!(checkout < setupNode && setupNode < install && install < release)) {
			problems.push(`job ${id}: steps not in the order checkout, setup-node, npm ci, npm run release`);
		}
		const node = mapping(steps[setupNode]?.with);
		const nodeVersion = String(node['node-version'] ?? '');
		// Trusted publishing needs npm 11.5.1 or later: Node.js 24 (lts/*) ships it.
		if (nodeVersion !== 'lts/*' && !(Number.parseInt(nodeVersion, 10) >= 24)) {
			problems.push(`job ${id}: Node.js ${nodeVersion || '(none)'} ships an npm too old for trusted publishing`);
		}
		if (node['registry-url'] !== 'https://registry.npmjs.org') problems.push(`job ${id}: registry-url is not npm's registry`);
		if (release >= 0 && steps[release].env?.NPM_TOKEN !== '${{ secrets.NPM_TOKEN }}') {
			problems.push(`job ${id}: the release step does not offer the NPM_TOKEN secret (first release)`);
		}
	}
	if (/\bnpm publish\b/.test(runText(workflow))) problems.push('npm publish called directly (n8n-node release adds provenance and RELEASE_MODE)');
	if (facts.scripts.release !== 'n8n-node release') problems.push('package.json: release is not n8n-node release');
	if (facts.scripts.prepublishOnly !== 'n8n-node prerelease') problems.push('package.json: prepublishOnly is not n8n-node prerelease');
	return problems;
}
