import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectionGiven, collectionIdByName } from '../helpers/collectionName';
import type { ParameterProblem } from '../helpers/parameterProblem';
import { BUILT_IN_SELECTION_FIELDS } from '../helpers/selection';
import type { DatabaseField } from '../transport/databaseSchema';
import {
	getCollectionFields,
	getDatabaseCollections,
	getDatabaseFields,
	getDatabaseInterests,
} from '../transport/databaseSchema';

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

function fieldOptions(fields: DatabaseField[]): INodePropertyOptions[] {
	return fields.map((field) => ({ name: field.name, value: field.name, description: field.type }));
}

/**
 * Fields plus ID, Secret Code and Modified, for selection conditions and Order By. A built-in
 * that the database has a real field for is left out: Copernica then compares the field
 * (copernica-api.md §2.1), so the built-in entry would promise something it does not do.
 */
function withBuiltIns(fields: INodePropertyOptions[]): INodePropertyOptions[] {
	const taken = new Set(fields.map((field) => String(field.value).toLowerCase()));
	const builtIns = BUILT_IN_SELECTION_FIELDS.filter(({ value }) => !taken.has(value)).map(({ name, value, description }) => ({
		name,
		value,
		description,
	}));
	return [...fields, ...builtIns];
}

/** The database's fields, every page, for Fields to Set. */
export async function getDatabaseFieldOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return fieldOptions(await getDatabaseFields.call(this, chosenDatabase(this)));
}

export async function getSelectionFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return withBuiltIns(await getDatabaseFieldOptions.call(this));
}

/** The collection's fields, every page, for Fields to Set of subprofiles. */
export async function getCollectionFieldOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return fieldOptions(await getCollectionFields.call(this, await chosenCollection(this)));
}

export async function getCollectionSelectionFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return withBuiltIns(await getCollectionFieldOptions.call(this));
}

/** The database's interests, every page, by name (the body refers to interests by name). */
export async function getInterests(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const interests = await getDatabaseInterests.call(this, chosenDatabase(this));
	return interests.map((interest) => ({
		name: interest.group ? `${interest.name} (${interest.group})` : interest.name,
		value: interest.name,
	}));
}
