import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import { getList } from '../../../shared/transport/databaseSchema';
import type { Owner } from '../../../shared/transport/databaseSchema';
import { databaseLocator, databaseOf } from '../../../shared/locators/databaseLocator';
import { simplifySwitch } from '../common.descriptions';
import { forEachItem } from '../../itemRunner/perItem';
import { DEFAULT_PARALLEL_REQUESTS, requestSettingsOf, singleRequestOptionsCollection } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';

const properties: INodeProperties[] = [
	{ ...databaseLocator, description: 'The Copernica database to describe' },
	simplifySwitch(
		'Whether to return only the ID, name and type of each field, the ID, name and group of each interest, and the ID, name and fields of each collection, instead of the raw data',
	),
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['database'], operation: ['get'] } }, properties);

const pick =
	(...keys: string[]) =>
	(entry: IDataObject): IDataObject =>
		Object.fromEntries(keys.map((key) => [key, entry[key]]));

/**
 * GET database/{id}, with every field, interest and collection (and every field of each
 * collection). Copernica embeds only the first page of each list in the database, so the
 * lists are read on their own, page by page: a schema cut off at 1,000 would hide fields.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const database = databaseOf(this, itemIndex);
			const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
			const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
			const settings = requestSettingsOf(options, itemIndex, limiter);
			// Copernica's own entries, every page (the same reads as the dropdowns, without their mapping).
			const all = async (owner: Owner, id: string, list: 'fields' | 'interests' | 'collections') =>
				await getList<IDataObject>(this, owner, id, list, (entry) => entry, settings);

			const { body } = await copernicaRequest.call(this, {
				...settings,
				method: 'GET',
				path: pathOf('database', database),
				action: `reading database "${database}"`,
			});
			const found = (body ?? {}) as IDataObject;
			const [fields, interests, collections] = await Promise.all([
				all('database', database, 'fields'),
				all('database', database, 'interests'),
				all('database', database, 'collections'),
			]);
			const withFields = await Promise.all(
				collections.map(async (collection): Promise<IDataObject & { fields: IDataObject[] }> => ({
					...collection,
					fields: await all('collection', String(collection.ID), 'fields'),
				})),
			);
			if (!simplify) return { ...found, fields, interests, collections: withFields };
			const field = pick('ID', 'name', 'type');
			return {
				ID: found.ID,
				name: found.name,
				description: found.description,
				fields: fields.map(field),
				interests: interests.map(pick('ID', 'name', 'group')),
				collections: withFields.map((collection) => ({
					ID: collection.ID,
					name: collection.name,
					fields: collection.fields.map(field),
				})),
			};
		},
		{ parallel: DEFAULT_PARALLEL_REQUESTS },
	);
}

