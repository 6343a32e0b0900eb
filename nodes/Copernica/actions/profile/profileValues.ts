import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkFieldValues, isEmpty, parseFieldsJson, rowsToObject } from '../../helpers/fieldValues';
import type { FieldRowInput, FieldValues } from '../../helpers/fieldValues';
import { interestsToAdd, interestsToSet } from '../../helpers/interests';
import type { InterestRowInput, InterestsBody } from '../../helpers/interests';
import type { DatabaseSchema } from '../../transport/databaseSchema';

/**
 * The fields and interests a profile operation writes (Update Profiles, Create, Create or
 * Update, Update): the same parameters and the same checks everywhere, so only what the user
 * set is sent and every name is one the database has.
 */
export const profileValueProperties: INodeProperties[] = [
	{
		displayName: 'Fields to Set',
		name: 'fieldsInput',
		type: 'options',
		default: 'defineBelow',
		noDataExpression: true,
		options: [
			{
				name: 'Using Fields Below',
				value: 'defineBelow',
				description: 'Pick fields of the database and give each a value',
			},
			{ name: 'Using JSON', value: 'json', description: 'Give an object of field names and values' },
		],
		description: 'Only the fields you set are sent; every other field keeps its value',
	},
	{
		displayName: 'Fields',
		name: 'fieldValues',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { fieldsInput: ['defineBelow'] } },
		options: [
			{
				displayName: 'Field',
				name: 'fields',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getDatabaseFields',
							loadOptionsDependsOn: ['database.value'],
						},
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{
		displayName: 'Fields (JSON)',
		name: 'fieldsJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { fieldsInput: ['json'] } },
		description: 'An object of field names and values, e.g. {"firstname": "John"}. JSON that does not parse stops the item.',
	},
	{
		displayName: 'Interests',
		name: 'interestsInput',
		type: 'options',
		default: 'none',
		noDataExpression: true,
		options: [
			{ name: 'Leave Unchanged', value: 'none' },
			{
				name: 'Add',
				value: 'add',
				description: 'Switch the chosen interests on (sent as a list)',
			},
			{
				name: 'Set On/Off',
				value: 'set',
				description: 'Switch each chosen interest on or off (sent as name: 1 or 0)',
			},
		],
	},
	{
		displayName: 'Interests to Add Names or IDs',
		name: 'interestsToAdd',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getInterests',
			loadOptionsDependsOn: ['database.value'],
		},
		default: [],
		displayOptions: { show: { interestsInput: ['add'] } },
		description:
			'Interests to switch on. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Interests to Set',
		name: 'interestValues',
		type: 'fixedCollection',
		placeholder: 'Add Interest',
		default: {},
		typeOptions: { multipleValues: true },
		displayOptions: { show: { interestsInput: ['set'] } },
		options: [
			{
				displayName: 'Interest',
				name: 'interests',
				values: [
					{
						displayName: 'Interest Name or ID',
						name: 'interest',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getInterests',
							loadOptionsDependsOn: ['database.value'],
						},
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Subscribed',
						name: 'subscribed',
						type: 'boolean',
						default: true,
						description: 'Whether the interest is switched on',
					},
				],
			},
		],
	},
];

/** The fields as the user gave them, names not yet checked (a match column needs their values first). */
export function requestedFields(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	if (context.getNodeParameter('fieldsInput', itemIndex) === 'json') {
		return parseFieldsJson(context.getNodeParameter('fieldsJson', itemIndex, '{}'));
	}
	const rows = context.getNodeParameter('fieldValues.fields', itemIndex, []) as FieldRowInput[];
	return rowsToObject(rows);
}

/** The interests as the body carries them, checked against the database; undefined when left unchanged. */
export function requestedInterests(
	context: IExecuteFunctions,
	itemIndex: number,
	databaseInterests: readonly string[],
): InterestsBody | undefined {
	const mode = context.getNodeParameter('interestsInput', itemIndex) as string;
	if (mode === 'add') {
		const names = context.getNodeParameter('interestsToAdd', itemIndex, []) as unknown[];
		const list = interestsToAdd(Array.isArray(names) ? names : [names], databaseInterests);
		return list.length > 0 ? list : undefined;
	}
	if (mode === 'set') {
		const rows = context.getNodeParameter('interestValues.interests', itemIndex, []) as InterestRowInput[];
		const map = interestsToSet(rows, databaseInterests);
		return Object.keys(map).length > 0 ? map : undefined;
	}
	return undefined;
}

/** `{fields, interests}` with only the parts the user set: the body of every profile write. */
export function profileBody(fields: FieldValues, interests: InterestsBody | undefined): IDataObject {
	const body: IDataObject = {};
	if (!isEmpty(fields)) body.fields = fields;
	if (interests !== undefined) body.interests = interests as IDataObject | string[];
	return body;
}

/** The item's fields and interests, every name checked against the database. */
export function profileValuesOf(
	context: IExecuteFunctions,
	itemIndex: number,
	schema: DatabaseSchema,
): { fields: FieldValues; interests: InterestsBody | undefined } {
	const fields = checkFieldValues(
		requestedFields(context, itemIndex),
		schema.fields.map((field) => field.name),
	);
	const interests = requestedInterests(
		context,
		itemIndex,
		schema.interests.map((interest) => interest.name),
	);
	return { fields, interests };
}
