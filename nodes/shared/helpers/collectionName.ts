import { ParameterProblem } from './parameterProblem';

/**
 * A collection named in an expression, as its ID: Copernica's collection paths take only IDs.
 * Names are compared case-insensitively, as Copernica compares them.
 */
export function collectionIdByName(collections: ReadonlyArray<{ id: string; name: string }>, name: string): string {
	const found = collections.find((collection) => collection.name.toLowerCase() === name.toLowerCase());
	if (found === undefined) {
		throw new ParameterProblem(
			`The database has no collection "${name}"`,
			`Use one of: ${collections.map((collection) => collection.name).join(', ') || '(this database has no collections)'}.`,
		);
	}
	return found.id;
}

/**
 * What a Collection or Selection parameter holds: a resource locator (from the list or by ID:
 * an ID; by name: a name), or, in workflows written by hand, a plain ID or name.
 */
export function idOrNameGiven(raw: unknown): { value: string; byId: boolean } {
	if (raw !== null && typeof raw === 'object' && 'value' in raw) {
		const { mode, value } = raw as { mode?: unknown; value?: unknown };
		const text = String(value ?? '').trim();
		return { value: text, byId: mode !== 'name' && /^\d+$/.test(text) };
	}
	const text = String(raw ?? '').trim();
	return { value: text, byId: /^\d+$/.test(text) };
}

export const collectionGiven = idOrNameGiven;

/** What the Collection parameter holds (collectionGiven), refused when empty. */
export function requiredCollection(raw: unknown): { value: string; byId: boolean } {
	const given = collectionGiven(raw);
	if (given.value === '') {
		throw new ParameterProblem('No collection chosen', 'Pick the collection from the list, or give its ID or name.');
	}
	return given;
}
