import type { FieldType, INodePropertyOptions } from 'n8n-workflow';

/**
 * Copernica's field types as n8n types, for the field mapper: numbers get a number input,
 * dates a date picker, a select field its choices. Everything else is text (Copernica stores
 * all values as text and coerces silently, so text is never wrong).
 */

const NUMBER_TYPES = ['integer', 'float', 'foreign_key'];
const DATE_TYPES = ['date', 'empty_date'];
const DATETIME_TYPES = ['datetime', 'empty_datetime'];

/**
 * A select field's `value` holds its choices, one a line; the first is the default. Copernica
 * splits on line breaks and trims only the end of each (rmuit's Helper.php `rtrim`), so a
 * choice may start with spaces.
 */
export function selectChoices(value: string): string[] {
	return value
		.split(/\r?\n/)
		.map((choice) => choice.trimEnd())
		.filter((choice) => choice !== '');
}

export function n8nFieldType(copernicaType: string, value = ''): { type: FieldType; options?: INodePropertyOptions[] } {
	const type = copernicaType.toLowerCase();
	if (NUMBER_TYPES.includes(type)) return { type: 'number' };
	if (DATE_TYPES.includes(type) || DATETIME_TYPES.includes(type)) return { type: 'dateTime' };
	if (type === 'select') {
		const choices = selectChoices(value);
		if (choices.length > 0) return { type: 'options', options: choices.map((choice) => ({ name: choice, value: choice })) };
	}
	return { type: 'string' };
}

interface DateLike {
	toFormat(format: string): string;
}

function isDateLike(value: unknown): value is DateLike {
	return typeof value === 'object' && value !== null && typeof (value as DateLike).toFormat === 'function';
}

/** A date from n8n (a Luxon DateTime or a JS Date), which copernicaValue turns into Copernica's text. */
export function isDateValue(value: unknown): boolean {
	return isDateLike(value) || value instanceof Date;
}

/**
 * A date from n8n (a Luxon DateTime from the mapper's date picker, or a JS Date) in the form
 * Copernica stores: `YYYY-MM-DD` for date fields, `YYYY-MM-DD hh:mm:ss` otherwise. Other values
 * pass unchanged.
 */
export function copernicaValue(value: unknown, copernicaType: string): unknown {
	const dateOnly = DATE_TYPES.includes(copernicaType.toLowerCase());
	if (isDateLike(value)) return value.toFormat(dateOnly ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm:ss');
	if (value instanceof Date && !Number.isNaN(value.getTime())) {
		const iso = value.toISOString();
		return dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
	}
	return value;
}
