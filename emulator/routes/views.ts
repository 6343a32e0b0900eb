import type { ApiRequest, ApiResponse } from '../http';
import { ordered, paged, queryValue, selectionOf } from '../http';
import type { StoredSelection } from '../mailingStore';
import { profileJson, subprofileJson } from '../representation';
import type { StoredProfile, StoredSubprofile } from '../store';
import { isBooleanTrue } from '../store';
import type { RouteContext } from './context';

/**
 * Selections (copernica-mailings.md §4.2 "Selections (views and miniviews)"): a database's
 * views, a view's nested views, rules, profiles and profile IDs, `POST view/{id}/rebuild`; a
 * collection's miniviews and a miniview's subprofiles (the same for miniviews). Members are
 * those of the last build (mailingStore.ts StoredSelection.members): a profile changed since
 * is in or out only after a rebuild, which is done a request after its answer
 * (mailingStore.ts requestRebuild). Undefined: not one of these paths.
 */

/**
 * A yes/no of a view as a string: Copernica returns its values as strings (copernica-api.md §3.1,
 * "everything is returned as a string"). docs silent on the form of `has-children`,
 * `has-referred` and `has-rules`; the worse case for a client is "false", a non-empty string that
 * JavaScript reads as true.
 */
const flag = (value: boolean): string => (value ? 'true' : 'false');

/** `{ID, name, description, parent-type, parent-id, has-children, has-referred, has-rules, database, last-built, intentions}` (§4.2 `rest-get-database-views`). */
function selectionJson(context: RouteContext, selection: StoredSelection) {
	const view = selection.kind === 'view';
	const tableType = view ? 'database' : 'collection';
	return {
		ID: String(selection.ID),
		name: selection.name,
		description: selection.description,
		'parent-type': selection.parent === undefined ? tableType : selection.kind,
		'parent-id': String(selection.parent ?? selection.table),
		'has-children': flag(context.mailings.children(selection).length > 0),
		// docs silent on what refers to a selection; nothing in the emulator does.
		'has-referred': flag(false),
		'has-rules': flag(selection.rules.length > 0),
		[tableType]: String(selection.table),
		'last-built': selection.lastBuilt,
		intentions: { email: true, sms: false, fax: false, pdf: false },
	};
}

/** docs silent on the rule shape: `{ID, name, view, conditions[]}` with the conditions in the `fields[]` syntax. */
function rulesJson(selection: StoredSelection) {
	return selection.rules.map((rule) => ({ ID: String(rule.ID), name: rule.name, [selection.kind]: String(selection.ID), conditions: [...rule.conditions] }));
}

/**
 * The members a list shows: the live ones of the last build, then `fields[]` conditions as on
 * the database list (copernica-api.md §2; unknown or unreadable ones dropped), ordered and paged.
 */
function memberList(context: RouteContext, request: ApiRequest, selection: StoredSelection, idsOnly: boolean): ApiResponse {
	const { store, mailings } = context;
	const { query } = request;
	const selectionFields = selectionOf(query) ?? [];
	const members = new Set(mailings.liveMembers(selection).map((entity) => entity.ID));
	const matching: Array<StoredProfile | StoredSubprofile> =
		selection.kind === 'view'
			? store.select(store.database(String(selection.table)), selectionFields).filter((profile) => members.has(profile.ID))
			: store.selectSubprofiles(store.collection(String(selection.table)), selectionFields).filter((subprofile) => members.has(subprofile.ID));
	const sorted = ordered(matching, query);
	// A plain JSON array of ID strings, paged as database/{id}/profileids is (copernica-api.md §3:
	// `paging`, default limit 100, at most 1,000): no total, so a count taken from its length sees one page.
	if (idsOnly) return { status: 200, body: paged(sorted.map((entity) => String(entity.ID)), query).data };
	const dataOnly = isBooleanTrue(queryValue(query, 'dataonly'));
	const json: unknown[] =
		selection.kind === 'view'
			? sorted.map((profile) => profileJson(profile as StoredProfile, dataOnly))
			: sorted.map((subprofile) => subprofileJson(subprofile as StoredSubprofile, dataOnly));
	return { status: 200, body: paged(json, query) };
}

/** The plural of each kind's members and selections in the paths. */
const PATHS = {
	view: { table: 'database', list: 'views', members: 'profiles', ids: 'profileids' },
	miniview: { table: 'collection', list: 'miniviews', members: 'subprofiles', ids: 'subprofileids' },
} as const;

export function viewRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments, query } = request;
	const [resource, id, sub] = segments;
	const { store, mailings } = context;
	if (!id) return undefined;
	for (const kind of ['view', 'miniview'] as const) {
		const paths = PATHS[kind];
		if (resource === paths.table && sub === paths.list && method === 'GET') {
			const table = kind === 'view' ? store.database(id) : store.collection(id);
			const top = mailings.selections.filter((selection) => selection.kind === kind && selection.table === table.ID && selection.parent === undefined);
			return { status: 200, body: paged(top.map((selection) => selectionJson(context, selection)), query) };
		}
		if (resource !== kind) continue;
		const selection = mailings.selection(kind, id);
		if (method === 'POST' && sub === 'rebuild') {
			// Done in the background, a request later (mailingStore.ts requestRebuild).
			mailings.requestRebuild(selection);
			return { status: 204 };
		}
		if (method !== 'GET') return undefined;
		if (!sub) return { status: 200, body: selectionJson(context, selection) };
		if (sub === paths.list) return { status: 200, body: paged(mailings.children(selection).map((child) => selectionJson(context, child)), query) };
		if (sub === 'rules') return { status: 200, body: paged(rulesJson(selection), query) };
		if (sub === paths.members) return memberList(context, request, selection, false);
		if (sub === paths.ids) return memberList(context, request, selection, true);
	}
	return undefined;
}
