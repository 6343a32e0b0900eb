import type { FieldType, INodePropertyOptions } from 'n8n-workflow';

/**
 * Copernica's field types: how Copernica compares and stores their values (the selection
 * checks), and as n8n types for the field mapper: numbers get a number input, dates a date
 * picker, a select field its choices. Everything else is text (Copernica stores all values as
 * text and coerces silently, so text is never wrong).
 */

/**
 * How Copernica compares a field's values: text case-insensitively, select byte for byte, the
 * rest as numbers or dates. `other` is a type the node cannot say how Copernica stores (phone
 * numbers may be normalised, say): compared as text, but never trusted to be stored as written.
 */
export type ValueKind = 'text' | 'other' | 'select' | 'integer' | 'float' | 'date' | 'datetime';

const KINDS: Record<string, ValueKind> = {
	text: 'text',
	email: 'text',
	big: 'text',
	integer: 'integer',
	foreign_key: 'integer',
	float: 'float',
	select: 'select',
	date: 'date',
	empty_date: 'date',
	datetime: 'datetime',
	empty_datetime: 'datetime',
};

/** The kind of a Copernica field type (`GET database/{id}/fields`' `type`). */
export function valueKindOf(copernicaType: string): ValueKind {
	return KINDS[copernicaType.toLowerCase()] ?? 'other';
}

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
	const kind = valueKindOf(copernicaType);
	if (kind === 'integer' || kind === 'float') return { type: 'number' };
	if (kind === 'date' || kind === 'datetime') return { type: 'dateTime' };
	if (kind === 'select') {
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
	const dateOnly = valueKindOf(copernicaType) === 'date';
	if (isDateLike(value)) return value.toFormat(dateOnly ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm:ss');
	if (value instanceof Date && !Number.isNaN(value.getTime())) {
		const iso = value.toISOString();
		return dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
	}
	return value;
}
