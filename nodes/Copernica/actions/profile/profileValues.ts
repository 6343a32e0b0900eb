import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isEmpty } from '../../../shared/helpers/fieldValues';
import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import type { FieldValues } from '../../../shared/helpers/fieldValues';
import { checkRequestedFields, fieldsToSetProperties, requestedFields } from '../../parameters/fieldsToSet';
import type { FieldSource } from '../../parameters/fieldsToSet';
import { interestsToAdd, interestsToSet } from '../../../shared/helpers/interests';
import type { InterestRowInput, InterestsBody } from '../../../shared/helpers/interests';
import type { DatabaseSchema } from '../../../shared/transport/databaseSchema';

/**
 * The fields and interests a profile operation writes (Update Profiles, Create, Create or
 * Update, Update): the same parameters and the same checks everywhere, so only what the user
 * set is sent and every name is one the database has.
 */
export function profileValueProperties(mode: FieldSource['mode']): INodeProperties[] {
	return [
		...fieldsToSetProperties({
			loadOptionsMethod: 'getDatabaseFields',
			resourceMapperMethod: 'getMappingFields',
			dependsOn: 'database.value',
			mode,
		}),
		...interestProperties,
	];
}

const interestProperties: INodeProperties[] = [
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

/**
 * `{fields, interests}` with only the parts the user set: the body of every profile write. With
 * neither, the item is refused: `consequence` says what the write would do.
 */
export function profileBody(
	fields: FieldValues,
	interests: InterestsBody | undefined,
	consequence = 'the update would change nothing',
): IDataObject {
	if (isEmpty(fields) && interests === undefined) {
		throw new ParameterProblem(
			'Nothing to set',
			`Add at least one field under Fields to Set, or choose Interests. Without them ${consequence}.`,
		);
	}
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
	const fields = checkRequestedFields(requestedFields(context, itemIndex), schema.fields);
	const interests = requestedInterests(
		context,
		itemIndex,
		schema.interests.map((interest) => interest.name),
	);
	return { fields, interests };
}
