import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { idOrNameGiven } from '../helpers/collectionName';
import { ParameterProblem } from '../helpers/parameterProblem';
import type { CopernicaContext } from '../transport';
import { copernicaGetAll, pathOf } from '../transport';
import type { RequestSettings } from '../transport/databaseSchema';
import { sharedPromise } from '../transport/sharedPromise';
import { chosenDatabase } from './chosenInEditor';
import { databaseOf } from './databaseLocator';
import { locatorModes } from './locatorModes';

/**
 * Selections (Copernica's views) of a database, as a resource locator: from the list (every
 * page of `database/{id}/views`, and the nested views under each view that has children), by
 * ID, or by name (looked up once per run among all of them; an unknown or ambiguous name is
 * refused before anything is sent). Copernica's view paths take only IDs.
 */

/** One selection of a database, found by walking its views; `path` names its parents ("Amsterdam › Amsterdam over 40"). */
export interface FoundSelection {
	id: string;
	name: string;
	path: string;
	/** Copernica's own entry (`rest-get-database-views`). */
	raw: IDataObject;
}

/** How deep nested views are followed: Copernica shows no limit; a view that names itself as its own child must not loop. */
const MAX_DEPTH = 50;

/** Copernica answers `has-children` as a boolean; older answers and hand-made emulators give "1"/"yes". */
function hasChildren(entry: IDataObject): boolean {
	const value = entry['has-children'];
	return value === true || value === 1 || value === '1' || value === 'true' || value === 'yes';
}

/**
 * Every selection of `database`, nested ones included, parents before their children: each
 * list is read page by page (past 1,000), and `view/{id}/views` only for views with children.
 */
export async function allSelectionsOf(
	context: CopernicaContext,
	database: string,
	settings: RequestSettings = {},
): Promise<FoundSelection[]> {
	const found: FoundSelection[] = [];
	const seen = new Set<string>();
	const walk = async (path: string, action: string, parents: string[]): Promise<void> => {
		const entries = await copernicaGetAll.call(context, { ...settings, path, action });
		for (const entry of entries) {
			const id = String(entry.ID ?? '');
			if (id === '' || seen.has(id)) continue;
			seen.add(id);
			const name = String(entry.name ?? '');
			found.push({ id, name, path: [...parents, name].join(' › '), raw: entry });
			if (hasChildren(entry) && parents.length < MAX_DEPTH) {
				await walk(pathOf('view', id, 'views'), `reading the selections inside selection "${id}"`, [...parents, name]);
			}
		}
	};
	await walk(pathOf('database', database, 'views'), `reading the selections of database "${database}"`, []);
	return found;
}

/**
 * The ID of the selection called `name` (case-insensitively, as Copernica compares names).
 * Refused when none has it, or when several do (nested views in different parents may share a
 * name): the user then picks it from the list or gives its ID.
 */
export function selectionIdByName(selections: readonly FoundSelection[], name: string): string {
	const wanted = name.toLowerCase();
	const matches = selections.filter((selection) => selection.name.toLowerCase() === wanted);
	if (matches.length === 1) return matches[0].id;
	if (matches.length === 0) {
		const names = selections.map((selection) => selection.name).join(', ');
		throw new ParameterProblem(
			`The database has no selection "${name}"`,
			`Use one of: ${names || '(this database has no selections)'}; or pick the selection from the list.`,
		);
	}
	throw new ParameterProblem(
		`More than one selection is called "${name}"`,
		`Give the ID of the one you mean: ${matches.map((selection) => `${selection.path} (${selection.id})`).join(', ')}.`,
	);
}

/** The builder's choices: another parameter name (a Send's "Target Selection"), words, where it shows. */
export interface SelectionLocatorOptions {
	name?: string;
	displayName?: string;
	description?: string;
	displayOptions?: INodeProperties['displayOptions'];
	required?: boolean;
}

/** A Selection resource locator (From List searchable with `searchSelections`, By ID, By Name); it needs the Database parameter. */
export function selectionLocatorProperty(options: SelectionLocatorOptions = {}): INodeProperties {
	const property: INodeProperties = {
		displayName: options.displayName ?? 'Selection',
		name: options.name ?? 'selection',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description:
			options.description ?? 'The selection (view) of the chosen database; nested selections are listed under their parents',
		modes: locatorModes({ noun: 'selection', searchListMethod: 'searchSelections', idExample: '7', nameExample: 'Amsterdam' }),
	};
	if (options.displayOptions) property.displayOptions = options.displayOptions;
	return property;
}

/** The Selection locator as the Selection resource's operations show it. */
export const selectionLocator = selectionLocatorProperty();

/**
 * Resolves an item's selection to its ID. By name, each database's selections are read once
 * per run however many items ask (items at the same time share one walk). Throws a
 * ParameterProblem (forEachItem makes it the item's NodeOperationError) for an empty, unknown
 * or ambiguous selection, before the caller sends anything.
 */
export function createSelectionResolver(context: IExecuteFunctions, parameterName = 'selection') {
	const cache = new Map<string, Promise<FoundSelection[]>>();
	return async (itemIndex: number, settings: RequestSettings = {}): Promise<string> => {
		const given = idOrNameGiven(context.getNodeParameter(parameterName, itemIndex, ''));
		if (given.value === '') {
			throw new ParameterProblem('No selection chosen', 'Pick the selection from the list, or give its ID or name.');
		}
		if (given.byId) return given.value;
		const database = databaseOf(context, itemIndex);
		const selections = await sharedPromise(cache, database.toLowerCase(), async () =>
			await allSelectionsOf(context, database, { ...settings, itemIndex }),
		);
		return selectionIdByName(selections, given.value);
	};
}

export type SelectionResolver = ReturnType<typeof createSelectionResolver>;

/** listSearch: every selection of the chosen database, nested ones included, filtered by name or ID. */
export async function searchSelections(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const selections = await allSelectionsOf(this, chosenDatabase(this));
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results = selections
		.filter(({ id, path }) => wanted === '' || path.toLowerCase().includes(wanted) || id === wanted)
		.map(({ id, path }) => ({ name: `${path} (${id})`, value: id }));
	return { results };
}
