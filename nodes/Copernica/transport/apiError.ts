import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	copernicaMessage,
	JWT_EXCHANGE_FAILED,
	summarizePage,
} from '../helpers/failureDetails';
import { redactText } from './redact';

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
 * `description`, the item in both. Nothing of the request (URL, query, token) is carried along.
 */
export function responseToNodeApiError(
	node: INode,
	response: FailedResponse,
	context: { itemIndex?: number; action: string },
	retryNote?: string,
): NodeApiError {
	const ownMessage = copernicaMessage(response.body);
	const what = ownMessage
		? `Copernica: ${ownMessage}`
		: typeof response.body === 'string' && response.body.trim() !== ''
			? `Copernica answered HTTP ${response.statusCode}: ${summarizePage(response.body)}`
			: `Copernica answered HTTP ${response.statusCode}`;
	const itemNote = context.itemIndex === undefined ? '' : ` [item ${context.itemIndex}]`;
	const message = redactText(`${what}${itemNote}`);
	const description = redactText(
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
): NodeApiError {
	const reason = NETWORK_FAILURES[code] ?? 'the network failed';
	const itemNote = context.itemIndex === undefined ? '' : ` [item ${context.itemIndex}]`;
	const message = `Could not reach Copernica: ${reason}${itemNote}`;
	const description = redactText(
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
	const message = redactText(`${what}${itemNote}`);
	const description = redactText(fix);
	return new NodeApiError(node, { message, description }, { message, description, itemIndex: context.itemIndex });
}

/**
 * The HTTP answer inside an error n8n threw for it (axios keeps it as `response`, on the error or
 * a cause), as the transport's response shape; undefined when nothing was answered.
 */
export function httpAnswerOf(
	error: unknown,
): { statusCode: number; headers: Record<string, string | string[] | undefined>; body: unknown } | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const { response, cause } = current as { response?: unknown; cause?: unknown };
		if (response && typeof response === 'object') {
			const { status, headers, data } = response as { status?: unknown; headers?: unknown; data?: unknown };
			if (typeof status === 'number') {
				return {
					statusCode: status,
					headers: headers && typeof headers === 'object' ? (headers as Record<string, string>) : {},
					body: data,
				};
			}
		}
		current = cause;
	}
	return undefined;
}
