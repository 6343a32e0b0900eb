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
	checkSelectionShape,
	createdProfileMatchesSelection,
	resolveSelection,
	selectionQuery,
	valuesImpliedBySelection,
} from '../../helpers/selection';
import type { Selection, SelectionConditionInput } from '../../helpers/selection';
import { updateDisplayOptions } from '../../helpers/updateDisplayOptions';
import { copernicaCount, copernicaRequest, pathOf } from '../../transport';
import type { QueryPairs } from '../../transport';
import { createSchemaCache } from '../../transport/databaseSchema';
import type { RequestSettings, SchemaLookup } from '../../transport/databaseSchema';
import { concurrencyOf, requestOptions, requestSettingsOf } from '../requestOptions';
import type { RequestOptionValues } from '../requestOptions';
import { allowEmptyValuesOption, selectionParameter } from '../common.descriptions';
import { databaseOf } from '../databaseParameter';
import { forEachItem } from '../perItem';
import type { RequestLimiter } from '../../transport/requestLimiter';
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
			allowEmptyValuesOption,
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

/** One item's update, checked against its database and ready to send. */
interface PreparedUpdate {
	database: string;
	/** `database/{database}/profiles`, where both the count and the PUT go. */
	profilesPath: string;
	selection: Selection;
	query: QueryPairs;
	body: IDataObject;
	create: boolean;
	background: boolean;
	maxMatches?: number;
	/** Whether a retry after sending could create a second profile (see transport/retry.ts). */
	mayCreate: boolean;
	transport: RequestSettings;
}

/**
 * Reads and checks one item's parameters. Mistakes that need no look-up are refused before the
 * first request; the rest after reading the database's fields and interests (once per database).
 */
async function prepareUpdate(
	context: IExecuteFunctions,
	itemIndex: number,
	schemaOf: SchemaLookup,
	limiter: RequestLimiter,
): Promise<PreparedUpdate> {
	const database = databaseOf(context, itemIndex);
	const conditions = context.getNodeParameter('selection.conditions', itemIndex, []) as SelectionConditionInput[];
	const create = context.getNodeParameter('createIfNoMatch', itemIndex, false) as boolean;
	const background = context.getNodeParameter('processInBackground', itemIndex, false) as boolean;
	const options = context.getNodeParameter('options', itemIndex, {}) as UpdateOptions;

	const rules = { allowEmptyValues: options.allowEmptyValues === true };
	const shaped = checkSelectionShape(conditions, rules);
	const fieldsAsked = requestedFields(context, itemIndex);

	const transport = requestSettingsOf(options, itemIndex, limiter);
	const schema = await schemaOf(database, transport);
	const fieldNames = schema.fields.map((field) => field.name);
	const selection = resolveSelection(shaped, fieldNames);
	let fields = checkFieldValues(fieldsAsked, fieldNames);
	if (create) fields = addMissingFields(fields, valuesImpliedBySelection(selection));
	const interests = requestedInterests(
		context,
		itemIndex,
		schema.interests.map((interest) => interest.name),
	);
	if (isEmpty(fields) && interests === undefined) {
		throw new ParameterProblem(
			'Nothing to set',
			'Add at least one field under Fields to Set, or choose Interests. Without them the update would change nothing.',
		);
	}

	const query: QueryPairs = selectionQuery(selection);
	if (create) query.push(['create', '1']);
	if (background) query.push(['async', '1']);
	const body: IDataObject = {};
	if (!isEmpty(fields)) body.fields = fields;
	if (interests !== undefined) body.interests = interests as IDataObject | string[];

	return {
		database,
		profilesPath: pathOf('database', database, 'profiles'),
		selection,
		query,
		body,
		create,
		background,
		maxMatches: options.maxMatches,
		mayCreate: create && !createdProfileMatchesSelection(selection, fields),
		transport,
	};
}

/** Max Matches: count first, and refuse when the selection matches more profiles than allowed. */
async function countMatches(context: IExecuteFunctions, update: PreparedUpdate, maxMatches: number): Promise<number> {
	const matches = await copernicaCount.call(context, {
		...update.transport,
		path: update.profilesPath,
		query: selectionQuery(update.selection),
		action: 'counting the profiles the selection matches',
	});
	if (matches > maxMatches) {
		throw new ParameterProblem(
			`The selection matches ${matches} profiles, more than Max Matches (${maxMatches}); nothing was changed`,
			'Narrow the selection, or raise Max Matches under Options if this many profiles should change.',
		);
	}
	return matches;
}

/** The PUT itself, and the output item that reports it. */
async function sendUpdate(context: IExecuteFunctions, update: PreparedUpdate): Promise<IDataObject> {
	const result: IDataObject = { database: update.database, selection: update.selection.expressions };
	if (update.maxMatches !== undefined) result.matches = await countMatches(context, update, update.maxMatches);
	const response = await copernicaRequest.call(context, {
		...update.transport,
		method: 'PUT',
		path: update.profilesPath,
		query: update.query,
		body: update.body,
		action: 'updating profiles',
		mayCreate: update.mayCreate,
	});
	const profileId = createdProfileId(response);
	return {
		...result,
		created: profileId !== undefined,
		profileId: profileId ?? null,
		async: update.background,
		statusCode: response.statusCode,
	};
}

/**
 * PUT database/{id}/profiles: changes every profile that matches the selection, or creates
 * one when asked and none matches. Everything that can be refused is refused before the PUT.
 * Items run in parallel (Parallel Requests), except items with the same selection, which take
 * turns so that a create happens once and the last item's values win.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const schemaOf = createSchemaCache(this);
	const inTurn = createSameSelectionQueue();
	const concurrency = concurrencyOf(this.getNodeParameter('options', 0, {}) as UpdateOptions);

	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const update = await prepareUpdate(this, itemIndex, schemaOf, limiter);
			const key = selectionKey(update.database, update.selection.expressions);
			return await inTurn(key, async () => await sendUpdate(this, update));
		},
		concurrency,
	);
}
