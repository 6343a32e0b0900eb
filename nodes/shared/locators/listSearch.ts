import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { copernicaGetAll } from '../transport';
import { getDatabaseCollections } from '../transport/databaseSchema';
import { chosenDatabase } from './chosenInEditor';

/** Entries whose name contains the filter (case-insensitively) or whose ID is it, as "name (ID)". */
export function matching(entries: Array<{ id: string; name: string }>, filter?: string): INodeListSearchResult {
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results = entries
		.filter(({ id, name }) => wanted === '' || name.toLowerCase().includes(wanted) || id === wanted)
		.map(({ id, name }) => ({ name: `${name} (${id})`, value: id }));
	return { results };
}

/**
 * Every database of the account (all pages), filtered by name or ID. Copernica's list has no
 * search of its own, and an account rarely has so many databases that one pass costs much.
 */
export async function searchDatabases(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const databases = await copernicaGetAll.call(this, {
		path: 'databases',
		action: 'listing the databases',
	});
	return matching(
		databases.map((database) => ({ id: String(database.ID ?? ''), name: String(database.name ?? '') })),
		filter,
	);
}

/** Every collection of the chosen database (all pages), filtered by name or ID. */
export async function searchCollections(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return matching(await getDatabaseCollections.call(this, chosenDatabase(this)), filter);
}
