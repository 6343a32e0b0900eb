import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectionGiven, collectionIdByName } from '../helpers/collectionName';
import type { ParameterProblem } from '../helpers/parameterProblem';
import { getDatabaseCollections } from '../transport/databaseSchema';

/** The Database chosen in the editor (ID or name), for the lists that depend on it. */
export function chosenDatabase(context: ILoadOptionsFunctions): string {
	const database = String(context.getCurrentNodeParameter('database', { extractValue: true }) ?? '').trim();
	if (database === '') {
		throw new NodeOperationError(context.getNode(), 'Choose a database first', {
			description: 'The list shows the fields and interests of the chosen database.',
		});
	}
	return database;
}

/** The chosen collection's ID; one given by name is looked up among the database's collections. */
export async function chosenCollection(context: ILoadOptionsFunctions): Promise<string> {
	const given = collectionGiven(context.getCurrentNodeParameter('collection'));
	if (given.value === '') {
		throw new NodeOperationError(context.getNode(), 'Choose a collection first', {
			description: 'The list shows the fields of the chosen collection.',
		});
	}
	if (given.byId) return given.value;
	// The transport's own failures are NodeApiErrors already; only the name look-up is worded here.
	const collections = await getDatabaseCollections.call(context, chosenDatabase(context));
	try {
		return collectionIdByName(collections, given.value);
	} catch (error) {
		const problem = error as ParameterProblem;
		throw new NodeOperationError(context.getNode(), problem.message, { description: problem.description });
	}
}
