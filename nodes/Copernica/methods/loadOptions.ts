import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BUILT_IN_SELECTION_FIELDS } from '../helpers/selection';
import { getDatabaseFields, getDatabaseInterests } from '../transport/databaseSchema';

function chosenDatabase(context: ILoadOptionsFunctions): string {
	const database = String(context.getCurrentNodeParameter('database', { extractValue: true }) ?? '').trim();
	if (database === '') {
		throw new NodeOperationError(context.getNode(), 'Choose a database first', {
			description: 'The list shows the fields and interests of the chosen database.',
		});
	}
	return database;
}

/** The database's fields, every page, for Fields to Set. */
export async function getDatabaseFieldOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fields = await getDatabaseFields.call(this, chosenDatabase(this));
	return fields.map((field) => ({ name: field.name, value: field.name, description: field.type }));
}

/** The database's fields plus ID, Secret Code and Modified, for selection conditions. */
export async function getSelectionFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fields = await getDatabaseFieldOptions.call(this);
	const builtIns = BUILT_IN_SELECTION_FIELDS.map(({ name, value, description }) => ({
		name,
		value,
		description,
	}));
	return [...fields, ...builtIns];
}

/** The database's interests, every page, by name (the body refers to interests by name). */
export async function getInterests(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const interests = await getDatabaseInterests.call(this, chosenDatabase(this));
	return interests.map((interest) => ({
		name: interest.group ? `${interest.name} (${interest.group})` : interest.name,
		value: interest.name,
	}));
}
