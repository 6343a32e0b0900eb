import type { INodeProperties } from 'n8n-workflow';

import { SELECTION_OPERATORS } from '../../shared/helpers/selection';

/**
 * Conditions joined with AND; checked against the database's (or collection's) fields before
 * anything is sent. `loadOptionsMethod` lists those fields and ID, Secret Code and Modified.
 */
export function selectionParameterFor(loadOptionsMethod: string, dependsOn: string): INodeProperties {
	return {
		displayName: 'Selection',
		name: 'selection',
		type: 'fixedCollection',
		placeholder: 'Add Condition',
		default: {},
		required: true,
		typeOptions: { multipleValues: true, sortable: true },
		description:
			'Profiles that meet every condition (AND). Conditions on fields the database does not have are refused before anything is sent, because Copernica would ignore them and change every profile.',
		options: [
			{
				displayName: 'Condition',
				name: 'conditions',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: {
							loadOptionsMethod,
							loadOptionsDependsOn: [dependsOn],
						},
						default: '',
						description:
							'A field, or ID, Secret Code or Modified. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: SELECTION_OPERATORS.map(({ name, value, symbol, sentAs }) => ({
							name,
							value,
							description:
								symbol === sentAs
									? `Sent as ${sentAs}`
									: `Sent as ${sentAs}: Copernica documents ${symbol} as the same, but ${sentAs} is the form known to work`,
						})),
						default: 'equals',
						description:
							'How the field is compared with the value. Is Like uses % for any run of characters and _ for exactly one.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'Compared as written, on one line. What a field accepts depends on its type: whole numbers for integer fields, YYYY-MM-DD for dates, one of the choices for a select field. Empty only with Options → Allow Empty Values.',
					},
				],
			},
		],
	};
}

export const selectionParameter = selectionParameterFor('getSelectionFields', 'database.value');

/** Selections refuse empty values unless this option says the user means them. */
export const allowEmptyValuesOption: INodeProperties = {
	displayName: 'Allow Empty Values',
	name: 'allowEmptyValues',
	type: 'boolean',
	default: false,
	description:
		'Whether a selection condition may have an empty value, to match profiles whose field is empty. Off, an empty value (often an expression that found nothing) stops the item.',
};

/** n8n's Return All / Limit pair for list operations. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000000 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** A Simplify switch (on by default) whose description says what the simplified output keeps. */
export function simplifySwitch(description: string): INodeProperties {
	return { displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description };
}
