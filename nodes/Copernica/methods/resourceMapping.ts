import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { n8nFieldType } from '../../shared/helpers/fieldTypes';
import type { DatabaseField } from '../../shared/transport/databaseSchema';
import { getCollectionFields, getDatabaseFields } from '../../shared/transport/databaseSchema';
import { chosenCollection, chosenDatabase } from '../../shared/locators/chosenInEditor';

/**
 * The field mapper's fields: every field of the database (or collection), every page, typed.
 * Any field can be matched on (Create or Update); none is required, because Copernica keeps
 * every field that is not sent.
 */
function mapperFields(fields: DatabaseField[]): ResourceMapperFields {
	return {
		fields: fields.map(
			(field): ResourceMapperField => ({
				id: field.name,
				displayName: field.name,
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: true,
				display: true,
				...n8nFieldType(field.type, field.value),
			}),
		),
		emptyFieldsNotice: 'This has no fields yet. Add them in Copernica first.',
	};
}

export async function getMappingFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return mapperFields(await getDatabaseFields.call(this, chosenDatabase(this)));
}

export async function getCollectionMappingFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return mapperFields(await getCollectionFields.call(this, await chosenCollection(this)));
}
