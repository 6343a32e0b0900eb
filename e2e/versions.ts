/**
 * The real n8n versions the end-to-end suite installs and runs, each with why it is here.
 * `newestRelease.e2e.ts` tries every release newer than the last one on each run and says which
 * would install: to move to it, add it here (or replace the last entry), set `node` from
 * `npm view n8n@<version> engines`, and run `npm run e2e:setup`.
 */
export interface N8nVersion {
	version: string;
	/** Why the suite runs this release. */
	why: string;
	/** Node.js major to run it with: `system` is the machine's own Node.js (20). */
	node: 'system' | '24';
	/** n8n-nodes-base before 2.10 fetches xlsx from cdn.sheetjs.com, which is out of reach: pin it from npm. */
	xlsxOverride: boolean;
}

export const N8N_VERSIONS: N8nVersion[] = [
	{
		version: '1.85.3',
		why: 'The oldest the README claims: NodeConnectionTypes came in 1.83, tool use for community nodes in 1.85, and 1.85.3 is the oldest 1.85 the registry serves.',
		node: 'system',
		xlsxOverride: true,
	},
	{
		version: '2.41.1',
		why: 'The newest release that installs from the registry (2026-12-01): 2.41.3, the only later one, fails to resolve @n8n/agents@0.26.2 (ETARGET), newestRelease.e2e.ts says so on each run. Moved from 2.40.7, which the suite ran before.',
		node: '24',
		xlsxOverride: false,
	},
];

/** Node.js 24 from the npm registry (the `node` package's platform binary), for n8n ≥ 2.10. */
export const NODE_24 = '24.21.0';

export const NEWEST = N8N_VERSIONS[N8N_VERSIONS.length - 1];
