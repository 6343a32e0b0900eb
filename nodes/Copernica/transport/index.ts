import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { responseToNodeApiError, transportFailureToNodeApiError } from './apiError';

/** The one place that talks HTTP to Copernica. Everything else builds requests and reads answers. */

export type CopernicaContext = IExecuteFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'copernicaApi';

/** Copernica's largest page on api.copernica.com. */
export const MAX_PAGE_SIZE = 1000;

/** A synchronous PUT on a large selection can take minutes on Copernica's side. */
const REQUEST_TIMEOUT_MS = 300_000;

export type QueryPairs = Array<[string, string]>;

export interface CopernicaRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, segments already encoded (see `pathOf`). */
	path: string;
	/** Ordered query pairs; the access token is added by the credential, never here. */
	query?: QueryPairs;
	body?: IDataObject;
	itemIndex?: number;
	/** What the node was doing, in words, for error descriptions ("updating profiles"). */
	action: string;
}

export interface CopernicaResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** `pathOf('database', 'Customers 2024', 'profiles')` → `database/Customers%202024/profiles`. */
export function pathOf(...segments: Array<string | number>): string {
	return segments.map((segment) => encodeURIComponent(String(segment))).join('/');
}

/**
 * Copernica reads `fields[]=email==a+b` literally only when every byte of the value is
 * percent-encoded, so the query string is built here rather than by a serializer whose
 * escaping of `+`, `'` and brackets has changed between n8n versions.
 */
export function encodeQuery(pairs: QueryPairs): string {
	return pairs
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
		.join('&');
}

async function baseUrlOf(this: CopernicaContext): Promise<string> {
	const credentials = await this.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl ?? '').trim() || 'https://api.copernica.com/v3';
	return baseUrl.replace(/\/+$/, '');
}

/** Any 2xx is success; so is 303, which older API versions answer to every PUT. */
export function isSuccessStatus(statusCode: number): boolean {
	return (statusCode >= 200 && statusCode < 300) || statusCode === 303;
}

export async function copernicaRequest(
	this: CopernicaContext,
	request: CopernicaRequest,
): Promise<CopernicaResponse> {
	const query = request.query && request.query.length > 0 ? `?${encodeQuery(request.query)}` : '';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${await baseUrlOf.call(this)}/${request.path}${query}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (request.body !== undefined) options.body = request.body;

	let response: CopernicaResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as CopernicaResponse;
	} catch (error) {
		// n8n's own wrapper keeps the request (and so the token) on the error: rebuild it clean.
		throw transportFailureToNodeApiError(this.getNode(), error, request);
	}

	if (!isSuccessStatus(response.statusCode)) {
		throw responseToNodeApiError(this.getNode(), response, request);
	}
	return response;
}

export interface PagedList {
	start: number;
	limit: number;
	count: number;
	total?: number;
	data: IDataObject[];
}

/**
 * Every entry of a paged Copernica list (`start`/`limit`/`total`), 1,000 at a time.
 * `start` is an offset, so it advances by the count actually returned.
 */
export async function copernicaGetAll(
	this: CopernicaContext,
	request: Omit<CopernicaRequest, 'method' | 'body'>,
	maxEntries = Number.POSITIVE_INFINITY,
): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	let start = 0;
	while (entries.length < maxEntries) {
		const limit = Math.min(MAX_PAGE_SIZE, maxEntries - entries.length);
		const { body } = await copernicaRequest.call(this, {
			...request,
			method: 'GET',
			query: [
				...(request.query ?? []),
				['start', String(start)],
				['limit', String(limit)],
				['total', '1'],
			],
		});
		const page = body as PagedList;
		const data = Array.isArray(page?.data) ? page.data : [];
		entries.push(...data);
		start += data.length;
		const total = typeof page?.total === 'number' ? page.total : Number(page?.total);
		if (data.length === 0 || data.length < limit || (Number.isFinite(total) && start >= total)) break;
	}
	return entries;
}

/** How many entries a list (with its selection) holds, without fetching them. */
export async function copernicaCount(
	this: CopernicaContext,
	request: Omit<CopernicaRequest, 'method' | 'body'>,
): Promise<number> {
	const { body } = await copernicaRequest.call(this, {
		...request,
		method: 'GET',
		query: [...(request.query ?? []), ['limit', '1'], ['total', '1']],
	});
	return Number((body as PagedList)?.total ?? 0);
}
