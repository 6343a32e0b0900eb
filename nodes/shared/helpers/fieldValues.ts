import type { IDataObject } from 'n8n-workflow';

import { ParameterProblem } from './parameterProblem';

/**
 * The profile fields a user asked to set, checked against the database. Copernica ignores
 * unknown field names without a word, so a typo would look like success: it is refused here.
 */

export type FieldValue = string | number | boolean | null;
export type FieldValues = Record<string, FieldValue>;

export interface FieldRowInput {
	name?: unknown;
	value?: unknown;
}

/**
 * Keys JavaScript treats as object internals. Set on a plain object, `__proto__` replaces its
 * prototype instead of adding a key, so the field vanished from the request without a word;
 * `constructor` and `prototype` shadow built-ins. No Copernica field is worth that risk: all
 * three are refused, whichever way Fields to Set (or Interests) was given.
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isUnsafeKey(name: string): boolean {
	return UNSAFE_KEYS.has(name.trim().toLowerCase());
}

/** Refuses `name` when it is one of UNSAFE_KEYS; `what` is the parameter ("Fields to Set", "Interests"). */
export function refuseUnsafeKey(name: string, what = 'Fields to Set'): void {
	if (!isUnsafeKey(name)) return;
	throw new ParameterProblem(
		`${what}: "${name}" cannot be used as a name`,
		`Names such as __proto__, constructor and prototype are refused: JavaScript treats them as object internals, so the value would be lost or misread without a word. Rename or remove the key "${name}" (for example with an Edit Fields node before this one).`,
	);
}

/** Every own key of `values` checked with refuseUnsafeKey, `__proto__` included (JSON.parse makes it an own key). */
export function refuseUnsafeKeys(values: object, what = 'Fields to Set'): void {
	for (const name of Object.keys(values)) refuseUnsafeKey(name, what);
}

function scalar(value: unknown, field: string): FieldValue {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	throw new ParameterProblem(
		`The value of field "${field}" is not a single value`,
		'Copernica profile fields hold text, numbers and dates. Map one value per field, not an object or a list.',
	);
}

/** Parses the JSON mode of Fields to Set. Bad JSON is an error, never an empty object. */
export function parseFieldsJson(raw: unknown): Record<string, unknown> {
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		let syntaxError: string | undefined;
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			syntaxError = (error as Error).message;
		}
		if (syntaxError !== undefined) {
			throw new ParameterProblem(
				`Fields to Set (JSON) is not valid JSON: ${syntaxError}`,
				'Write an object of field names and values, for example {"firstname": "John", "city": "Amsterdam"}.',
			);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new ParameterProblem(
			'Fields to Set (JSON) must be an object',
			'Write an object of field names and values, for example {"firstname": "John", "city": "Amsterdam"}.',
		);
	}
	refuseUnsafeKeys(parsed, 'Fields to Set (JSON)');
	return parsed as Record<string, unknown>;
}

/** Rows of {name, value} as one object; the same field twice is refused rather than guessed. */
export function rowsToObject(rows: readonly FieldRowInput[]): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const row of rows) {
		const name = typeof row.name === 'string' ? row.name : String(row.name ?? '');
		refuseUnsafeKey(name);
		if (Object.prototype.hasOwnProperty.call(result, name)) {
			throw new ParameterProblem(
				`Field "${name}" is set twice in Fields to Set`,
				'Keep one row per field.',
			);
		}
		result[name] = row.value;
	}
	return result;
}

/**
 * Checks names against the database (case-insensitively, as Copernica matches them) and
 * returns the values under the database's spelling. Only the given fields come back.
 */
export function checkFieldValues(
	values: Record<string, unknown>,
	databaseFields: readonly string[],
	what = 'Fields to Set',
	owner: 'database' | 'collection' = 'database',
): FieldValues {
	const checked: FieldValues = {};
	const seen = new Set<string>();
	refuseUnsafeKeys(values, what);
	for (const [name, value] of Object.entries(values)) {
		if (name.trim() === '') {
			throw new ParameterProblem(`${what} has a row without a field name`, 'Pick a field for every row, or remove the row.');
		}
		const known = databaseFields.find((field) => field.toLowerCase() === name.toLowerCase());
		if (known === undefined) {
			throw new ParameterProblem(
				`${what}: the ${owner} has no field "${name}"`,
				`Copernica would silently ignore it. Use one of: ${databaseFields.slice(0, 12).join(', ')}${databaseFields.length > 12 ? ', …' : ''}.`,
			);
		}
		if (seen.has(known.toLowerCase())) {
			throw new ParameterProblem(
				`${what}: field "${known}" is given twice`,
				'Field names are not case-sensitive in Copernica. Keep one entry per field.',
			);
		}
		seen.add(known.toLowerCase());
		checked[known] = scalar(value, known);
	}
	return checked;
}

/** `extra` values for fields that `values` does not already set (names compared case-insensitively). */
export function addMissingFields(values: FieldValues, extra: Record<string, FieldValue>): FieldValues {
	const present = new Set(Object.keys(values).map((name) => name.toLowerCase()));
	const result: FieldValues = { ...values };
	for (const [name, value] of Object.entries(extra)) {
		if (!present.has(name.toLowerCase())) result[name] = value;
	}
	return result;
}

export function isEmpty(values: IDataObject | Record<string, unknown>): boolean {
	return Object.keys(values).length === 0;
}
