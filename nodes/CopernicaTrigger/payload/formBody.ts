import type { IDataObject } from 'n8n-workflow';

/**
 * Copernica posts its events form-encoded, associative arrays per key (`fields[email]=…`) and
 * lists per item (`interests[]=…`) (copernica-webhooks.md §3.2). n8n parses such a body flat, as
 * `{"fields[email]": "…"}`, a single `interests[]` as a string, and stops at 1,000 keys. So the
 * trigger reads the raw body itself (the one the Digest was checked against): nested objects,
 * lists that stay lists, and no key lost however many fields a database has.
 */

/** Keys that would reach into Object.prototype if used as property names. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function decode(component: string): string {
	const spaced = component.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		// A stray % is kept as sent rather than losing the value.
		return spaced;
	}
}

/** `a`, `a[b]`, `a[b][]`: the name and its bracketed path; undefined for a malformed key. */
function pathOf(key: string): string[] | undefined {
	const open = key.indexOf('[');
	if (open <= 0) return [key];
	const path = [key.slice(0, open)];
	const rest = key.slice(open);
	const part = /\[([^\]]*)\]/y;
	let position = 0;
	while (position < rest.length) {
		part.lastIndex = position;
		const match = part.exec(rest);
		if (match === null) return undefined;
		path.push(match[1]);
		position = part.lastIndex;
	}
	return path;
}

/** Sets `value` at `path` in `target`: `''` segments append to a list. False if the shapes clash. */
function place(target: IDataObject, path: string[], value: string): boolean {
	let node: IDataObject | unknown[] = target;
	for (let index = 0; index < path.length; index++) {
		const segment = path[index];
		if (UNSAFE_KEYS.has(segment)) return false;
		const last = index === path.length - 1;
		const next = path[index + 1];
		if (Array.isArray(node)) {
			if (segment !== '') return false;
			if (last) {
				node.push(value);
				return true;
			}
			const child: IDataObject | unknown[] = next === '' ? [] : {};
			node.push(child);
			node = child;
			continue;
		}
		if (segment === '') return false;
		if (last) {
			// A key sent twice keeps its last value, as n8n's own parsers do for objects.
			(node as IDataObject)[segment] = value;
			return true;
		}
		const existing: unknown = (node as IDataObject)[segment];
		const wanted = next === '' ? 'list' : 'object';
		if (existing === undefined) {
			const child: IDataObject | unknown[] = wanted === 'list' ? [] : {};
			(node as IDataObject)[segment] = child as IDataObject;
			node = child;
		} else if (typeof existing === 'object' && existing !== null && (wanted === 'list') === Array.isArray(existing)) {
			node = existing as IDataObject | unknown[];
		} else {
			return false;
		}
	}
	return false;
}

/** The form body as nested objects and lists; keys that clash or could pollute prototypes are left out. */
export function parseFormBody(raw: string): IDataObject {
	const result: IDataObject = {};
	for (const pair of raw.split('&')) {
		if (pair === '') continue;
		const separator = pair.indexOf('=');
		const key = decode(separator < 0 ? pair : pair.slice(0, separator));
		const value = separator < 0 ? '' : decode(pair.slice(separator + 1));
		const path = pathOf(key);
		if (path !== undefined) place(result, path, value);
	}
	return result;
}

/**
 * The same shape from a body n8n already parsed: JSON (Copernica's security page shows JSON
 * deliveries, §3.2) or, when the raw body is not at hand, n8n's flat form keys.
 */
export function unflattenParsedBody(body: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		const path = pathOf(key);
		if (path === undefined) continue;
		if (path.length === 1 && typeof value !== 'string' && !Array.isArray(value)) {
			if (!UNSAFE_KEYS.has(key)) result[key] = value;
			continue;
		}
		for (const item of Array.isArray(value) ? value : [value]) place(result, path, String(item));
	}
	return result;
}
