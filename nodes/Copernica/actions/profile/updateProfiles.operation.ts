import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { createdProfileId } from '../../helpers/createdProfile';
import {
	addMissingFields,
	checkFieldValues,
	isEmpty,
	parseFieldsJson,
	rowsToObject,
} from '../../helpers/fieldValues';
import type { FieldRowInput } from '../../helpers/fieldValues';
import { interestsToAdd, interestsToSet } from '../../helpers/interests';
import type { InterestRowInput, InterestsBody } from '../../helpers/interests';
import { ParameterProblem } from '../../helpers/parameterProblem';
import {
	buildSelection,
	checkSelectionShape,
	createdProfileMatchesSelection,
	selectionQuery,
	valuesImpliedBySelection,
} from '../../helpers/selection';
import type { SelectionConditionInput } from '../../helpers/selection';
import { updateDisplayOptions } from '../../helpers/updateDisplayOptions';
import { copernicaCount, copernicaRequest, pathOf } from '../../transport';
import type { QueryPairs } from '../../transport';
import { createSchemaCache } from '../../transport/databaseSchema';
import { concurrencyOf, requestOptions, retryPolicyOf, timeoutOf } from '../requestOptions';
import type { RequestOptionValues } from '../requestOptions';
import { selectionParameter } from '../common.descriptions';
import { forEachItem } from '../perItem';
import { createSameSelectionQueue, selectionKey } from '../sameSelectionQueue';

const properties: INodeProperties[] = [
	selectionParameter,
	{
		displayName: 'Create If No Match',
		name: 'createIfNoMatch',
		type: 'boolean',
		default: false,
		description:
			'Whether to create a profile when no profile matches the selection. The new profile also gets the values of the selection\'s Equals conditions, so the next run finds and updates it instead of creating another one.',
	},
	{
		displayName: 'Process in Background',
		name: 'processInBackground',
		type: 'boolean',
		default: false,
		description:
			'Whether Copernica should answer at once and update the profiles afterwards. Use it for large selections; the output then has no profile ID and no confirmation that the update finished.',
	},
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Allow Empty Values',
				name: 'allowEmptyValues',
				type: 'boolean',
				default: false,
				description:
					'Whether a selection condition may have an empty value, to match profiles whose field is empty. Off, an empty value (often an expression that found nothing) stops the item.',
			},
			{
				displayName: 'Max Matches',
				name: 'maxMatches',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description:
					'Count the profiles the selection matches first (one extra request) and change nothing when there are more than this',
			},
			...requestOptions,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['profile'], operation: ['updateProfiles'] } },
	properties,
);

interface UpdateOptions extends RequestOptionValues {
	allowEmptyValues?: boolean;
	maxMatches?: number;
}

function requestedFields(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	if (context.getNodeParameter('fieldsInput', itemIndex) === 'json') {
		return parseFieldsJson(context.getNodeParameter('fieldsJson', itemIndex, '{}'));
	}
	const rows = context.getNodeParameter('fieldValues.fields', itemIndex, []) as FieldRowInput[];
	return rowsToObject(rows);
}

function requestedInterests(
	context: IExecuteFunctions,
	itemIndex: number,
	databaseInterests: string[],
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

/**
 * PUT database/{id}/profiles: changes every profile that matches the selection, or creates
 * one when asked and none matches. Everything that can be refused is refused before the PUT.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const schemaOf = createSchemaCache(this);
	const inTurn = createSameSelectionQueue();

	return await forEachItem.call(this, async (itemIndex) => {
		const database = String(
			this.getNodeParameter('database', itemIndex, '', { extractValue: true }) ?? '',
		).trim();
		if (database === '') {
			throw new ParameterProblem('No database chosen', 'Pick a database, or give its ID or name.');
		}
		const conditions = this.getNodeParameter('selection.conditions', itemIndex, []) as SelectionConditionInput[];
		const create = this.getNodeParameter('createIfNoMatch', itemIndex, false) as boolean;
		const background = this.getNodeParameter('processInBackground', itemIndex, false) as boolean;
		const options = this.getNodeParameter('options', itemIndex, {}) as UpdateOptions;

		// Mistakes that need no look-up are refused before the first request.
		const rules = { allowEmptyValues: options.allowEmptyValues === true };
		checkSelectionShape(conditions, rules);
		const fieldsAsked = requestedFields(this, itemIndex);

		const transport = { retry: retryPolicyOf(options), timeoutMs: timeoutOf(options), itemIndex };
		const schema = await schemaOf(database, transport);
		const fieldNames = schema.fields.map((field) => field.name);
		const selection = buildSelection(conditions, fieldNames, rules);
		let fields = checkFieldValues(fieldsAsked, fieldNames);
		if (create) fields = addMissingFields(fields, valuesImpliedBySelection(selection));
		const interests = requestedInterests(
			this,
			itemIndex,
			schema.interests.map((interest) => interest.name),
		);
		if (isEmpty(fields) && interests === undefined) {
			throw new ParameterProblem(
				'Nothing to set',
				'Add at least one field under Fields to Set, or choose Interests. Without them the update would change nothing.',
			);
		}

		const profilesPath = pathOf('database', database, 'profiles');
		const query: QueryPairs = selectionQuery(selection);
		if (create) query.push(['create', '1']);
		if (background) query.push(['async', '1']);
		const body: IDataObject = {};
		if (!isEmpty(fields)) body.fields = fields;
		if (interests !== undefined) body.interests = interests as IDataObject | string[];

		return await inTurn(selectionKey(database, selection.expressions), async () => {
			const result: IDataObject = { database, selection: selection.expressions };
			if (options.maxMatches !== undefined) {
				const matches = await copernicaCount.call(this, {
					...transport,
					path: profilesPath,
					query: selectionQuery(selection),
					action: 'counting the profiles the selection matches',
				});
				result.matches = matches;
				if (matches > options.maxMatches) {
					throw new ParameterProblem(
						`The selection matches ${matches} profiles, more than Max Matches (${options.maxMatches}); nothing was changed`,
						'Narrow the selection, or raise Max Matches under Options if this many profiles should change.',
					);
				}
			}

			const response = await copernicaRequest.call(this, {
				...transport,
				method: 'PUT',
				path: profilesPath,
				query,
				body,
				action: 'updating profiles',
				mayCreate: create && !createdProfileMatchesSelection(selection, fields),
			});
			const profileId = createdProfileId(response);
			return {
				...result,
				created: profileId !== undefined,
				profileId: profileId ?? null,
				async: background,
				statusCode: response.statusCode,
			};
		});
	}, concurrencyOf(this.getNodeParameter('options', 0, {}) as UpdateOptions));
}
