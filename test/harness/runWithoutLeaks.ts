import { inspect } from 'node:util';

import { captureOutput } from './captureOutput';
import type { NodeRun, NodeRunOptions } from './engine';
import { runCopernicaNode } from './engine';
import { n8nLogSince, n8nLogSize } from './n8nLog';

export interface CheckedRun extends NodeRun {
	/** What the run printed and what n8n logged during it. */
	logged: string;
}

/**
 * Runs the node and proves none of `secrets` (the tokens in play) appears in the run data, the
 * output, the error (message, description, stack, every property), the console or n8n's log.
 * `secrets` may be a function, read after the run: a REST v4 JWT exists only once it was fetched.
 */
export async function runWithoutLeaks(
	options: NodeRunOptions,
	secrets: readonly string[] | (() => readonly string[]),
): Promise<CheckedRun> {
	const logStart = n8nLogSize();
	const { result, output: printed } = await captureOutput(() => runCopernicaNode(options));
	const logged = `${printed}${await n8nLogSince(logStart)}`;
	const everything = [
		JSON.stringify(result.run),
		JSON.stringify(result.output),
		inspect(result.error, { depth: 12 }),
		String(result.error?.stack),
		String(result.error?.description),
		logged,
	].join('\n');
	const checked = typeof secrets === 'function' ? secrets() : secrets;
	for (const secret of checked.filter((value) => value !== '')) expect(everything).not.toContain(secret);
	return { ...result, logged };
}
