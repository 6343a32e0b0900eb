import type { ValueKind } from './fieldTypes';
import { ParameterProblem } from './parameterProblem';

/**
 * What a selection value may be, by the type of the field it is compared with. Copernica casts
 * a value to the field's type before comparing and says nothing when the cast changes it
 * (copernica-api.md §2.3, §5): `points==n/a` compares with 0 and so selects every profile with
 * 0 points, `lastorder>soon` compares with no date at all. So a value goes out only in a form
 * that Copernica reads exactly as written: an allow-list per type, everything else refused.
 */

/**
 * A value for a message: quoted, with invisible characters (zero-width, direction marks, no-break
 * and other unusual spaces) written as U+ codes, so "\u200F5" does not read as "5".
 */
export function shown(value: string): string {
	const visible = Array.from(value)
		.map((character) =>
			/[\p{Cf}\p{Zl}\p{Zp}]|[^\S ]|\p{Zs}/u.test(character) && character !== ' '
				? `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`
				: character,
		)
		.join('');
	return `"${visible}"`;
}

/** The field a condition compares with, as far as its values are concerned. */
export interface ComparedField {
	/** As the database spells it, for messages. */
	name: string;
	kind: ValueKind;
	/** A select field's choices (case-sensitive); empty for other kinds. */
	choices: readonly string[];
	/** `id` accepts no negative numbers. */
	unsigned?: boolean;
	/** The most characters a text field keeps (Copernica cuts off the rest, as far as anyone can tell). */
	maxLength?: number;
}

/**
 * Whole numbers as PHP writes them: no sign but `-`, no leading zeros, no exponent, at most 18
 * digits (PHP's integers end at 9,223,372,036,854,775,807; beyond that they become floats).
 */
const WHOLE_NUMBER = /^-?(?:0|[1-9]\d{0,17})$/;
/** Decimal numbers with a point, at most 15 significant digits (what a double keeps exactly). */
const DECIMAL_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const ORDERING = ['<', '>', '<=', '>='];
const LIKE = ['=~', '!~'];

function isRealDate(year: string, month: string, day: string): boolean {
	const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
	return (
		Number(year) >= 1000 &&
		date.getUTCFullYear() === Number(year) &&
		date.getUTCMonth() === Number(month) - 1 &&
		date.getUTCDate() === Number(day)
	);
}

function isRealTime(hour: string, minute: string, second: string): boolean {
	return Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;
}

function significantDigits(number: string): number {
	return number.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
}

/** What each kind accepts, in words, for messages and the README. */
export const ACCEPTED_FORMS: Record<ValueKind, string> = {
	text: 'any text on one line',
	other: 'any text on one line',
	select: 'one of the field\'s choices, spelled exactly (capitals count)',
	integer: 'a whole number in digits, such as 42 or -7 (no spaces, leading zeros, + or exponent)',
	float: 'a number in digits with a point for decimals, such as 12.5 (no spaces, comma, + or exponent)',
	date: 'a date as YYYY-MM-DD, such as 2026-03-31',
	datetime:
		'a date and time as YYYY-MM-DD hh:mm:ss, such as 2026-03-31 17:00:00 (with Is Less/Greater Than, a date alone means its midnight)',
};

function kindInWords(field: ComparedField): string {
	if (field.unsigned) return 'the profile ID, a whole number';
	const words: Record<ValueKind, string> = {
		text: 'a text field',
		other: 'a field of another type',
		select: 'a select field',
		integer: 'an integer field',
		float: 'a float field',
		date: 'a date field',
		datetime: 'a date and time field',
	};
	return words[field.kind];
}

/**
 * Refuses a value Copernica would read as something else than written, for the field's kind and
 * the operator. `where` names the condition ("Condition 2").
 */
export function checkTypedValue(
	where: string,
	field: ComparedField,
	operator: string,
	value: string,
	allowEmptyValues: boolean,
): void {
	const refuse = (what: string, why: string): never => {
		throw new ParameterProblem(
			`${where}: ${what}`,
			`${why} Nothing was sent. ${field.name} accepts ${ACCEPTED_FORMS[field.kind]}.`,
		);
	};
	if (field.kind === 'text' || field.kind === 'other') return;
	if (field.kind === 'select') {
		if (ORDERING.includes(operator) || LIKE.includes(operator)) return;
		if (value === '' && allowEmptyValues) return;
		if (field.choices.includes(value)) return;
		const sameButCase = field.choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
		refuse(
			`${shown(value)} is not one of the choices of ${field.name}${sameButCase ? ` (did you mean "${sameButCase}"?)` : ''}`,
			`Copernica compares select fields letter for letter and stores a value that is not a choice as empty, so this condition would not mean what it says${operator === '==' ? ', and with Create If No Match every run would create another profile' : ''}. Choices: ${field.choices.join(', ') || '(none)'}.`,
		);
	}
	if (LIKE.includes(operator)) {
		refuse(
			`Is Like and Is Not Like compare text, and ${field.name} is ${kindInWords(field)}`,
			'Copernica does not document how it compares a pattern with a number or a date. Use Is Less Than or Is Greater Than (and their Or Equal To forms) for a range.',
		);
	}
	if (value === '') {
		if (field.kind === 'integer' || field.kind === 'float') {
			refuse(
				`the value is empty, and ${field.name} is ${kindInWords(field)}`,
				'Copernica reads an empty number as 0, so this would select every profile with 0 instead of the empty ones.',
			);
		}
		return; // an empty date, allowed by Allow Empty Values (checked before): the profiles without one
	}
	switch (field.kind) {
		case 'integer':
			if (WHOLE_NUMBER.test(value) && !(field.unsigned && value.startsWith('-'))) return;
			refuse(
				`${shown(value)} is not a whole number, and ${field.name} is ${kindInWords(field)}`,
				`Copernica would cast it as PHP does ("n/a" and "0x10" become 0, "1.5" becomes 1, "12abc" becomes 12) and select other profiles than the ones you mean.`,
			);
			break;
		case 'float':
			if (DECIMAL_NUMBER.test(value) && significantDigits(value) <= 15) return;
			refuse(
				`${shown(value)} is not a number Copernica reads exactly, and ${field.name} is ${kindInWords(field)}`,
				'Copernica would cast it as PHP does ("n/a" becomes 0, "1,5" becomes 1) and select other profiles than the ones you mean.',
			);
			break;
		case 'date': {
			const parts = DATE.exec(value);
			if (parts && isRealDate(parts[1], parts[2], parts[3])) return;
			refuse(
				`${shown(value)} is not a date as YYYY-MM-DD, and ${field.name} is ${kindInWords(field)}`,
				'Copernica reads other forms its own way (an impossible date such as 2026-02-30 rolls over, words become no date at all) and would select other profiles than the ones you mean.',
			);
			break;
		}
		case 'datetime': {
			const full = DATE_TIME.exec(value);
			if (full && isRealDate(full[1], full[2], full[3]) && isRealTime(full[4], full[5], full[6])) return;
			const dateOnly = DATE.exec(value);
			const realDateOnly = dateOnly !== null && isRealDate(dateOnly[1], dateOnly[2], dateOnly[3]);
			if (realDateOnly && ORDERING.includes(operator)) return;
			refuse(
				`${shown(value)} is not a date and time as YYYY-MM-DD hh:mm:ss, and ${field.name} is ${kindInWords(field)}`,
				realDateOnly
					? 'A date alone means its midnight, so Equals and Does Not Equal would compare with 00:00:00 only. Give the time too, or compare with Is Less Than / Is Greater Than.'
					: 'Copernica reads other forms its own way (an impossible date rolls over, words become no date at all) and would select other profiles than the ones you mean.',
			);
		}
	}
}

/** A LIKE pattern without a single literal character (`%`, `__`) matches every value. */
export function isOnlyWildcards(pattern: string): boolean {
	return pattern !== '' && /^[%_]+$/.test(pattern);
}

/**
 * A value as Copernica stores it in a field of this kind (§5: silent coercion), in the form
 * `comparedForm` gives a selection value: to tell whether a profile created with it matches the
 * selection it was created by. Undefined when the node cannot say (a value that is not a
 * scalar, a number or date outside the accepted forms).
 */
export function storedForm(value: unknown, field: ComparedField): string | undefined {
	const text = asPhpString(value);
	if (text === undefined) return undefined;
	switch (field.kind) {
		case 'text':
			return (field.maxLength === undefined ? text : Array.from(text).slice(0, field.maxLength).join('')).toLowerCase();
		case 'other':
			return undefined;
		case 'select':
			return field.choices.includes(text) ? text : '';
		case 'integer':
			return WHOLE_NUMBER.test(text) ? wholeNumber(text) : undefined;
		case 'float':
			return DECIMAL_NUMBER.test(text) && significantDigits(text) <= 15 ? String(Number(text)) : undefined;
		case 'date':
		case 'datetime':
			return DATE.test(text) || DATE_TIME.test(text) ? text : undefined;
	}
}

/**
 * A written value as PHP turns it into text before storing (copernica-api.md §5,
 * `normalizeInputValue()`): true is "1", false "". A number only when JavaScript and PHP write it
 * alike (plain digits, not 1e+21); anything else the node cannot say.
 */
function asPhpString(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? '1' : '';
	if (typeof value === 'number') {
		const text = String(value);
		return Number.isFinite(value) && DECIMAL_NUMBER.test(text) ? text : undefined;
	}
	return undefined;
}

/** A whole number in digits as a digit string (not through a double: 18 digits do not fit one), -0 as 0. */
function wholeNumber(text: string): string {
	return text === '-0' ? '0' : text;
}

/** A selection value (already checked) as Copernica compares it; see storedForm. */
export function comparedForm(value: string, field: ComparedField): string {
	switch (field.kind) {
		case 'text':
		case 'other':
			return value.toLowerCase();
		case 'integer':
			return wholeNumber(value);
		case 'float':
			return String(Number(value));
		default:
			return value;
	}
}
