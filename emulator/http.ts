import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { PagedList } from './representation';
import { DEFAULT_LIMIT, page } from './representation';
import { isBooleanTrue } from './store';

/** The HTTP plumbing the emulator's routes share: query parsing, paging, ordering, bodies. */

export type Query = Array<[string, string]>;

export interface ApiRequest {
	method: string;
	segments: string[];
	query: Query;
	body: unknown;
}

export interface ApiResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Work to do after answering (async PUT). */
	after?: () => void;
}

/** PHP decoding, as Copernica's servers do it: `+` is a space, then percent-decoding. */
export function decodeComponent(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

export function parseQuery(raw: string): Query {
	if (raw === '') return [];
	return raw.split('&').map((pair) => {
		const equals = pair.indexOf('=');
		const key = equals === -1 ? pair : pair.slice(0, equals);
		const value = equals === -1 ? '' : pair.slice(equals + 1);
		return [decodeComponent(key), decodeComponent(value)];
	});
}

export function queryValue(query: Query, name: string): string | undefined {
	return query.find(([key]) => key === name)?.[1];
}

/** `fields[]=a&fields[1]=b` is an array; a plain `fields=a` is not (and Copernica ignores it). */
export function selectionOf(query: Query): string[] | undefined {
	const entries = query.filter(([key]) => /^fields\[\d*\]$/.test(key));
	if (entries.length > 0) return entries.map(([, value]) => value);
	return query.some(([key]) => key === 'fields') ? [] : undefined;
}

function numberParam(query: Query, name: string, fallback: number): number {
	const value = queryValue(query, name);
	if (value === undefined || value.trim() === '') return fallback;
	const number = Number.parseInt(value, 10);
	return Number.isNaN(number) ? fallback : number;
}

export function paged<T>(all: T[], query: Query): PagedList<T> {
	const total = queryValue(query, 'total');
	return page(
		all,
		numberParam(query, 'start', 0),
		numberParam(query, 'limit', DEFAULT_LIMIT),
		total === undefined ? true : isBooleanTrue(total),
	);
}

/** `orderby` (`id` or a field name) and `order` (`asc`, `desc`), as Copernica sorts its lists. */
export function ordered<T extends { ID: number; fields: Record<string, string> }>(entities: T[], query: Query): T[] {
	const orderBy = (queryValue(query, 'orderby') ?? 'id').toLowerCase();
	const descending = (queryValue(query, 'order') ?? 'asc').toLowerCase() === 'desc';
	return entities.sort((left, right) => {
		const a = orderBy === 'id' ? left.ID : (left.fields[orderBy] ?? '');
		const b = orderBy === 'id' ? right.ID : (right.fields[orderBy] ?? '');
		return (a < b ? -1 : a > b ? 1 : 0) * (descending ? -1 : 1);
	});
}

export async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A JSON object body; anything else reads as no parameters at all. */
export function bodyObject(body: unknown): Record<string, unknown> {
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/**
 * The parameters of a POST or PUT: a JSON object, or a form body (copernica-api.md §1.4: the
 * server reads both). Form keys stay flat (`settings[test]=1` is the key `settings[test]`).
 */
export function bodyParameters(body: unknown): Record<string, unknown> {
	if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
	return bodyObject(body);
}

export function bodyPart(body: unknown, key: 'fields' | 'interests'): unknown {
	return body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
}


/** Listens on 127.0.0.1 (port 0: a free one); the port. */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

/** Closes the server and drops its connections, keep-alive ones included. */
export async function closeServer(server: Server): Promise<void> {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}
