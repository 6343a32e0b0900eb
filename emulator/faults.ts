import type { ServerResponse } from 'node:http';

/**
 * Faults beyond a canned answer or a dropped connection: lists that page wrongly and answers
 * that trickle in. Copernica documents neither (copernica-api.md §3.2 documents paging as it
 * should work, §4.3 the outages integrators saw: "Empty reply from server" on very large GETs,
 * and answers slow enough that clients use 30–180 s timeouts), so these model the worse case a
 * client must survive: paging that never ends on its own, and a body that never quite arrives.
 */

export interface ListFaults {
	/**
	 * Answer every page from offset 0, whatever `start` asks, while echoing the `start` asked:
	 * the same page forever (§3.2 says `start` is an offset; this server forgets it).
	 */
	pageIgnoresStart?: boolean;
	/**
	 * Report this `total` instead of the real one: a list that lies about its size (§3.2 "more
	 * data while start + count < total"); null leaves `total` out, as `total=false` does (§3.1).
	 */
	pageTotal?: number | null;
	/** Serve at most this many entries a page, while echoing the `limit` asked (§3.2: hosts differ in the largest page). */
	pageLimit?: number;
}

export interface TrickleFault {
	/**
	 * Handle the request, send the status and headers at once, then the body one byte every this
	 * many milliseconds, until the client hangs up. An answer without a body gets a made-up one,
	 * and a 204 (which may carry none) is sent as 200.
	 */
	trickleMs?: number;
}

type QueryPairs = Array<[string, string]>;

/** The query a list is answered with under `fault`: `start` forgotten, `limit` capped. */
export function listQueryUnder(fault: ListFaults | undefined, query: QueryPairs): QueryPairs {
	if (!fault || (fault.pageIgnoresStart !== true && fault.pageLimit === undefined)) return query;
	const asked = Number(query.find(([key]) => key === 'limit')?.[1] ?? 100);
	return [
		...query.filter(([key]) => !(key === 'start' && fault.pageIgnoresStart === true) && !(key === 'limit' && fault.pageLimit !== undefined)),
		...(fault.pageLimit !== undefined ? ([['limit', String(Math.min(asked, fault.pageLimit))]] as QueryPairs) : []),
	];
}

interface PageShape {
	start?: unknown;
	limit?: unknown;
	total?: unknown;
	data?: unknown;
}

/** The page as `fault` answers it: the `start` and `limit` asked echoed, `total` replaced. */
export function listAnswerUnder(fault: ListFaults | undefined, body: unknown, query: QueryPairs): unknown {
	if (!fault || body === null || typeof body !== 'object' || !Array.isArray((body as PageShape).data)) return body;
	const page = { ...(body as PageShape) };
	const asked = (name: string) => query.find(([key]) => key === name)?.[1];
	if (fault.pageIgnoresStart === true && asked('start') !== undefined) page.start = Number(asked('start'));
	if (fault.pageLimit !== undefined && asked('limit') !== undefined) page.limit = Number(asked('limit'));
	if (fault.pageTotal === null) delete page.total;
	else if (fault.pageTotal !== undefined) page.total = fault.pageTotal;
	return page;
}

let trickling = 0;

/** Trickled answers still being written: 0 once every client that timed out has hung up. */
export function activeTrickles(): number {
	return trickling;
}

/** Writes `body` a byte at a time, `intervalMs` apart, stopping when the client is gone. */
export async function trickle(
	response: ServerResponse,
	status: number,
	headers: Record<string, string>,
	body: string | undefined,
	intervalMs: number,
): Promise<void> {
	const text = body ?? JSON.stringify({ padding: ' '.repeat(10_000) });
	response.writeHead(status === 204 ? 200 : status, { 'Content-Type': 'application/json', ...headers });
	response.flushHeaders();
	const bytes = Buffer.from(text, 'utf8');
	trickling++;
	try {
		for (let index = 0; index < bytes.length; index++) {
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
			if (response.destroyed || response.writableEnded || !response.socket || response.socket.destroyed) return;
			response.write(bytes.subarray(index, index + 1));
		}
		response.end();
	} finally {
		trickling--;
	}
}
