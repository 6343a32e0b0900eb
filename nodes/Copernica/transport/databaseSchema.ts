import type { IDataObject } from 'n8n-workflow';

import type { CopernicaContext, CopernicaRequest } from './index';
import { copernicaGetAll, pathOf } from './index';

export interface DatabaseField {
	id: string;
	name: string;
	type: string;
}

export interface DatabaseInterest {
	id: string;
	name: string;
	group: string;
}

/** What the node checks selections, fields and interests against. */
export interface DatabaseSchema {
	fields: DatabaseField[];
	interests: DatabaseInterest[];
}

function toField(entry: IDataObject): DatabaseField {
	return { id: String(entry.ID ?? ''), name: String(entry.name ?? ''), type: String(entry.type ?? '') };
}

function toInterest(entry: IDataObject): DatabaseInterest {
	return { id: String(entry.ID ?? ''), name: String(entry.name ?? ''), group: String(entry.group ?? '') };
}

/** How to send the requests: the item they are for, retries, timeout, the Parallel Requests bound. */
export type RequestSettings = Pick<CopernicaRequest, 'itemIndex' | 'retry' | 'timeoutMs' | 'limiter'>;

/** One of a database's lists (fields, interests), every page: a dropdown that stops at the first page hides entries. */
async function getDatabaseList<T>(
	context: CopernicaContext,
	database: string,
	list: 'fields' | 'interests',
	toEntry: (entry: IDataObject) => T,
	settings: RequestSettings,
): Promise<T[]> {
	const entries = await copernicaGetAll.call(context, {
		...settings,
		path: pathOf('database', database, list),
		action: `reading the ${list} of database "${database}"`,
	});
	return entries.map(toEntry);
}

export async function getDatabaseFields(
	this: CopernicaContext,
	database: string,
	settings: RequestSettings = {},
): Promise<DatabaseField[]> {
	return await getDatabaseList(this, database, 'fields', toField, settings);
}

export async function getDatabaseInterests(
	this: CopernicaContext,
	database: string,
	settings: RequestSettings = {},
): Promise<DatabaseInterest[]> {
	return await getDatabaseList(this, database, 'interests', toInterest, settings);
}

/**
 * Fields and interests of each database, fetched once per run however many items use it.
 * The promise is cached, so items running at the same time share one fetch; a failed fetch is
 * forgotten so the next item reports its own error instead of a stale one.
 */
export function createSchemaCache(context: CopernicaContext) {
	const cache = new Map<string, Promise<DatabaseSchema>>();
	return async (database: string, settings: RequestSettings): Promise<DatabaseSchema> => {
		const key = database.toLowerCase();
		let schema = cache.get(key);
		if (!schema) {
			schema = Promise.all([
				getDatabaseFields.call(context, database, settings),
				getDatabaseInterests.call(context, database, settings),
			]).then(([fields, interests]) => ({ fields, interests }));
			cache.set(key, schema);
			schema.catch(() => cache.delete(key));
		}
		return await schema;
	};
}

export type SchemaLookup = ReturnType<typeof createSchemaCache>;
