import { selectionIdentity } from '../../shared/helpers/selection';
import type { Selection } from '../../shared/helpers/selection';

/**
 * Items run in parallel, but two items with the same selection must not: with Create If No
 * Match both could find no profile and create one each, and without it the later item's values
 * must still win, as they would one item at a time. Work for one key waits for the work queued
 * before it; other keys run freely.
 */
export function createSameSelectionQueue() {
	const tails = new Map<string, Promise<unknown>>();
	return async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
		const previous = tails.get(key) ?? Promise.resolve();
		const current = previous.catch(() => undefined).then(work);
		tails.set(key, current);
		try {
			return await current;
		} finally {
			if (tails.get(key) === current) tails.delete(key);
		}
	};
}

/**
 * Items with equal keys change the same profiles: the database (or collection) and the
 * conditions as Copernica compares them, so `email==a@x.nl` and `EMAIL==A@X.nl` take turns.
 */
export function selectionKey(owner: string, selection: Selection): string {
	return [owner.toLowerCase(), ...selectionIdentity(selection)].join('\n');
}
