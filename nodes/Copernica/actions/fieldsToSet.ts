import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseFieldsJson, rowsToObject } from '../helpers/fieldValues';
import type { FieldRowInput } from '../helpers/fieldValues';

/**
 * Fields to Set, for profiles (the database's fields) and subprofiles (the collection's): rows
 * of field and value, or a JSON object. Only what is set is sent.
 */
export function fieldsToSetProperties(loadOptionsMethod: string, dependsOn: string): INodeProperties[] {
	return [
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
					description: 'Pick fields and give each a value',
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
								loadOptionsMethod,
								loadOptionsDependsOn: [dependsOn],
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
	];
}

/** The fields as the user gave them, names not yet checked (a match column needs their values first). */
export function requestedFields(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	if (context.getNodeParameter('fieldsInput', itemIndex) === 'json') {
		return parseFieldsJson(context.getNodeParameter('fieldsJson', itemIndex, '{}'));
	}
	const rows = context.getNodeParameter('fieldValues.fields', itemIndex, []) as FieldRowInput[];
	return rowsToObject(rows);
}

