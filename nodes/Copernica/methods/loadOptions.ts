import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { chosenCollection, chosenDatabase } from '../../shared/locators/chosenInEditor';
import { BUILT_IN_SELECTION_FIELDS } from '../../shared/helpers/selection';
import type { DatabaseField } from '../../shared/transport/databaseSchema';
import {
	getCollectionFields,
	getDatabaseFields,
	getDatabaseInterests,
} from '../../shared/transport/databaseSchema';

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
