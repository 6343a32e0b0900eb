import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { copernicaGetAll } from '../transport';

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
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results = databases
		.map((database) => ({ id: String(database.ID ?? ''), name: String(database.name ?? '') }))
		.filter(({ id, name }) => wanted === '' || name.toLowerCase().includes(wanted) || id === wanted)
		.map(({ id, name }) => ({ name: `${name} (${id})`, value: id }));
	return { results };
}
