import { refuseUnsafeKey } from './fieldValues';
import { ParameterProblem } from './parameterProblem';

/**
 * Interests go in the body either as a list (switch these on) or as an object of name → 1/0
 * (switch each on or off). Names are checked against the database, because Copernica
 * ignores names it does not know.
 */

export type InterestsBody = string[] | Record<string, 0 | 1>;

export interface InterestRowInput {
	interest?: unknown;
	subscribed?: unknown;
}

function canonicalInterest(raw: unknown, databaseInterests: readonly string[]): string {
	const name = typeof raw === 'string' ? raw : String(raw ?? '');
	refuseUnsafeKey(name, 'Interests');
	const known = databaseInterests.find((interest) => interest.toLowerCase() === name.toLowerCase());
	if (known === undefined) {
		throw new ParameterProblem(
			`The database has no interest "${name}"`,
			`Copernica would silently ignore it. Use one of: ${databaseInterests.slice(0, 12).join(', ') || '(this database has no interests)'}.`,
		);
	}
	return known;
}

/** The list form: every named interest switched on, the others left as they are. */
export function interestsToAdd(names: readonly unknown[], databaseInterests: readonly string[]): string[] {
	const result: string[] = [];
	for (const name of names) {
		const known = canonicalInterest(name, databaseInterests);
		if (!result.includes(known)) result.push(known);
	}
	return result;
}

function asSwitch(value: unknown, interest: string): 0 | 1 {
	if (value === true || value === 1 || value === '1' || value === 'true') return 1;
	if (value === false || value === 0 || value === '0' || value === 'false') return 0;
	throw new ParameterProblem(
		`Interest "${interest}" must be on or off`,
		'Use true or false (or 1 or 0) for Subscribed.',
	);
}

/** The associative form: each listed interest switched on or off. */
export function interestsToSet(
	rows: readonly InterestRowInput[],
	databaseInterests: readonly string[],
): Record<string, 0 | 1> {
	const result: Record<string, 0 | 1> = {};
	for (const row of rows) {
		const known = canonicalInterest(row.interest, databaseInterests);
		if (Object.prototype.hasOwnProperty.call(result, known)) {
			throw new ParameterProblem(`Interest "${known}" is set twice`, 'Keep one row per interest.');
		}
		result[known] = asSwitch(row.subscribed, known);
	}
	return result;
}
