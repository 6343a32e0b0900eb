import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../helpers/parameterProblem';
import { locatorModes } from './locatorModes';

/** The database an operation (or a trigger) works in: from the list, by ID or by name. */
export const databaseLocator: INodeProperties = {
	displayName: 'Database',
	name: 'database',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Copernica database that holds the profiles',
	modes: locatorModes({ noun: 'database', searchListMethod: 'searchDatabases', idExample: '1234', nameExample: 'Customers' }),
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
