import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { idOrNameGiven } from '../helpers/collectionName';
import { mayBeCopernicaFlag } from '../helpers/copernicaFlag';
import { ParameterProblem } from '../helpers/parameterProblem';
import type { CopernicaContext } from '../transport';
import { copernicaGetAll, pathOf } from '../transport';
import type { RequestSettings } from '../transport/databaseSchema';
import { sharedPromise } from '../transport/sharedPromise';
import { chosenCollection, chosenDatabase } from './chosenInEditor';
import { createCollectionResolver } from './collectionLocator';
import { databaseOf } from './databaseLocator';
import { matching } from './listSearch';
import { locatorModes } from './locatorModes';

/**
 * Selections (Copernica's views) of a database, as a resource locator: from the list (every
 * page of `database/{id}/views`, and the nested views under each view that has children), by
 * ID, or by name (looked up once per run among all of them; an unknown or ambiguous name is
 * refused before anything is sent). Copernica's view paths take only IDs. The same for a
 * collection's miniviews (`collection/{id}/miniviews`, `miniview/{id}/miniviews`), which depend
 * on the Collection parameter instead.
 */

/** A view selects a database's profiles, a miniview a collection's subprofiles. */
export type SelectionKind = 'view' | 'miniview';

const KINDS = {
	view: { table: 'database', list: 'views', noun: 'selection', searchListMethod: 'searchSelections' },
	miniview: { table: 'collection', list: 'miniviews', noun: 'miniview', searchListMethod: 'searchMiniviews' },
} as const;

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

/**
 * Every selection of `table` (a database; for miniviews a collection), nested ones included,
 * parents before their children: each list is read page by page (past 1,000), and
 * `view/{id}/views` only for views with children. With `maxEntries` (Get Many's Limit) the walk
 * stops once it has found that many.
 */
export async function allSelectionsOf(
	context: CopernicaContext,
	table: string,
	settings: RequestSettings = {},
	maxEntries = Number.POSITIVE_INFINITY,
	kind: SelectionKind = 'view',
): Promise<FoundSelection[]> {
	const { list, noun } = KINDS[kind];
	const found: FoundSelection[] = [];
	const seen = new Set<string>();
	const walk = async (path: string, action: string, parents: string[]): Promise<void> => {
		const entries = await copernicaGetAll.call(context, { ...settings, path, action }, maxEntries - found.length);
		for (const entry of entries) {
			if (found.length >= maxEntries) return;
			const id = String(entry.ID ?? '');
			if (id === '' || seen.has(id)) continue;
			seen.add(id);
			const name = String(entry.name ?? '');
			found.push({ id, name, path: [...parents, name].join(' › '), raw: entry });
			if (mayBeCopernicaFlag(entry['has-children']) && parents.length < MAX_DEPTH) {
				await walk(pathOf(kind, id, list), `reading the ${noun}s inside ${noun} "${id}"`, [...parents, name]);
			}
		}
	};
	await walk(pathOf(KINDS[kind].table, table, list), `reading the ${noun}s of ${KINDS[kind].table} "${table}"`, []);
	return found;
}

/**
 * The ID of the selection called `name` (case-insensitively, as Copernica compares names).
 * Refused when none has it, or when several do (nested views in different parents may share a
 * name): the user then picks it from the list or gives its ID.
 */
export function selectionIdByName(selections: readonly FoundSelection[], name: string, kind: SelectionKind = 'view'): string {
	const { table, noun } = KINDS[kind];
	const wanted = name.toLowerCase();
	const matches = selections.filter((selection) => selection.name.toLowerCase() === wanted);
	if (matches.length === 1) return matches[0].id;
	if (matches.length === 0) {
		const names = selections.map((selection) => selection.name).join(', ');
		throw new ParameterProblem(
			`The ${table} has no ${noun} "${name}"`,
			`Use one of: ${names || `(this ${table} has no ${noun}s)`}; or pick the ${noun} from the list.`,
		);
	}
	throw new ParameterProblem(
		`More than one ${noun} is called "${name}"`,
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
	/** A miniview of the Collection parameter's collection instead of a view of the Database's. */
	kind?: SelectionKind;
}

/** A Selection resource locator (From List searchable with `searchSelections`, By ID, By Name); it needs the Database parameter. */
export function selectionLocatorProperty(options: SelectionLocatorOptions = {}): INodeProperties {
	const view = (options.kind ?? 'view') === 'view';
	const { noun, searchListMethod } = KINDS[options.kind ?? 'view'];
	const property: INodeProperties = {
		displayName: options.displayName ?? (view ? 'Selection' : 'Miniview'),
		name: options.name ?? (view ? 'selection' : 'miniview'),
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description:
			options.description ??
			(view
				? 'The selection (view) of the chosen database; nested selections are listed under their parents'
				: 'The miniview of the chosen collection; nested miniviews are listed under their parents'),
		modes: locatorModes({ noun, searchListMethod, idExample: view ? '7' : '14', nameExample: view ? 'Amsterdam' : 'Open orders' }),
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
export function createSelectionResolver(context: IExecuteFunctions, parameterName = 'selection', kind: SelectionKind = 'view') {
	const cache = new Map<string, Promise<FoundSelection[]>>();
	const collectionOf = createCollectionResolver(context);
	const { noun } = KINDS[kind];
	return async (itemIndex: number, settings: RequestSettings = {}): Promise<string> => {
		const given = idOrNameGiven(context.getNodeParameter(parameterName, itemIndex, ''));
		if (given.value === '') {
			throw new ParameterProblem(`No ${noun} chosen`, `Pick the ${noun} from the list, or give its ID or name.`);
		}
		if (given.byId) return given.value;
		const forItem = { ...settings, itemIndex };
		const table = kind === 'view' ? databaseOf(context, itemIndex) : await collectionOf(itemIndex, forItem);
		const selections = await sharedPromise(cache, table.toLowerCase(), async () =>
			await allSelectionsOf(context, table, forItem, Number.POSITIVE_INFINITY, kind),
		);
		return selectionIdByName(selections, given.value, kind);
	};
}

export type SelectionResolver = ReturnType<typeof createSelectionResolver>;

/** listSearch: every selection of the chosen database, nested ones included, filtered by name or ID. */
export async function searchSelections(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const selections = await allSelectionsOf(this, chosenDatabase(this));
	return matching(selections.map(({ id, path }) => ({ id, name: path })), filter);
}

/** listSearch: every miniview of the chosen collection, nested ones included, filtered by name or ID. */
export async function searchMiniviews(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const miniviews = await allSelectionsOf(this, await chosenCollection(this), {}, Number.POSITIVE_INFINITY, 'miniview');
	return matching(miniviews.map(({ id, path }) => ({ id, name: path })), filter);
}
