import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isDateValue } from '../../../shared/helpers/fieldTypes';
import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import type { SelectionConditionInput } from '../../../shared/helpers/selection';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { mapperMatchingFields } from '../../parameters/fieldsToSet';
import { profileValueProperties } from './profileValues';
import { selectionUpdateOptions } from '../../selection/selectionUpdateOptions';
import { runSelectionUpdates } from './selectionUpdate';

const properties: INodeProperties[] = [
	{
		displayName: 'Fields to Match On Names or IDs',
		name: 'matchFields',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getDatabaseFields',
			loadOptionsDependsOn: ['database.value'],
		},
		required: true,
		default: [],
		displayOptions: { hide: { fieldsInput: ['mapper'] } },
		description:
			'The fields that identify a profile, such as email or customer ID. Their values come from Fields to Set; a profile whose fields equal all of them is updated, and when none does one is created. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...profileValueProperties('upsert'),
	selectionUpdateOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['profile'], operation: ['upsert'] } }, properties);

/**
 * The selection of an upsert: each field to match on equals the value the item sets for it.
 * A field to match on without a value in Fields to Set is refused: the condition would be
 * `email==` and match every profile without an email address.
 */
function matchConditions(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: Record<string, unknown>,
): SelectionConditionInput[] {
	// With the field mapper, its own "fields to match on" say it.
	const raw = mapperMatchingFields(context, itemIndex) ?? (context.getNodeParameter('matchFields', itemIndex, []) as unknown);
	const names = (Array.isArray(raw) ? raw : [raw]).map((name) => String(name ?? '')).filter((name) => name !== '');
	if (names.length === 0) {
		throw new ParameterProblem(
			'No field to match on',
			'Pick at least one field under Fields to Match On, such as email. It decides which profile is updated.',
		);
	}
	return names.map((name) => {
		const given = Object.keys(fields).find((field) => field.toLowerCase() === name.toLowerCase());
		if (given === undefined) {
			throw new ParameterProblem(
				`The field to match on "${name}" has no value`,
				`Add "${name}" under Fields to Set: its value decides which profile is updated, or whether one is created.`,
			);
		}
		const value = fields[given];
		if (value !== null && typeof value === 'object' && !isDateValue(value)) {
			throw new ParameterProblem(
				`The field to match on "${name}" has no single value`,
				`Its value in Fields to Set is ${Array.isArray(value) ? 'a list' : 'an object'}. Map one text, number or date to "${name}".`,
			);
		}
		return { field: name, operator: 'equals', value };
	});
}

/**
 * Create or Update: `PUT database/{id}/profiles?fields[]=<match>==<value>&create=1`. Copernica
 * updates the profiles whose match fields equal the item's values, or creates one when none
 * does; the new profile carries the match values, so the next run updates it.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runSelectionUpdates.call(this, {
		conditionsOf: matchConditions,
		createOf: () => true,
		backgroundOf: () => false,
	});
}
