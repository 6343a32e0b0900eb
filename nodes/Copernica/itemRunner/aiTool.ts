import type { IExecuteFunctions } from 'n8n-workflow';

/** Per node run: n8n's getNode() deep-copies the node each call, which cost 30 µs an item. */
const known = new WeakMap<object, boolean>();

/**
 * Whether this run is an AI agent calling the node as a tool. n8n runs a `usableAsTool` node as
 * a copy of its type named `<name>Tool` (n8n's `createAiTools`, n8n-conventions.md §3), so the
 * node's type says it.
 */
export function runsAsAiTool(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	let asTool = known.get(context);
	if (asTool === undefined) {
		asTool = context.getNode().type.endsWith('Tool');
		known.set(context, asTool);
	}
	return asTool;
}
