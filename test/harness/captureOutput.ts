import { format } from 'node:util';

/**
 * Everything a run writes to stdout, stderr or the console (n8n's logger included), so tests
 * can prove the access token never reaches a log line.
 */
export async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
	const chunks: string[] = [];
	const stdoutWrite = process.stdout.write.bind(process.stdout);
	const stderrWrite = process.stderr.write.bind(process.stderr);
	const record = (chunk: unknown) => {
		chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
		return true;
	};
	process.stdout.write = record as typeof process.stdout.write;
	process.stderr.write = record as typeof process.stderr.write;
	const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const consoleMethods = methods.map((method) => [method, console[method]] as const);
	for (const method of methods) {
		console[method] = (...args: unknown[]) => {
			chunks.push(`${format(...args)}\n`);
		};
	}
	try {
		const result = await run();
		return { result, output: chunks.join('') };
	} finally {
		process.stdout.write = stdoutWrite;
		process.stderr.write = stderrWrite;
		for (const [method, original] of consoleMethods) console[method] = original;
	}
}
