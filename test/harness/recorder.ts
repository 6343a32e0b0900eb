import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What reached the recorder: enough to tell which credential was sent where. */
export interface RecordedRequest {
	method: string;
	url: string;
	authorization?: string;
}

/**
 * A loopback server that is not Copernica: it answers every request with 401 and remembers what
 * it was sent, so a test can prove a secret never reached it (another host after a redirect, or a
 * base URL the user switched to).
 */
export class Recorder {
	readonly requests: RecordedRequest[] = [];
	private server: Server | undefined;

	async start(): Promise<string> {
		this.server = createServer((request, response) => {
			this.requests.push({ method: request.method ?? 'GET', url: request.url ?? '/', authorization: request.headers.authorization });
			request.resume();
			response.writeHead(401, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ error: { message: 'Not Copernica' } }));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return this.origin;
	}

	get origin(): string {
		return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}
}
