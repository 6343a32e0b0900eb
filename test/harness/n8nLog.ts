import * as fs from 'node:fs';

/** What n8n's logger has written so far in this worker (see environment.ts). */
export function n8nLogSize(): number {
	const file = process.env.N8N_LOG_FILE_LOCATION!;
	return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

/** What n8n logged since `from` (a size from n8nLogSize). The logger writes asynchronously: wait for it. */
export async function n8nLogSince(from: number): Promise<string> {
	const file = process.env.N8N_LOG_FILE_LOCATION!;
	await new Promise((resolve) => setTimeout(resolve, 50));
	if (!fs.existsSync(file)) return '';
	return fs.readFileSync(file).subarray(from).toString('utf8');
}
