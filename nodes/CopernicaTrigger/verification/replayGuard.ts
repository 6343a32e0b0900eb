import { MAX_CLOCK_DIFFERENCE_MS } from './verifyCall';

/**
 * A verified call seen again: someone who copied a genuine call (from a proxy's log, say) could
 * send it again while its Date is still recent. Each call's Signature is unique (it covers the
 * Date, the Digest and Copernica's nonce), so the signatures verified lately are remembered for
 * as long as a Date is accepted either side of now, and a repeat is refused. In memory, per
 * process: in queue mode each webhook processor remembers its own calls only.
 */
const REMEMBER_MS = 2 * MAX_CLOCK_DIFFERENCE_MS;
const MAX_REMEMBERED = 10_000;

const seen = new Map<string, number>();

/** Records the call's signature; false when it was recorded already (a replay). */
export function firstTimeSeen(signature: string, now = Date.now()): boolean {
	for (const [value, expiresAt] of seen) {
		if (expiresAt > now && seen.size < MAX_REMEMBERED) break;
		seen.delete(value);
	}
	if ((seen.get(signature) ?? 0) > now) return false;
	seen.set(signature, now + REMEMBER_MS);
	return true;
}
