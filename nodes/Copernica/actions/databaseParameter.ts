import type { IExecuteFunctions } from 'n8n-workflow';

import { ParameterProblem } from '../helpers/parameterProblem';

/** The item's database (ID or name) from the Database parameter, whichever way it was given. */
export function databaseOf(context: IExecuteFunctions, itemIndex: number): string {
	const database = String(context.getNodeParameter('database', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (database === '') throw new ParameterProblem('No database chosen', 'Pick a database, or give its ID or name.');
	return database;
}
