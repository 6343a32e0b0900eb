import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isUnderBaseUrl } from '../helpers/secureUrl';
import type { Redact } from './redact';

/**
 * Older Copernica API versions answer every PUT with 303 See Other and a `Location` pointing at
 * the updated entity (copernica-api.md §4.1), so a 303 counts as success, but only when it
 * points into the configured API: the same origin, under the base URL's path. A 303 to anywhere
 * else (a single sign-on page, a proxy's login, another host) means the request was intercepted
 * and may never have reached Copernica; reporting it as success would hide a write that was not made.
 */

/** Where a 303's Location points, resolved against the request's URL; undefined when missing or unreadable. */
export function redirectTarget(location: string | undefined, requestUrl: string): URL | undefined {
	if (location === undefined || location.trim() === '') return undefined;
	try {
		return new URL(location.trim(), requestUrl);
	} catch {
		return undefined;
	}
}

/** Whether `target` is inside the API at `baseUrl` (see isUnderBaseUrl). */
export function isInsideApi(target: URL | undefined, baseUrl: string): boolean {
	return isUnderBaseUrl(target, baseUrl);
}

/**
 * How a redirect's target is shown: scheme, host and path, never its query, and with the
 * execution's secrets hidden by value (a login page may carry the token or the JWT in its path).
 */
function shownTarget(target: URL | undefined, location: string | undefined, redact: Redact): string {
	if (target === undefined) return location === undefined || location.trim() === '' ? 'nowhere (no Location header)' : 'an unreadable address';
	return redact(`${target.protocol}//${target.host}${target.pathname}`);
}

/** A 303 that leads out of the API, as the NodeApiError the request fails with. */
export function redirectOutsideApiError(
	node: INode,
	location: string | undefined,
	requestUrl: string,
	context: { itemIndex?: number; action: string },
	redact: Redact,
): NodeApiError {
	const target = redirectTarget(location, requestUrl);
	const itemNote = context.itemIndex === undefined ? '' : ` [item ${context.itemIndex}]`;
	const message = `Copernica's address answered 303 See Other, redirecting outside the API to ${shownTarget(target, location, redact)}${itemNote}`;
	const description = redact(
		`The request may not have reached Copernica, so nothing is reported as done (while ${context.action}). A redirect away from the API is usually a login page (single sign-on) or a proxy between n8n and Copernica. Check the API Base URL of the credential (such as https://api.copernica.com/v3) and your network.`,
	);
	return new NodeApiError(
		node,
		{ message, description, httpCode: '303' },
		{ message, description, httpCode: '303', itemIndex: context.itemIndex },
	);
}
