import { createServer } from 'node:http';
import type { Server } from 'node:http';

import { closeServer, listenOnLoopback } from './http';

/**
 * A DNS-over-HTTPS stand-in for the keys' DNS (copernica-webhooks.md §3.3 "published in DNS in
 * the same way as we publish DKIM keys"; §3.4.1 the JSON API of Google and Cloudflare):
 * `GET /resolve?name=<name>&type=TXT`. It answers the worse case a resolver may give: a CNAME
 * before the TXT record, and the TXT data as quoted strings of at most 255 bytes, as Cloudflare
 * shows a multi-string TXT record. An unknown name is NXDOMAIN (`Status` 3). It counts the
 * requests per name, so tests can see a trigger cache the key.
 */

const TXT = 16;
const CNAME = 5;
const TTL = 300;

/** `"part" "part"`: RFC 1035 character-strings of at most 255 bytes each. */
export function quotedChunks(data: string): string {
	const chunks: string[] = [];
	for (let start = 0; start < data.length; start += 255) chunks.push(`"${data.slice(start, start + 255)}"`);
	return chunks.join(' ');
}

function canonical(name: string): string {
	return name.toLowerCase().replace(/\.$/, '');
}

export class DohServer {
	private server: Server | undefined;
	private port = 0;
	/** Name → TXT data, unquoted. */
	private readonly records = new Map<string, string>();
	/** Requests per name asked (canonical: lower case, no final dot), since the last clearCounts(). */
	readonly requests = new Map<string, number>();

	publish(name: string, data: string): void {
		this.records.set(canonical(name), data);
	}

	unpublish(name: string): void {
		this.records.delete(canonical(name));
	}

	clearCounts(): void {
		this.requests.clear();
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}/resolve`;
	}

	async start(): Promise<void> {
		this.server = createServer((request, response) => {
			const url = new URL(request.url ?? '/', 'http://doh');
			const reply = (status: number, payload: unknown) => {
				response.writeHead(status, { 'Content-Type': 'application/dns-json' });
				response.end(JSON.stringify(payload));
			};
			if (url.pathname !== '/resolve') return reply(404, { Status: 2, Comment: 'Use /resolve' });
			const name = canonical(url.searchParams.get('name') ?? '');
			this.requests.set(name, (this.requests.get(name) ?? 0) + 1);
			const data = this.records.get(name);
			if (data === undefined) return reply(200, { Status: 3, Question: [{ name: `${name}.`, type: TXT }] });
			const type = (url.searchParams.get('type') ?? 'A').toUpperCase();
			const target = `${name.split('.')[0]}.keys.dkim.copernica.com.`;
			const cname = { name: `${name}.`, type: CNAME, TTL, data: target };
			const answer = type === 'TXT' || type === String(TXT) ? [cname, { name: target, type: TXT, TTL, data: quotedChunks(data) }] : [cname];
			reply(200, { Status: 0, TC: false, RD: true, RA: true, AD: false, CD: false, Question: [{ name: `${name}.`, type: TXT }], Answer: answer });
		});
		this.port = await listenOnLoopback(this.server);
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		await closeServer(this.server);
		this.server = undefined;
	}
}
