import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether this run is an AI agent calling the node as a tool. n8n runs a `usableAsTool` node as
 * a copy of its type named `<name>Tool` (n8n's `createAiTools`, n8n-conventions.md §3), so the
 * node's type says it.
 */
export function runsAsAiTool(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return context.getNode().type.endsWith('Tool');
}
