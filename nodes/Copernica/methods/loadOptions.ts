import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

export function chosenCollection(context: ILoadOptionsFunctions): string {
	const collection = String(context.getCurrentNodeParameter('collection') ?? '').trim();
	if (collection === '') {
		throw new NodeOperationError(context.getNode(), 'Choose a collection first', {
			description: 'The list shows the fields of the chosen collection.',
		});
	}
	return collection;
}

function fieldOptions(fields: DatabaseField[]): INodePropertyOptions[] {
	return fields.map((field) => ({ name: field.name, value: field.name, description: field.type }));
}

/** Fields plus ID, Secret Code and Modified, for selection conditions and Order By. */
function withBuiltIns(fields: INodePropertyOptions[]): INodePropertyOptions[] {
	const builtIns = BUILT_IN_SELECTION_FIELDS.map(({ name, value, description }) => ({ name, value, description }));
	return [...fields, ...builtIns];
}

/** The database's fields, every page, for Fields to Set. */
export async function getDatabaseFieldOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return fieldOptions(await getDatabaseFields.call(this, chosenDatabase(this)));
}

export async function getSelectionFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return withBuiltIns(await getDatabaseFieldOptions.call(this));
}

/** The database's collections, every page; the value is the collection ID, which Copernica's collection paths take. */
export async function getCollections(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const collections = await getDatabaseCollections.call(this, chosenDatabase(this));
	return collections.map((collection) => ({ name: collection.name, value: collection.id }));
}

/** The collection's fields, every page, for Fields to Set of subprofiles. */
export async function getCollectionFieldOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return fieldOptions(await getCollectionFields.call(this, chosenCollection(this)));
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
