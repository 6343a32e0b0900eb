import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	copernicaMessage,
	JWT_EXCHANGE_FAILED,
	summarizePage,
} from '../helpers/failureDetails';
import { HTTPS_ONLY_HINT, isUrl } from '../helpers/secureUrl';
import type { Redact } from './redact';
import { redactText, redactValue } from './redact';

/** How to fix what Copernica complains about, keyed by its own (stable, English) messages. */
const HOW_TO_FIX: Array<[RegExp, string]> = [
	[
		/invalid access token/i,
		'Check the Access Token of the Copernica API credential. Create a new one in Copernica under Configuration → API access tokens.',
	],
	[
		/no database with supplied id/i,
		'Check the Database parameter: pick the database from the list, or give an ID or name that exists in this Copernica account.',
	],
	[
		/url parameter fields is required/i,
		'The request had no selection. This should never happen: please report it with the workflow that caused it.',
	],
	[
		/invalid data provided/i,
		'Copernica expects Fields to Set as an object of field names and values. Check Fields to Set and Interests.',
	],
	[/no entity with supplied id/i, 'Check the profile ID: no profile with that ID exists in this account.'],
	[/invalid method/i, 'Check the API Base URL of the credential: it should end in /v3.'],
];

function howToFix(message: string, statusCode: number): string {
	const known = HOW_TO_FIX.find(([pattern]) => pattern.test(message));
	if (known) return known[1];
	if (statusCode === 429 || statusCode >= 500) {
		return 'Copernica is busy or temporarily unavailable. Try again in a few minutes, or turn on Retry On Fail in the node settings.';
	}
	return 'Check the node parameters against the message above.';
}

/** What the node was doing, and why it stopped retrying, for the end of a description. */
function whileDoing(action: string, retryNote?: string): string {
	return `while ${action}${retryNote ? `; ${retryNote}` : ''}`;
}

export interface FailedResponse {
	statusCode: number;
	body: unknown;
}

/**
 * A Copernica error response as a NodeApiError: Copernica's message in `message`, what to do in
 * `description`, the item in both. Nothing of the request (URL, query, token) is carried along,
 * and `redact` hides the secrets in what the server said (before a long page is cut short, so
 * that no half of a secret is left).
 */
export function responseToNodeApiError(
	node: INode,
	response: FailedResponse,
	context: { itemIndex?: number; action: string },
	retryNote?: string,
	redact: Redact = redactText,
): NodeApiError {
	const body = redactValue(response.body, redact);
	const ownMessage = copernicaMessage(body);
	const what = ownMessage
		? `Copernica: ${ownMessage}`
		: typeof body === 'string' && body.trim() !== ''
			? `Copernica answered HTTP ${response.statusCode}: ${summarizePage(body)}`
			: `Copernica answered HTTP ${response.statusCode}`;
	const itemNote = context.itemIndex === undefined ? '' : ` [item ${context.itemIndex}]`;
	const message = redact(`${what}${itemNote}`);
	const description = redact(
		`${howToFix(ownMessage ?? '', response.statusCode)} (${whileDoing(context.action, retryNote)})`,
	);
	const errorResponse: JsonObject = {
		message,
		description,
		httpCode: String(response.statusCode),
		copernicaMessage: ownMessage ?? null,
	};
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex: context.itemIndex,
	});
}

/** Network failures in words: NodeApiError replaces any message containing a code like ECONNREFUSED with a generic one. */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
};

/**
 * A failure before any HTTP answer (refused connection, reset, timeout), from its system error
 * code (see networkErrorCode), without the request.
 */
export function transportFailureToNodeApiError(
	node: INode,
	code: string,
	context: { itemIndex?: number; action: string },
	retryNote?: string,
	redact: Redact = redactText,
): NodeApiError {
	const reason = NETWORK_FAILURES[code] ?? 'the network failed';
	const itemNote = context.itemIndex === undefined ? '' : ` [item ${context.itemIndex}]`;
	const message = `Could not reach Copernica: ${reason}${itemNote}`;
	const description = redact(
		`Check the API Base URL of the credential and your network, then try again (${code} ${whileDoing(context.action, retryNote)}).`,
	);
	return new NodeApiError(
		node,
		{ message, description, networkCode: code },
		{ message, description, itemIndex: context.itemIndex },
	);
}

export interface JwtExchangeFailure {
	/** The credential's message: what happened, then how to fix it. */
	message: string;
	/** How the exchange failed, for the retry rules: its HTTP status, or the network error. */
	failure: { statusCode: number } | { networkCode: string };
}

/** The credential's exchange failure inside the error n8n wrapped it in, if that is what failed. */
export function jwtExchangeFailure(error: unknown): JwtExchangeFailure | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const { message, cause } = current as { message?: unknown; cause?: unknown };
		if (typeof message === 'string' && message.startsWith(JWT_EXCHANGE_FAILED)) {
			const networkCode = /could not reach.*\((E[A-Z_]+)\)/.exec(message)?.[1];
			const statusCode = Number(/: HTTP (\d{3})\b/.exec(message)?.[1] ?? 0);
			return { message, failure: networkCode ? { networkCode } : { statusCode } };
		}
		current = cause;
	}
	return undefined;
}

/**
 * A failed exchange as a NodeApiError: the credential's words, split into what happened and how
 * to fix it. An unreachable endpoint is put in words, as NodeApiError hides messages with codes.
 */
export function jwtExchangeToNodeApiError(
	node: INode,
	failure: JwtExchangeFailure,
	context: { itemIndex?: number; action: string },
	retryNote?: string,
	redact: Redact = redactText,
): NodeApiError {
	const itemNote = context.itemIndex === undefined ? '' : ` [item ${context.itemIndex}]`;
	let what: string;
	let fix: string;
	if ('networkCode' in failure.failure) {
		const { networkCode } = failure.failure;
		const reason = NETWORK_FAILURES[networkCode] ?? 'the network failed';
		what = `${JWT_EXCHANGE_FAILED}: could not reach the Authentication URL, ${reason}`;
		fix = `Check the Authentication URL of the credential and your network, then try again (${networkCode} ${whileDoing(context.action, retryNote)}).`;
	} else {
		const [, said, howToFix] = /^(.*?)(?:\.\s+(Check .*))?$/s.exec(failure.message) ?? [];
		what = said ?? failure.message;
		fix = `${howToFix ?? 'Check the Access Token and the Authentication URL of the credential.'} (${whileDoing(context.action, retryNote)})`;
	}
	const message = redact(`${what}${itemNote}`);
	const description = redact(fix);
	return new NodeApiError(node, { message, description }, { message, description, itemIndex: context.itemIndex });
}

/**
 * The credential's API Base URL is plain http to another machine (or no URL at all): refused
 * before anything is sent, as the token (v3, in the URL) or the JWT (v4) would cross the network
 * readable. The URL itself is not repeated: a user may have pasted the token into it.
 */
export function insecureBaseUrlError(node: INode, baseUrl: string, itemIndex?: number): NodeOperationError {
	const itemNote = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
	if (!isUrl(baseUrl)) {
		return new NodeOperationError(node, `The API Base URL is not a valid URL${itemNote}`, {
			itemIndex,
			description: 'Check the API Base URL of the Copernica API credential: it should look like https://api.copernica.com/v3.',
		});
	}
	return new NodeOperationError(node, `The API Base URL must start with https://${itemNote}`, {
		itemIndex,
		description: `Check the API Base URL of the Copernica API credential. ${HTTPS_ONLY_HINT}`,
	});
}
