import type { IExecuteFunctions, INodeProperties, ResourceMapperField } from 'n8n-workflow';

import { copernicaValue } from '../../shared/helpers/fieldTypes';
import { checkFieldValues, parseFieldsJson, refuseUnsafeKey, refuseUnsafeKeys, rowsToObject } from '../../shared/helpers/fieldValues';
import type { FieldRowInput, FieldValues } from '../../shared/helpers/fieldValues';
import type { FieldOwner } from '../../shared/helpers/selection';
import type { DatabaseField } from '../../shared/transport/databaseSchema';

/**
 * Fields to Set, for profiles (the database's fields) and subprofiles (the collection's): n8n's
 * field mapper (map automatically from the input item, or each field below), rows of field and
 * value, or a JSON object. Only what is set is sent.
 */

export interface FieldSource {
	/** Lists the fields for the rows' dropdown (loadOptions). */
	loadOptionsMethod: string;
	/** Lists the fields, typed, for the field mapper (resourceMapping). */
	resourceMapperMethod: string;
	/** The parameter the fields depend on: `database.value` or `collection`. */
	dependsOn: string;
	/**
	 * The mapper's mode: `upsert` for Create or Update, where n8n's mapper asks for the fields to
	 * match on; `add` everywhere else (n8n would show a match selector in `update` mode, but the
	 * other operations find their profiles by selection or ID).
	 */
	mode: 'add' | 'upsert';
}

export function fieldsToSetProperties(source: FieldSource): INodeProperties[] {
	const { loadOptionsMethod, dependsOn } = source;
	return [
		{
			displayName: 'Fields to Set',
			name: 'fieldsInput',
			type: 'options',
			default: 'defineBelow',
			noDataExpression: true,
			options: [
				{
					name: 'Using Field Mapping',
					value: 'mapper',
					description:
						"Map the input item's fields automatically, or map each field below, with the fields' own types",
				},
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
			name: 'columns',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required: true,
			displayOptions: { show: { fieldsInput: ['mapper'] } },
			typeOptions: {
				loadOptionsDependsOn: [dependsOn],
				resourceMapper: {
					resourceMapperMethod: source.resourceMapperMethod,
					mode: source.mode,
					fieldWords: { singular: 'field', plural: 'fields' },
					// Only the fields added are set: a field left out keeps its value in Copernica.
					addAllFields: false,
					multiKeyMatch: true,
					supportAutoMap: true,
				},
			},
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

/** The fields as the user gave them; names are checked by checkRequestedFields once the fields are known. */
export interface RequestedFields {
	values: Record<string, unknown>;
	/**
	 * Mapped automatically from the input item: its keys that are no field (an ID, a date of
	 * the source system) are left out rather than refused, as n8n's auto-mapping does.
	 */
	autoMapped: boolean;
}

function mappedFields(context: IExecuteFunctions, itemIndex: number): RequestedFields {
	const mode = context.getNodeParameter('columns.mappingMode', itemIndex, 'defineBelow') as string;
	if (mode === 'autoMapInputData') {
		const json = context.getInputData()[itemIndex].json;
		// Refused even though unknown input keys are otherwise left out: this one would vanish unseen.
		refuseUnsafeKeys(json, 'Fields to Set (mapped automatically)');
		return { values: { ...json }, autoMapped: true };
	}
	// Read as `columns.value`, so n8n checks and converts each value against the field's type.
	const value = (context.getNodeParameter('columns.value', itemIndex, {}) ?? {}) as Record<string, unknown>;
	const schema = (context.getNodeParameter('columns.schema', itemIndex, []) ?? []) as ResourceMapperField[];
	const removed = new Set(schema.filter((field) => field.removed === true).map((field) => field.id));
	const values: Record<string, unknown> = {};
	for (const [name, fieldValue] of Object.entries(value)) {
		// n8n 2.x already leaves such keys out of parameters when it copies them (its deepCopy); older n8n passes them on.
		refuseUnsafeKey(name);
		// A field shown but left empty holds null: untouched, so not sent.
		if (fieldValue === null || fieldValue === undefined || removed.has(name)) continue;
		values[name] = fieldValue;
	}
	return { values, autoMapped: false };
}

export function requestedFields(context: IExecuteFunctions, itemIndex: number): RequestedFields {
	const input = context.getNodeParameter('fieldsInput', itemIndex) as string;
	if (input === 'mapper') return mappedFields(context, itemIndex);
	if (input === 'json') {
		return { values: parseFieldsJson(context.getNodeParameter('fieldsJson', itemIndex, '{}')), autoMapped: false };
	}
	const rows = context.getNodeParameter('fieldValues.fields', itemIndex, []) as FieldRowInput[];
	return { values: rowsToObject(rows), autoMapped: false };
}

/** Whether nothing at all was given: known before any request (auto-mapping is known only once the fields are). */
export function nothingGiven(asked: RequestedFields): boolean {
	return !asked.autoMapped && Object.keys(asked.values).length === 0;
}

/** The mapper's fields to match on (Create or Update), when the fields come from the mapper. */
export function mapperMatchingFields(context: IExecuteFunctions, itemIndex: number): string[] | undefined {
	if (context.getNodeParameter('fieldsInput', itemIndex) !== 'mapper') return undefined;
	return (context.getNodeParameter('columns.matchingColumns', itemIndex, []) ?? []) as string[];
}

/**
 * The requested fields checked against the database's (or collection's): unknown names refused
 * (auto-mapped ones left out), dates in Copernica's form, each value a single value.
 */
export function checkRequestedFields(
	asked: RequestedFields,
	fields: readonly DatabaseField[],
	owner: FieldOwner = 'database',
): FieldValues {
	const byName = new Map(fields.map((field) => [field.name.toLowerCase(), field]));
	const values: Record<string, unknown> = {};
	refuseUnsafeKeys(asked.values);
	for (const [name, value] of Object.entries(asked.values)) {
		const field = byName.get(name.toLowerCase());
		if (field === undefined && asked.autoMapped) continue;
		values[name] = field === undefined ? value : copernicaValue(value, field.type);
	}
	return checkFieldValues(
		values,
		fields.map((field) => field.name),
		'Fields to Set',
		owner,
	);
}
