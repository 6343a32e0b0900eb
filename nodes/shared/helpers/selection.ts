import { selectChoices, valueKindOf } from './fieldTypes';
import { ParameterProblem } from './parameterProblem';
import type { ComparedField } from './selectionValues';
import { checkTypedValue, comparedForm, isOnlyWildcards, shown, storedForm } from './selectionValues';

/**
 * Copernica's profile selection: `fields[]=<field><operator><value>` conditions, ANDed.
 * Copernica silently ignores a condition it cannot use (unknown field, a space before the
 * operator, a line break, an operator it does not know) and casts values to the field's type,
 * and a PUT whose conditions are all ignored updates every profile (copernica-api.md §2.3).
 * So a condition is sent only in a form the node can show Copernica reads exactly as meant:
 * an allow-list, checked here against the database's real fields before anything is sent.
 */

/**
 * The operator parameter stores a word, not the symbol: n8n reads any parameter value that
 * starts with "=" as an expression, so "==" would arrive as "=". Symbols typed in an expression
 * are accepted too. `sentAs` is what goes on the wire: `<>` is documented as the same as `!=`
 * (copernica-api.md §2.1), but the one model of the live parser never saw it work (rmuit's
 * TestApi leaves it "@todo test behavior on live API"), and an operator the parser does not know
 * drops the condition, so `!=` is sent for both.
 */
export const SELECTION_OPERATORS = [
	{ name: 'Equals', value: 'equals', symbol: '==', sentAs: '==' },
	{ name: 'Does Not Equal', value: 'notEquals', symbol: '!=', sentAs: '!=' },
	{ name: 'Does Not Equal (<>)', value: 'notEqualsAlt', symbol: '<>', sentAs: '!=' },
	{ name: 'Is Less Than', value: 'lessThan', symbol: '<', sentAs: '<' },
	{ name: 'Is Greater Than', value: 'greaterThan', symbol: '>', sentAs: '>' },
	{ name: 'Is Less Than or Equal To', value: 'lessThanOrEqual', symbol: '<=', sentAs: '<=' },
	{ name: 'Is Greater Than or Equal To', value: 'greaterThanOrEqual', symbol: '>=', sentAs: '>=' },
	{ name: 'Is Like', value: 'like', symbol: '=~', sentAs: '=~' },
	{ name: 'Is Not Like', value: 'notLike', symbol: '!~', sentAs: '!~' },
] as const;

/** An operator as it is sent. */
export type SelectionOperator = (typeof SELECTION_OPERATORS)[number]['sentAs'];

const OPERATORS: readonly string[] = SELECTION_OPERATORS.map((operator) => operator.symbol);

function sentAsOf(operator: string): SelectionOperator | undefined {
	return SELECTION_OPERATORS.find((known) => known.value === operator || known.symbol === operator)?.sentAs;
}

/** Properties every profile has, usable in a selection besides the database's own fields. */
export const BUILT_IN_SELECTION_FIELDS = [
	{ name: 'ID', value: 'id', description: 'The numeric profile ID' },
	{ name: 'Secret Code', value: 'code', description: 'The profile\'s secret code' },
	{ name: 'Modified', value: 'modified', description: 'Last change, as YYYY-MM-DD hh:mm:ss' },
] as const;

const BUILT_IN_NAMES: readonly string[] = BUILT_IN_SELECTION_FIELDS.map((field) => field.value);

/** How the built-ins compare (copernica-api.md §2.1): `id` a number, `code` text, `modified` a timestamp. */
const BUILT_IN_COMPARED: Record<string, ComparedField> = {
	id: { name: 'id', kind: 'integer', choices: [], unsigned: true },
	code: { name: 'code', kind: 'text', choices: [] },
	modified: { name: 'modified', kind: 'datetime', choices: [] },
};

/** A field of the database (or collection) as `GET …/fields` describes it: its type and, for a select field, its choices. */
export interface SelectionField {
	name: string;
	type: string;
	/** A select field's choices, one a line. */
	value: string;
	/** The most characters a text field keeps, when known. */
	length?: number;
}

/** The characters Copernica's parser takes for an operator (copernica-api.md §2.3, rmuit's `[=<>!~]`). */
const OPERATOR_CHARACTERS = /[=<>!~]/;

/** The first control character (NUL, tab and line breaks included; Unicode's line and paragraph separators too), if any. */
function controlCharacterIn(text: string): string | undefined {
	for (const character of text) {
		const code = character.charCodeAt(0);
		if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return character;
	}
	return undefined;
}

export interface SelectionConditionInput {
	field?: unknown;
	operator?: unknown;
	value?: unknown;
}

export interface SelectionCondition {
	/** The field as the database spells it (or `id`, `code`, `modified`). */
	field: string;
	operator: SelectionOperator;
	value: string;
	/** True for `id`, `code` and `modified`, which are not fields one can write. */
	builtIn: boolean;
	/** How Copernica compares the field's values. */
	compared: ComparedField;
}

export interface Selection {
	conditions: SelectionCondition[];
	/** What goes on the wire, one `fields[]` entry each. */
	expressions: string[];
}

function describe(position: number): string {
	return `Condition ${position}`;
}

function asText(value: unknown, what: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new ParameterProblem(
		`${what} is not text`,
		'Selection values must be text, numbers or booleans. Map a single value, not an object or a list.',
	);
}

function listOf(names: readonly string[]): string {
	const shown = names.slice(0, 12).join(', ');
	return names.length > 12 ? `${shown}, … (${names.length} in all)` : shown;
}

function checkFieldShape(raw: unknown, position: number): string {
	const field = asText(raw, `${describe(position)}'s field`);
	if (field.trim() === '') {
		throw new ParameterProblem(
			`${describe(position)} has no field`,
			'Pick the field to match on. Copernica would ignore a condition without one and update every profile.',
		);
	}
	if (field !== field.trim()) {
		throw new ParameterProblem(
			`${describe(position)}: the field "${field}" has spaces around it`,
			'Remove the spaces. Copernica does not recognise a field name with spaces around it, ignores the condition, and would update every profile.',
		);
	}
	if (OPERATOR_CHARACTERS.test(field) || controlCharacterIn(field) !== undefined) {
		throw new ParameterProblem(
			`${describe(position)}: the field name "${JSON.stringify(field).slice(1, -1)}" contains ${OPERATOR_CHARACTERS.test(field) ? 'an operator character (= < > ! ~)' : 'a control character or line break'}`,
			'Copernica reads a condition up to the first operator character and on one line only, so it would split this name, ignore the condition and update every profile. Rename the field in Copernica, or select on another field.',
		);
	}
	return field;
}

/** Whose fields a selection is checked against: a database's (profiles) or a collection's (subprofiles). */
export type FieldOwner = 'database' | 'collection';

function resolveField(field: string, position: number, databaseFields: readonly SelectionField[], owner: FieldOwner) {
	const lower = field.toLowerCase();
	const known = databaseFields.find((candidate) => candidate.name.toLowerCase() === lower);
	if (known !== undefined) {
		const kind = valueKindOf(known.type);
		const compared: ComparedField = {
			name: known.name,
			kind,
			choices: kind === 'select' ? selectChoices(known.value) : [],
			...(kind === 'text' && known.length !== undefined ? { maxLength: known.length } : {}),
		};
		return { field: known.name, builtIn: false, compared };
	}
	if (BUILT_IN_NAMES.includes(lower)) return { field: lower, builtIn: true, compared: BUILT_IN_COMPARED[lower] };
	throw new ParameterProblem(
		`${describe(position)}: the ${owner} has no field "${field}"`,
		`Copernica ignores conditions on unknown fields and would update every ${owner === 'database' ? 'profile' : 'subprofile'}, so nothing was changed. Use one of: ${listOf([...databaseFields.map((known) => known.name), ...BUILT_IN_NAMES])}.`,
	);
}


function checkOperator(raw: unknown, position: number): SelectionOperator {
	const operator = asText(raw, `${describe(position)}'s operator`);
	if (operator !== operator.trim() && sentAsOf(operator.trim()) !== undefined) {
		throw new ParameterProblem(
			`${describe(position)}: the operator "${operator}" has spaces around it`,
			'Remove the spaces. A space around the operator makes Copernica ignore the condition and update every profile.',
		);
	}
	const sentAs = sentAsOf(operator);
	if (sentAs === undefined) {
		throw new ParameterProblem(
			`${describe(position)}: "${operator}" is not a Copernica operator`,
			`Pick an operator from the list, or use one of ${OPERATORS.join(' ')} in an expression.`,
		);
	}
	return sentAs;
}

/**
 * Copernica reads the operator as the run of one or two operator characters after the field:
 * `age<` followed by `=5` reads as `age<=5`, followed by `~5` as the unknown `<~`, and a
 * condition with an unknown operator is ignored (the PUT then updates every profile). After a
 * two-character operator rmuit's pattern would keep the character, but no source shows the
 * live parser does, so no value may start with an operator character at all.
 */
function checkValueKeepsOperator(operator: SelectionOperator, value: string, position: number) {
	const first = value.charAt(0);
	if (first === '' || !OPERATOR_CHARACTERS.test(first)) return;
	const merged = operator + first;
	const readAs =
		operator.length === 1
			? OPERATORS.includes(merged)
				? `Copernica would read the operator as "${merged}"`
				: `Copernica would read the operator as "${merged}", which it does not know, ignore the condition and update every profile`
			: 'Copernica might read it as part of the operator';
	throw new ParameterProblem(
		`${describe(position)}: the value starts with "${first}", so ${readAs}`,
		operator.length === 1 && OPERATORS.includes(merged)
			? `Choose the operator "${merged}" if that is what you mean, or remove the leading "${first}" from the value.`
			: `Remove the leading "${first}" from the value. A value may not start with = < > ! or ~.`,
	);
}

/**
 * Copernica reads a condition on one line: a line break inside it makes the condition
 * unreadable, so it is ignored (and a PUT updates every profile); NUL and the other control
 * characters are trimmed or cut off by PHP. None of them can be sent as meant.
 */
function checkValueOnOneLine(value: string, position: number) {
	const found = controlCharacterIn(value);
	if (found !== undefined) {
		const code = found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
		throw new ParameterProblem(
			`${describe(position)}: the value contains a line break or control character (U+${code})`,
			'Copernica reads a condition on one line only and would ignore this one, updating every profile. Remove line breaks and control characters, for example with {{ $json.value.replace(/[\\r\\n\\t]+/g, " ").trim() }}.',
		);
	}
}

/** Half of a surrogate pair without its other half: not a character, and no URL can carry it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkValueIsText(value: string, position: number) {
	if (LONE_SURROGATE.test(value)) {
		throw new ParameterProblem(
			`${describe(position)}: the value contains half of a Unicode character (a lone surrogate)`,
			'The value cannot be sent as it is: a character was cut in two, for example by slicing text with emoji. Fix the expression that builds the value.',
		);
	}
}

/** `=~ %` or `=~ ___` compares no literal character: it matches every value (of that length). */
function checkPatternHasText(operator: SelectionOperator, value: string, position: number, rules: SelectionRules) {
	if ((operator === '=~' || operator === '!~') && isOnlyWildcards(value) && !rules.allowEmptyValues) {
		throw new ParameterProblem(
			`${describe(position)}: the pattern "${value}" is only wildcards`,
			'A pattern of only % and _ matches every value, like an empty value would. Add the text to look for (such as %@example.com), or turn on Options → Allow Empty Values if you mean every profile.',
		);
	}
}

export interface ShapedCondition {
	field: string;
	operator: SelectionOperator;
	value: string;
}

/**
 * Copernica trims the whole condition, so a value's trailing spaces or line breaks are lost:
 * the condition would not match what the user typed, and with Create If No Match every run
 * would create another profile. Spaces at the start and inside are kept and allowed.
 */
function checkValueEnd(value: string, position: number) {
	if (value !== value.trimEnd()) {
		throw new ParameterProblem(
			`${describe(position)}: the value ends in a space or line break, which Copernica trims away`,
			'Remove the trailing whitespace, for example with {{ $json.value.trim() }}. Copernica would otherwise compare a different value than the one written to profiles.',
		);
	}
}

export interface SelectionRules {
	/** Whether a condition may compare with an empty value (`city==` matches profiles without a city). */
	allowEmptyValues?: boolean;
}

/**
 * An expression that finds nothing (a missing column, a typo in `$json.…`) gives an empty value,
 * and `customerid==` selects every profile without a customer ID. Empty values are refused
 * unless the user says they mean them.
 */
function checkValuePresent(value: string, position: number, rules: SelectionRules) {
	if (value === '' && !rules.allowEmptyValues) {
		throw new ParameterProblem(
			`${describe(position)}: the value is empty`,
			'An empty value selects every profile whose field is empty; an expression that finds nothing gives one too. Check the expression, or turn on Options → Allow Empty Values if you mean to match empty fields.',
		);
	}
}

/**
 * Everything that can be checked without asking Copernica: not empty, no stray spaces, a real
 * operator, a value that is there and cannot change the operator. Run first, so such mistakes cost no request.
 */
export function checkSelectionShape(
	inputs: readonly SelectionConditionInput[],
	rules: SelectionRules = {},
): ShapedCondition[] {
	if (inputs.length === 0) {
		throw new ParameterProblem(
			'The selection is empty',
			'Add at least one condition under Selection. Without one, Copernica would update every profile in the database.',
		);
	}
	return inputs.map((input, index) => {
		const position = index + 1;
		const field = checkFieldShape(input.field, position);
		const operator = checkOperator(input.operator, position);
		const value = asText(input.value, `${describe(position)}'s value`);
		checkValueOnOneLine(value, position);
		checkValueIsText(value, position);
		checkValueKeepsOperator(operator, value, position);
		checkValuePresent(value, position, rules);
		checkValueEnd(value, position);
		checkPatternHasText(operator, value, position, rules);
		return { field, operator, value };
	});
}

/**
 * Checks the conditions against the database's fields and returns them as Copernica expects.
 * Throws a ParameterProblem naming the first bad condition; never returns an empty selection.
 */
export function buildSelection(
	inputs: readonly SelectionConditionInput[],
	databaseFields: readonly SelectionField[],
	rules: SelectionRules = {},
): Selection {
	return resolveSelection(checkSelectionShape(inputs, rules), databaseFields, 'database', rules);
}

/**
 * The second half of buildSelection, for conditions that already passed checkSelectionShape:
 * each field looked up, each value checked against what the field's type accepts.
 */
export function resolveSelection(
	shaped: readonly ShapedCondition[],
	databaseFields: readonly SelectionField[],
	owner: FieldOwner = 'database',
	rules: SelectionRules = {},
): Selection {
	const conditions = shaped.map((condition, index) => {
		const resolved = { ...condition, ...resolveField(condition.field, index + 1, databaseFields, owner) };
		checkTypedValue(describe(index + 1), resolved.compared, resolved.operator, resolved.value, rules.allowEmptyValues === true);
		return resolved;
	});
	return {
		conditions,
		expressions: conditions.map(({ field, operator, value }) => `${field}${operator}${value}`),
	};
}

/** The `fields[]` query pairs of a selection. */
export function selectionQuery(selection: Selection): Array<[string, string]> {
	return selection.expressions.map((expression) => ['fields[]', expression]);
}

/**
 * Field values that make a newly created profile match its own selection again: the equality
 * conditions on real database fields. With these written, a second run updates the profile
 * instead of creating another one.
 */
export function valuesImpliedBySelection(selection: Selection): Record<string, string> {
	const values: Record<string, string> = {};
	for (const condition of selection.conditions) {
		if (condition.operator === '==' && !condition.builtIn) values[condition.field] = condition.value;
	}
	return values;
}

/**
 * With Create If No Match, a re-run must find the profile the first run created, or every run
 * that finds nothing creates another: Copernica's PUT has no other memory. So with create on,
 * every condition must be an Equals on a field of the database that the new profile is written
 * with, and what Copernica stores (after its silent casts: text cut at the field's length, a
 * boolean as "1", a select value that is not a choice as "") must compare equal to the
 * condition's value. `fields` are the values the PUT writes, the selection's own Equals values
 * included (see valuesImpliedBySelection). The problem with the first condition that fails,
 * or undefined when a created profile matches the selection.
 */
function createProblem(selection: Selection, fields: Readonly<Record<string, unknown>>): ParameterProblem | undefined {
	const written = new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
	const fix = 'Match only with Equals on fields the new profile gets with that very value, or turn off Create If No Match.';
	for (const [index, condition] of selection.conditions.entries()) {
		const problem = (what: string, why: string) =>
			new ParameterProblem(
				`${describe(index + 1)}: ${what}`,
				`${why} With Create If No Match every run that finds no profile would create another one. ${fix}`,
			);
		if (condition.operator !== '==') {
			return problem(
				`with Create If No Match, ${condition.field} must be compared with Equals`,
				`A profile created by this PUT need not satisfy "${condition.field}${condition.operator}${condition.value}", so the next run would not find it.`,
			);
		}
		if (condition.builtIn) {
			return problem(
				`with Create If No Match, the selection cannot match on ${condition.field}`,
				`Copernica sets ${condition.field} itself, so a new profile never has the value ${shown(condition.value)}.`,
			);
		}
		const value = written.get(condition.field.toLowerCase());
		const compared = comparedForm(condition.value, condition.compared);
		const stored = storedForm(value, condition.compared);
		if (stored !== undefined && stored === compared) continue;
		if (typeof value === 'string' && comparedForm(value, condition.compared) !== compared) {
			return problem(
				`Fields to Set writes ${condition.field} = ${shown(value)}, but the selection looks for ${shown(condition.value)}`,
				'The created profile would not match the selection.',
			);
		}
		const limit = condition.compared.maxLength;
		return problem(
			`Copernica would store ${shown(String(value ?? condition.value)).slice(0, 60)} in ${condition.field} differently from how the selection compares it`,
			limit !== undefined && typeof value === 'string' && Array.from(value).length > limit
				? `${condition.field} keeps at most ${limit} characters, so the value would be cut off.`
				: condition.compared.kind === 'other'
					? `${condition.field} is of a type the node cannot say Copernica stores as written (a phone number may be normalised, for example).`
					: 'Copernica casts values silently (true becomes "1", a number such as 1e21 is written another way).',
		);
	}
	return undefined;
}

/**
 * Whether a profile created with these fields would match the selection (see createProblem).
 * Then a retried or re-run PUT with create=1 finds the profile the first try created instead
 * of creating another.
 */
export function createdProfileMatchesSelection(selection: Selection, fields: Readonly<Record<string, unknown>>): boolean {
	return createProblem(selection, fields) === undefined;
}

/** Refuses a Create If No Match whose created profile would not match its selection (see createProblem). */
export function checkCreateFindsItsProfile(selection: Selection, fields: Readonly<Record<string, unknown>>): void {
	const problem = createProblem(selection, fields);
	if (problem) throw problem;
}

/**
 * The selection as Copernica compares it, for telling whether two items change the same
 * profiles: field names as the database spells them, text values in lower case (Copernica
 * compares text case-insensitively), numbers as numbers, the conditions in a fixed order.
 */
export function selectionIdentity(selection: Selection): string[] {
	return selection.conditions
		.map(({ field, operator, value, compared }) => `${field.toLowerCase()}${operator}${comparedForm(value, compared)}`)
		.sort();
}
