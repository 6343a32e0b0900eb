/**
 * At most N requests in flight, whoever sends them (Parallel Requests). Callers queue in the
 * order they ask; a finished request hands its slot straight to the next in line. Waits between
 * retries happen outside a slot, so a request backing off does not hold up the others.
 */
export interface RequestLimiter {
	run<T>(request: () => Promise<T>): Promise<T>;
}

export function createRequestLimiter(maxInFlight: number): RequestLimiter {
	let inFlight = 0;
	const waiting: Array<() => void> = [];
	return {
		async run<T>(request: () => Promise<T>): Promise<T> {
			if (inFlight < maxInFlight) inFlight++;
			else await new Promise<void>((takeSlot) => waiting.push(takeSlot));
			try {
				return await request();
			} finally {
				const next = waiting.shift();
				if (next) next();
				else inFlight--;
			}
		},
	};
}
