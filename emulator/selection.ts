/**
 * How Copernica reads `fields[]` conditions. Copernica documents only the syntax
 * (copernica-api.md §2.1: `<field><operator><value>`, nine operators, no spaces); how its
 * parser reads anything else comes from the one reverse-engineered model there is, rmuit's
 * (§2.3), and where that is silent the emulator takes the worse reading. Whatever the parser
 * cannot read it drops without a word, and a PUT left without conditions updates everything
 * (§2.3 "Danger for PUT").
 */

export type Operator = '==' | '!=' | '<>' | '<' | '>' | '<=' | '>=' | '=~' | '!~';

/** The nine operators (copernica-api.md §2.1 table; 123lens' FieldFilter allows exactly these, S26). */
const OPERATORS: readonly string[] = ['==', '!=', '<>', '<', '>', '<=', '>=', '=~', '!~'];

export interface ParsedCondition {
	field: string;
	operator: Operator;
	value: string;
}

/** PHP's `trim()` without a character list: space, tab, LF, CR, NUL and vertical tab (§2.3 "the whole expression is trimmed"). */
const PHP_TRIMMED = ' \t\n\r\0\x0B';

export function phpTrim(text: string): string {
	let start = 0;
	let end = text.length;
	while (start < end && PHP_TRIMMED.includes(text.charAt(start))) start++;
	while (end > start && PHP_TRIMMED.includes(text.charAt(end - 1))) end--;
	return text.slice(start, end);
}

/**
 * rmuit's pattern (§2.3, TestApi.php `getSqlConditionsFromParameters()`): the shortest field
 * name followed by a run of one or two operator characters, then the rest. `.` stops at a line
 * break, so a condition spread over two lines does not match at all.
 */
const CONDITION = /^(.+?)([=<>!~]{1,2})(.*)$/;

/**
 * Splits `field<op>value` as Copernica does; undefined when it would not read the condition:
 * a line break inside it, or an operator run that is not one of the nine. `age<~5` reads the
 * run `<~` and is dropped; there is no falling back to `<` (the worse reading: the docs are silent).
 */
export function parseCondition(raw: string): ParsedCondition | undefined {
	const text = phpTrim(raw);
	// A CR is a line break too for a line-based reader; dropping the condition is the worse case.
	if (/[\r\n]/.test(text)) return undefined;
	const parts = CONDITION.exec(text);
	if (!parts) return undefined;
	const [, field, operator, value] = parts;
	if (!OPERATORS.includes(operator)) return undefined;
	return { field, operator: operator as Operator, value };
}

/** `%` is any run of characters, `_` exactly one; everything else literal (§2.1, no escape exists, §2.2). */
export function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
	const source = Array.from(pattern)
		.map((character) => {
			if (character === '%') return '.*';
			if (character === '_') return '.';
			return character.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
		})
		.join('');
	return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

/**
 * How a field's values are compared (§2.3): text and email case-insensitively (COLLATE NOCASE),
 * select fields byte for byte (COLLATE BINARY), numbers as numbers, dates as Copernica's
 * `YYYY-MM-DD hh:mm:ss` text after the cast below.
 */
export type Comparison = 'text' | 'binary' | 'integer' | 'float' | 'date' | 'datetime';

/**
 * PHP's cast of a string to a number (§5 "integers turn non-numeric input into 0", Helper.php
 * `normalizeInputValue()`): leading whitespace, then the longest numeric prefix; nothing
 * numeric is 0. `"n/a"` → 0, `"12abc"` → 12, `"1e3"` → 1000, `"0x1A"` → 0.
 */
export function phpFloat(text: string): number {
	const prefix = /^[ \t\n\r\v\f]*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text);
	const number = prefix ? Number(prefix[1]) : 0;
	return Number.isFinite(number) ? number : 0;
}

/** `(int)` of a string: the float prefix, truncated toward zero (`"1.9"` → 1). */
export function phpInt(text: string): number {
	return Math.trunc(phpFloat(text));
}

const ZERO_DATE = '0000-00-00';
const ZERO_TIME = '00:00:00';

/**
 * A date as Copernica keeps it. Values go "through strtotime-like parsing" (§5); the emulator
 * reads only the documented forms (`YYYY-MM-DD`, `YYYY-MM-DD hh:mm:ss`, §2.1 `modified`),
 * rolls impossible dates over as strtotime does (2026-02-30 → 2026-03-02), and turns anything
 * else into the zero date: the worse case, since `> garbage` then matches every date.
 */
export function phpDate(text: string, withTime: boolean): string {
	const parts = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text.trim());
	if (!parts) return withTime ? `${ZERO_DATE} ${ZERO_TIME}` : ZERO_DATE;
	const [, year, month, day, hour = '0', minute = '0', second = '0'] = parts;
	const date = new Date(
		Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)),
	);
	const iso = date.toISOString();
	return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(0, 10);
}

/** The condition's value as Copernica compares it to a field of this kind. */
function castForComparison(value: string, comparison: Comparison): string | number {
	switch (comparison) {
		case 'integer':
			return phpInt(value);
		case 'float':
			return phpFloat(value);
		case 'date':
			return phpDate(value, false);
		case 'datetime':
			return phpDate(value, true);
		case 'text':
			return value.toLowerCase();
		case 'binary':
			return value;
	}
}

/** One condition against one stored value, the way the field's type compares. */
export function matches(stored: string, condition: ParsedCondition, comparison: Comparison): boolean {
	const { operator, value } = condition;
	if (operator === '=~' || operator === '!~') {
		// LIKE compares the text as stored; only text fields ignore case.
		const like = likePattern(value, comparison === 'text').test(stored);
		return operator === '=~' ? like : !like;
	}
	const left = castForComparison(stored, comparison);
	const right = castForComparison(value, comparison);
	switch (operator) {
		case '==':
			return left === right;
		case '!=':
		case '<>':
			return left !== right;
		case '<':
			return left < right;
		case '>':
			return left > right;
		case '<=':
			return left <= right;
		case '>=':
			return left >= right;
	}
}
