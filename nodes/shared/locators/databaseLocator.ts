import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../helpers/parameterProblem';

/** The database an operation (or a trigger) works in: from the list, by ID or by name. */
export const databaseLocator: INodeProperties = {
	displayName: 'Database',
	name: 'database',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Copernica database that holds the profiles',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a database...',
			typeOptions: {
				searchListMethod: 'searchDatabases',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1234',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[0-9]+$', errorMessage: 'A database ID is a number' },
				},
			],
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Customers',
		},
	],
};

/** The Database parameter's value (ID or name, extracted from the locator), refused when empty. */
export function requiredDatabase(extracted: unknown): string {
	const database = String(extracted ?? '').trim();
	if (database === '') throw new ParameterProblem('No database chosen', 'Pick a database, or give its ID or name.');
	return database;
}

/** The item's database (ID or name) from the Database parameter, whichever way it was given. */
export function databaseOf(context: IExecuteFunctions, itemIndex: number): string {
	return requiredDatabase(context.getNodeParameter('database', itemIndex, '', { extractValue: true }));
}
