import * as fs from 'node:fs';

/** What n8n's logger has written so far in this worker (see environment.ts). */
export function n8nLogSize(): number {
	const file = process.env.N8N_LOG_FILE_LOCATION!;
	return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

/**
 * What n8n logged since `from` (a size from n8nLogSize). The logger writes asynchronously: wait
 * until the file has grown and then stopped growing for 100 ms (at most 2 s; 1 s when it does not
 * grow at all), not a fixed time, which a busy machine outlasts: a line not yet written is a leak
 * not checked. Each run logs n8n's own debug lines, so it grows.
 */
export async function n8nLogSince(from: number): Promise<string> {
	const file = process.env.N8N_LOG_FILE_LOCATION!;
	const pause = async () => await new Promise((resolve) => setTimeout(resolve, 50));
	const started = Date.now();
	let size = -1;
	for (let unchanged = 0; unchanged < 2; ) {
		await pause();
		const now = n8nLogSize();
		const waited = Date.now() - started;
		if (waited > 2000 || (now <= from && waited > 1000)) break;
		unchanged = now === size && now > from ? unchanged + 1 : 0;
		size = now;
	}
	if (!fs.existsSync(file)) return '';
	return fs.readFileSync(file).subarray(from).toString('utf8');
}
