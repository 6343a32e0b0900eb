import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { selectChoices, valueKindOf } from '../../../shared/helpers/fieldTypes';
import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { databaseLocator, databaseOf } from '../../../shared/locators/databaseLocator';
import { forEachItem } from '../../itemRunner/perItem';
import { requestSettingsOf, singleRequestOptionsCollection } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { createInDatabase, requiredName } from './createInDatabase';

/** Copernica's field types (`rest-post-database-fields`), in its words. */
export const FIELD_TYPES = [
	{ name: 'Big (Long Text)', value: 'big' },
	{ name: 'Date', value: 'date' },
	{ name: 'Date (May Be Empty)', value: 'empty_date' },
	{ name: 'Date and Time', value: 'datetime' },
	{ name: 'Date and Time (May Be Empty)', value: 'empty_datetime' },
	{ name: 'Email (One per Database)', value: 'email' },
	{ name: 'Fax Number (One per Database)', value: 'phone_fax' },
	{ name: 'Float', value: 'float' },
	{ name: 'Foreign Key', value: 'foreign_key' },
	{ name: 'Integer', value: 'integer' },
	{ name: 'Mobile Number (One per Database)', value: 'phone_gsm' },
	{ name: 'Select', value: 'select' },
	{ name: 'Text', value: 'text' },
] as const;

const TYPES: readonly string[] = FIELD_TYPES.map((type) => type.value);

interface FieldOptions {
	description?: string;
	displayed?: boolean;
	ordered?: boolean;
	length?: number;
	textlines?: number;
	hidden?: boolean;
	index?: boolean;
	lock?: boolean;
}

const properties: INodeProperties[] = [
	{ ...databaseLocator, description: 'The Copernica database to add the field to' },
	{
		displayName: 'Name',
		name: 'fieldName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. loyalty_points',
		description: 'The name of the new field',
	},
	{
		displayName: 'Type',
		name: 'fieldType',
		type: 'options',
		options: [...FIELD_TYPES],
		default: 'text',
		description: 'What the field holds; Copernica allows one email, one fax and one mobile number field per database',
	},
	{
		displayName: 'Choices',
		name: 'choices',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. bronze\nsilver\ngold',
		description: 'The choices of the select field, one a line; the first is the default',
		displayOptions: { show: { fieldType: ['select'] } },
	},
	{
		displayName: 'Default Value',
		name: 'defaultValue',
		type: 'string',
		default: '',
		description: 'The value new profiles get; empty for none. Whole numbers for integer fields, YYYY-MM-DD for dates.',
		displayOptions: { hide: { fieldType: ['select'] } },
	},
	{
		displayName: 'Field Options',
		name: 'fieldOptions',
		type: 'collection',
		placeholder: 'Add Field Option',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'What the field is for' },
			{ displayName: 'Displayed', name: 'displayed', type: 'boolean', default: false, description: 'Whether the field is shown in the overviews of profiles' },
			{ displayName: 'Hidden', name: 'hidden', type: 'boolean', default: false, description: 'Whether the field is hidden in Copernica\'s interface' },
			{ displayName: 'Index', name: 'index', type: 'boolean', default: false, description: 'Whether Copernica indexes the field, for faster selections on it' },
			{
				displayName: 'Length',
				name: 'length',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 255,
				description: 'The most characters a text field keeps',
			},
			{ displayName: 'Lock', name: 'lock', type: 'boolean', default: false, description: 'Whether only the API may change the field' },
			{ displayName: 'Ordered', name: 'ordered', type: 'boolean', default: false, description: 'Whether overviews may be sorted on the field' },
			{
				displayName: 'Text Lines',
				name: 'textlines',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'How many lines the field\'s input box has in Copernica\'s interface',
			},
		],
	},
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['database'], operation: ['createField'] } }, properties);

const CHECKS: Partial<Record<ReturnType<typeof valueKindOf>, { pattern: RegExp; form: string }>> = {
	integer: { pattern: /^-?\d+$/, form: 'a whole number' },
	float: { pattern: /^-?\d+(\.\d+)?$/, form: 'a number such as 2.5' },
	date: { pattern: /^\d{4}-\d{2}-\d{2}$/, form: 'a date as YYYY-MM-DD' },
	datetime: { pattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, form: 'a date and time as YYYY-MM-DD HH:MM:SS' },
};

function wholeNumber(value: unknown, option: string): number | undefined {
	if (value === undefined || value === '') return undefined;
	// Only a number or digits: Number(true), Number('0x10') and Number([5]) are numbers too.
	const number = typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) ? Number(value) : NaN;
	if (!Number.isInteger(number) || number < 1) throw new ParameterProblem(`${option}: ${String(value)} is not a whole number of 1 or more`, `Give ${option} as a whole number, or remove the option.`);
	return number;
}

/** The body of `POST database/{id}/fields`, or a ParameterProblem before anything is sent. */
export function fieldBody(name: string, type: string, value: string, options: FieldOptions): IDataObject {
	if (!TYPES.includes(type)) throw new ParameterProblem(`Type: unknown field type "${type}"`, `Use one of Copernica's types: ${TYPES.join(', ')}.`);
	let sent = value;
	if (type === 'select') {
		const choices = selectChoices(value);
		if (choices.length === 0) throw new ParameterProblem('Choices: a select field needs at least one choice', 'Give the choices, one a line.');
		sent = choices.join('\n');
	} else {
		const check = CHECKS[valueKindOf(type)];
		if (check && value !== '' && !check.pattern.test(value)) {
			throw new ParameterProblem(`Default Value: "${value}" is not ${check.form}`, `A ${type} field's default must be ${check.form}, or empty.`);
		}
	}
	// Only what the user set: no default value means none sent.
	const body: IDataObject = { name, type, ...(sent === '' ? {} : { value: sent }) };
	if (options.description !== undefined && options.description !== '') body.description = options.description;
	for (const flag of ['displayed', 'ordered', 'hidden', 'index', 'lock'] as const) {
		const given = options[flag];
		if (given === undefined) continue;
		// A switch from an expression must be a boolean: the string "true" would otherwise be sent as false.
		if (typeof given !== 'boolean') {
			throw new ParameterProblem(`${flag}: ${JSON.stringify(given)} is not true or false`, `Set the ${flag} option with its switch, or make its expression give a boolean.`);
		}
		body[flag] = given;
	}
	const length = wholeNumber(options.length, 'Length');
	if (length !== undefined) body.length = length;
	const textlines = wholeNumber(options.textlines, 'Text Lines');
	if (textlines !== undefined) body.textlines = textlines;
	return body;
}

/** POST database/{id}/fields; the output is the new field as Copernica lists it. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const database = databaseOf(this, itemIndex);
		const name = requiredName(this.getNodeParameter('fieldName', itemIndex, ''), 'field');
		const type = String(this.getNodeParameter('fieldType', itemIndex, 'text'));
		const value = String(this.getNodeParameter(type === 'select' ? 'choices' : 'defaultValue', itemIndex, '') ?? '');
		const body = fieldBody(name, type, type === 'select' ? value : value.trim(), this.getNodeParameter('fieldOptions', itemIndex, {}) as FieldOptions);
		const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
		return await createInDatabase(this, {
			database,
			list: 'fields',
			segment: 'field',
			name,
			body,
			settings: { ...requestSettingsOf(options, itemIndex, limiter), itemIndex },
		});
	});
}
