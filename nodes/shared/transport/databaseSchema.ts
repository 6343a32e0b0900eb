import type { IDataObject } from 'n8n-workflow';

import type { CopernicaContext, CopernicaRequest } from './index';
import { copernicaGetAll, pathOf } from './index';
import { sharedPromise } from './sharedPromise';

export interface DatabaseField {
	id: string;
	name: string;
	type: string;
	/** The default value; for a select field its choices, one a line. */
	value: string;
	/** The most characters a text field keeps, when Copernica says (`length`). */
	length?: number;
}

export interface DatabaseInterest {
	id: string;
	name: string;
	group: string;
}

/** A collection (orders, bookings): a table of subprofiles under the database's profiles. */
export interface DatabaseCollection {
	id: string;
	name: string;
}

/** What the node checks selections, fields and interests against. */
export interface DatabaseSchema {
	fields: DatabaseField[];
	interests: DatabaseInterest[];
}

function toField(entry: IDataObject): DatabaseField {
	return {
		id: String(entry.ID ?? ''),
		name: String(entry.name ?? ''),
		type: String(entry.type ?? ''),
		value: String(entry.value ?? ''),
		length: positiveWholeNumber(entry.length),
	};
}

/** Copernica sends numbers as text ("255"); anything that is not a whole number > 0 is no length. */
function positiveWholeNumber(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}

function toInterest(entry: IDataObject): DatabaseInterest {
	return { id: String(entry.ID ?? ''), name: String(entry.name ?? ''), group: String(entry.group ?? '') };
}

/** How to send the requests: the item they are for, retries, timeout, the Parallel Requests bound. */
export type RequestSettings = Pick<CopernicaRequest, 'itemIndex' | 'retry' | 'timeoutMs' | 'limiter'>;

function toCollection(entry: IDataObject): DatabaseCollection {
	return { id: String(entry.ID ?? ''), name: String(entry.name ?? '') };
}

export type Owner = 'database' | 'collection';

/** One list of a database or collection (fields, interests, collections), every page: a dropdown that stops at the first page hides entries. */
export async function getList<T>(
	context: CopernicaContext,
	owner: Owner,
	id: string,
	list: 'fields' | 'interests' | 'collections',
	toEntry: (entry: IDataObject) => T,
	settings: RequestSettings,
): Promise<T[]> {
	const entries = await copernicaGetAll.call(context, {
		...settings,
		path: pathOf(owner, id, list),
		action: `reading the ${list} of ${owner} "${id}"`,
	});
	return entries.map(toEntry);
}

export async function getDatabaseFields(
	this: CopernicaContext,
	database: string,
	settings: RequestSettings = {},
): Promise<DatabaseField[]> {
	return await getList(this, 'database', database, 'fields', toField, settings);
}

export async function getDatabaseInterests(
	this: CopernicaContext,
	database: string,
	settings: RequestSettings = {},
): Promise<DatabaseInterest[]> {
	return await getList(this, 'database', database, 'interests', toInterest, settings);
}

export async function getDatabaseCollections(
	this: CopernicaContext,
	database: string,
	settings: RequestSettings = {},
): Promise<DatabaseCollection[]> {
	return await getList(this, 'database', database, 'collections', toCollection, settings);
}

export async function getCollectionFields(
	this: CopernicaContext,
	collection: string,
	settings: RequestSettings = {},
): Promise<DatabaseField[]> {
	return await getList(this, 'collection', collection, 'fields', toField, settings);
}

/**
 * A look-up fetched once per run however many items use it (see sharedPromise: items at the same
 * time share one fetch, a failed one is tried again by the next item).
 */
function oncePerRun<T>(
	fetch: (key: string, settings: RequestSettings) => Promise<T>,
	normalize: (key: string) => string = (key) => key,
) {
	const cache = new Map<string, Promise<T>>();
	return async (key: string, settings: RequestSettings): Promise<T> =>
		await sharedPromise(cache, normalize(key), async () => await fetch(key, settings));
}

/** Fields and interests of each database (names are not case-sensitive in Copernica's URLs). */
export function createSchemaCache(context: CopernicaContext) {
	return oncePerRun(
		async (database, settings): Promise<DatabaseSchema> => {
			const [fields, interests] = await Promise.all([
				getDatabaseFields.call(context, database, settings),
				getDatabaseInterests.call(context, database, settings),
			]);
			return { fields, interests };
		},
		(database) => database.toLowerCase(),
	);
}

export type SchemaLookup = ReturnType<typeof createSchemaCache>;

/** The fields of each collection. */
export function createCollectionFieldsCache(context: CopernicaContext) {
	return oncePerRun(async (collection, settings) => await getCollectionFields.call(context, collection, settings));
}

export type CollectionFieldsLookup = ReturnType<typeof createCollectionFieldsCache>;

/** The collections of each database (names are not case-sensitive in Copernica's URLs). */
export function createCollectionsCache(context: CopernicaContext) {
	return oncePerRun(
		async (database, settings) => await getDatabaseCollections.call(context, database, settings),
		(database) => database.toLowerCase(),
	);
}
