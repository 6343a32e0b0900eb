/**
 * The real n8n versions the end-to-end suite installs and runs. The oldest is the oldest the
 * README claims (1.85: NodeConnectionTypes arrived in 1.83, tool use for community nodes in 1.85,
 * and 1.85.3 is the oldest such release the registry serves); the newest is the newest that
 * installs (2.41.x fails to resolve a dependency).
 */
export interface N8nVersion {
	version: string;
	/** Node.js major to run it with: `system` is the machine's own Node.js (20). */
	node: 'system' | '24';
	/** n8n-nodes-base before 2.10 fetches xlsx from cdn.sheetjs.com, which is out of reach: pin it from npm. */
	xlsxOverride: boolean;
}

export const N8N_VERSIONS: N8nVersion[] = [
	{ version: '1.85.3', node: 'system', xlsxOverride: true },
	{ version: '2.40.7', node: '24', xlsxOverride: false },
];

/** Node.js 24 from the npm registry (the `node` package's platform binary), for n8n ≥ 2.10. */
export const NODE_24 = '24.21.0';

export const NEWEST = N8N_VERSIONS[N8N_VERSIONS.length - 1];
