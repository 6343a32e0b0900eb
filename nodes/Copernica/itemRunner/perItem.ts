import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { ParameterProblem } from '../../shared/helpers/parameterProblem';
import type { RequestLimiter } from '../../shared/transport/requestLimiter';
import { createRequestLimiter } from '../../shared/transport/requestLimiter';
import { redactorOf } from '../../shared/transport';
import type { Redact } from '../../shared/transport/redact';
import { redactValue } from '../../shared/transport/redact';

const ITEM_SUFFIX = /\[item (\d+)\]$/;

/**
 * The error as this item's. Items that wait for the same look-up (a database's fields, read
 * once per run) share its failure, which names the item that asked first: each gets its own
 * copy naming itself, so the error items of Continue On Fail each say the right item.
 */
function forItem<T extends NodeApiError | NodeOperationError>(error: T, itemIndex: number): T {
	const named = ITEM_SUFFIX.exec(error.message)?.[1];
	if (named === undefined || Number(named) === itemIndex) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	const copy = Object.assign(Object.create(Object.getPrototypeOf(error) as object) as T, error);
	copy.message = error.message.replace(ITEM_SUFFIX, `[item ${itemIndex}]`);
	copy.context = { ...error.context, itemIndex };
	return copy;
}

/**
 * Any failure as the n8n error a user should see for this item, without secrets: the
 * transport's errors are redacted already; the others (a parameter the user pasted the token
 * into, n8n's own errors) are redacted here by the values of the execution's secrets.
 */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number, redact: Redact) {
	if (error instanceof ParameterProblem) {
		return new NodeOperationError(context.getNode(), redact(`${error.message} [item ${itemIndex}]`), {
			itemIndex,
			description: redact(error.description),
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const own = forItem(error, itemIndex);
		own.message = redact(own.message);
		if (typeof own.description === 'string') own.description = redact(own.description);
		// The stack begins with the message the error was made with.
		if (own.stack) own.stack = redact(own.stack);
		// What n8n keeps in run data besides the message: the response it was made from, and the messages it found there.
		if (own.errorResponse) own.errorResponse = redactValue(own.errorResponse, redact);
		if (Array.isArray(own.messages)) own.messages = own.messages.map((entry) => (typeof entry === 'string' ? redact(entry) : entry));
		return own;
	}
	// n8n's own errors (an expression, a mapped value of the wrong type) name the item already and say why in their description.
	const message = redact(error instanceof Error ? error.message : String(error));
	const description = (error as { description?: unknown } | undefined)?.description;
	return new NodeOperationError(context.getNode(), ITEM_SUFFIX.test(message) ? message : `${message} [item ${itemIndex}]`, {
		itemIndex,
		description: typeof description === 'string' ? redact(description) : undefined,
	});
}

/** How many requests may be in flight, and optional n8n-style batching for accounts that must go slower. */
export interface Concurrency {
	/** Requests in flight at the same time (Parallel Requests), over all items. */
	parallel: number;
	/** Items per batch; the next batch starts `batchIntervalMs` after the previous one finished. */
	batchSize?: number;
	batchIntervalMs?: number;
}

export const ONE_AT_A_TIME: Concurrency = { parallel: 1 };

type NodeError = ReturnType<typeof asNodeError>;

/**
 * Items in progress per request slot. An item spends its first milliseconds evaluating its
 * parameters (n8n's expressions are the largest CPU cost of a run) before it sends anything; with
 * a second item per slot, the next item is ready by the time a slot frees up, so the CPU works
 * while requests are in flight instead of between them.
 */
const ITEMS_PER_REQUEST_SLOT = 2;

/**
 * Runs one operation for every input item: its output items (one, or a list) in input order,
 * each paired with its input. Every request the items make goes through one limiter: at most `parallel` in flight,
 * a slot refilled as soon as a request finishes. With continue-on-fail a failing item becomes an
 * error item and the others go on; without it, no new item starts after a failure, and the
 * failure of the lowest item index is thrown.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	run: (itemIndex: number, limiter: RequestLimiter) => Promise<IDataObject | IDataObject[]>,
	concurrency: Concurrency = ONE_AT_A_TIME,
): Promise<INodeExecutionData[]> {
	const limiter = createRequestLimiter(concurrency.parallel);
	const itemCount = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	// Per input item its output items (an operation such as Get Many gives several, or none).
	const results: INodeExecutionData[][] = new Array(itemCount);
	// A holder, not a variable: the workers set it from their closures.
	const stop: { failure?: { itemIndex: number; error: NodeError } } = {};
	const recordFailure = (itemIndex: number, error: NodeError) => {
		if (!stop.failure || itemIndex < stop.failure.itemIndex) stop.failure = { itemIndex, error };
	};

	const runBatch = async (from: number, to: number) => {
		let next = from;
		const worker = async () => {
			while (next < to && !stop.failure) {
				const itemIndex = next++;
				try {
					const output = await run(itemIndex, limiter);
					results[itemIndex] = (Array.isArray(output) ? output : [output]).map((json) => ({
						json,
						pairedItem: { item: itemIndex },
					}));
				} catch (error) {
					const nodeError = asNodeError(this, error, itemIndex, await redactorOf(this));
					if (!continueOnFail) {
						recordFailure(itemIndex, nodeError);
						return;
					}
					// Only `error` and `details`, so n8n recognises the item for the node's error output.
					results[itemIndex] = [
						{
							json: { error: nodeError.message, details: nodeError.description ?? null },
							pairedItem: { item: itemIndex },
						},
					];
				}
			}
		};
		// One request at a time means one item at a time, strictly in order, as in n8n's own nodes.
		const itemsAtOnce = concurrency.parallel <= 1 ? 1 : concurrency.parallel * ITEMS_PER_REQUEST_SLOT;
		const workers = Math.max(1, Math.min(itemsAtOnce, to - from));
		await Promise.all(Array.from({ length: workers }, worker));
	};

	const batchSize = concurrency.batchSize && concurrency.batchSize > 0 ? concurrency.batchSize : itemCount;
	for (let from = 0; from < itemCount && !stop.failure; from += batchSize) {
		if (from > 0 && concurrency.batchIntervalMs) await sleep(concurrency.batchIntervalMs);
		await runBatch(from, Math.min(itemCount, from + batchSize));
	}
	if (stop.failure) throw stop.failure.error;
	return results.flat();
}
