import type { CopernicaContext } from './index';

/**
 * A request's Timeout as a deadline for the whole answer. n8n hands `timeout` to axios, which in
 * Node is an idle timer on the socket: an answer that trickles in a byte at a time never trips
 * it. So each try also gets an AbortSignal that fires when the deadline passes:
 *
 * - n8n's `httpRequestWithAuthentication` (n8n-core 1.x and 2.x alike) replaces the request's
 *   `abortSignal` with `this.getExecutionCancelSignal()`, the signal of the workflow run. The
 *   request is therefore sent with a context whose cancel signal is the run's signal combined
 *   with the deadline's, so stopping the run still stops it too. Contexts without a cancel
 *   signal (the editor's look-ups) take `abortSignal` from the options as given.
 * - A backstop: whichever comes first, the answer or the deadline, decides. Where an n8n version
 *   honours neither signal, the try still fails at its deadline (the socket then stays open until
 *   axios' idle timer, or the server, ends it).
 */

/** The failure of a try whose deadline passed, with the system code of a timeout for the retry rules. */
export class DeadlinePassed extends Error {
	readonly code = 'ETIMEDOUT';

	constructor(readonly timeoutMs: number) {
		super(`No complete answer within ${timeoutMs} ms`);
		this.name = 'DeadlinePassed';
	}
}

type WithCancelSignal = { getExecutionCancelSignal?: () => AbortSignal | undefined };

/**
 * Deadlines that fall in the same window of this many ms share one timer signal, so a deadline
 * may pass up to this much late. One AbortSignal.timeout per request kept a 5-minute timer and
 * its signal alive for each: 10,000 requests held 40 MB and cost 0.7 s more (npm run bench).
 */
const DEADLINE_WINDOW_MS = 100;
const deadlineSignals = new Map<number, AbortSignal>();

/** The signal that aborts once `timeoutMs` (rounded up to the window) has passed. */
function deadlineAfter(timeoutMs: number): AbortSignal {
	const now = Date.now();
	const at = Math.ceil((now + timeoutMs) / DEADLINE_WINDOW_MS) * DEADLINE_WINDOW_MS;
	let signal = deadlineSignals.get(at);
	if (!signal) {
		signal = AbortSignal.timeout(Math.max(1, at - now));
		deadlineSignals.set(at, signal);
		signal.addEventListener('abort', () => deadlineSignals.delete(at), { once: true });
	}
	return signal;
}

/** `send`, given a context and a signal that both end the request at `timeoutMs`; fails with DeadlinePassed then. */
export async function withinDeadline<T>(
	context: CopernicaContext,
	timeoutMs: number,
	send: (context: CopernicaContext, signal: AbortSignal) => Promise<T>,
): Promise<T> {
	const deadline = deadlineAfter(timeoutMs);
	const runSignal = (context as WithCancelSignal).getExecutionCancelSignal?.();
	// One controller per try, aborted by the deadline or by the run's own signal. Not
	// AbortSignal.any: every signal it makes stays registered with the run's long-lived signal,
	// which cost 10,000-item runs seconds (measured in npm run bench); listeners are removed below.
	const controller = new AbortController();
	const abortTry = () => controller.abort();
	if (runSignal?.aborted || deadline.aborted) abortTry();
	runSignal?.addEventListener('abort', abortTry, { once: true });
	deadline.addEventListener('abort', abortTry, { once: true });
	const signal = controller.signal;
	const sendingContext =
		'getExecutionCancelSignal' in context
			? (Object.create(context, { getExecutionCancelSignal: { value: () => signal } }) as CopernicaContext)
			: context;

	let onDeadline: (() => void) | undefined;
	const passed = new Promise<never>((_resolve, reject) => {
		onDeadline = () => reject(new DeadlinePassed(timeoutMs));
		if (deadline.aborted) onDeadline();
		else deadline.addEventListener('abort', onDeadline, { once: true });
	});
	const sent = send(sendingContext, signal);
	// Whichever loses the race must not be an unhandled rejection.
	sent.catch(() => undefined);
	passed.catch(() => undefined);
	try {
		return await Promise.race([sent, passed]);
	} catch (error) {
		// An abort error from axios once the deadline passed is the deadline's failure.
		throw deadline.aborted && !runSignal?.aborted ? new DeadlinePassed(timeoutMs) : error;
	} finally {
		if (onDeadline) deadline.removeEventListener('abort', onDeadline);
		deadline.removeEventListener('abort', abortTry);
		runSignal?.removeEventListener('abort', abortTry);
	}
}
