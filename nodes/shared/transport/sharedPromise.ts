/** Where shared promises are kept: a Map, or a WeakMap keyed by the node's execution context. */
export interface PromiseCache<K, V> {
	get(key: K): Promise<V> | undefined;
	set(key: K, value: Promise<V>): unknown;
	delete(key: K): unknown;
}

/**
 * The promise kept under `key`, made on first use: callers at the same time share one piece of
 * work (one credential read, one fetch of a database's fields). A rejected promise is forgotten,
 * so the next caller tries again and reports its own failure instead of a stale one.
 */
export function sharedPromise<K, V>(cache: PromiseCache<K, V>, key: K, make: () => Promise<V>): Promise<V> {
	let promise = cache.get(key);
	if (promise === undefined) {
		promise = make();
		cache.set(key, promise);
		promise.catch(() => cache.delete(key));
	}
	return promise;
}
