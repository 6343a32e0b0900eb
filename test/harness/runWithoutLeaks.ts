import { inspect } from 'node:util';

import { captureOutput } from './captureOutput';
import type { NodeRun, NodeRunOptions } from './engine';
import { runCopernicaNode } from './engine';
import { n8nLogSince, n8nLogSize } from './n8nLog';

/**
 * The ways a secret could show up in text: as itself, URL- and form-encoded (upper- and
 * lower-case hex), JSON-escaped (also PHP's `\/`), in base64, and cut short (its first,
 * middle or last twelve characters, as a summary that truncates a page would leave them).
 */
export function encodingsOf(secret: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	const uri = encodeURIComponent(secret);
	const pieces =
		secret.length >= 24
			? [secret.slice(0, 12), secret.slice(Math.floor(secret.length / 2) - 6, Math.floor(secret.length / 2) + 6), secret.slice(-12)]
			: [];
	return [
		...new Set([
			secret,
			uri,
			uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
			new URLSearchParams({ x: secret }).toString().slice(2),
			encodeURIComponent(uri),
			json,
			json.replace(/\//g, '\\/'),
			Buffer.from(secret).toString('base64'),
			Buffer.from(secret).toString('base64url'),
			...pieces,
		]),
	];
}

/** Fails the test if any encoding of any of the secrets is in the text; says which, not the secret. */
export function expectNoSecrets(text: string, secrets: readonly string[]): void {
	for (const [index, secret] of secrets.filter((value) => value !== '').entries()) {
		for (const [way, encoded] of encodingsOf(secret).entries()) {
			if (text.includes(encoded)) throw new Error(`Secret ${index} leaked (encoding ${way}) at: ${text.slice(Math.max(0, text.indexOf(encoded) - 80), text.indexOf(encoded))}…`);
		}
	}
}

export interface CheckedRun extends NodeRun {
	/** What the run printed and what n8n logged during it. */
	logged: string;
}

/**
 * Runs the node and proves none of `secrets` (the tokens in play), in any encoding, appears in the run data, the
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
	expectNoSecrets(everything, checked);
	return { ...result, logged };
}
