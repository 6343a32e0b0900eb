import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ParameterProblem } from '../helpers/parameterProblem';
import { selectionQuery } from '../helpers/selection';
import type { Selection } from '../helpers/selection';
import { copernicaCount, copernicaRequest } from '../transport';
import type { PagedList } from '../transport';
import type { RequestSettings } from '../transport/databaseSchema';

/**
 * What the updates with a selection (Update Profiles, Create or Update, Subprofile → Update
 * Many) can do before they change anything: count the matches (Max Matches), or show them
 * (Preview Only).
 */

export interface SelectionTarget {
	/** The list the selection applies to: `database/{id}/profiles` or `collection/{id}/subprofiles`. */
	path: string;
	selection: Selection;
	transport: RequestSettings;
	entities: 'profiles' | 'subprofiles';
}

/** Max Matches: count first, and refuse when the selection matches more than allowed. */
export async function countMatches(
	context: IExecuteFunctions,
	target: SelectionTarget,
	maxMatches: number,
): Promise<number> {
	const matches = await copernicaCount.call(context, {
		...target.transport,
		path: target.path,
		query: selectionQuery(target.selection),
		action: `counting the ${target.entities} the selection matches`,
	});
	if (matches > maxMatches) {
		throw new ParameterProblem(
			`The selection matches ${matches} ${target.entities}, more than Max Matches (${maxMatches}); nothing was changed`,
			`Narrow the selection, or raise Max Matches under Options if this many ${target.entities} should change.`,
		);
	}
	return matches;
}

/** How many matches a preview shows: Copernica's default page. */
export const PREVIEW_ENTRIES = 100;

/** Preview: the first page of matches, simplified, and Copernica's total. One GET. */
export async function previewMatches(
	context: IExecuteFunctions,
	target: SelectionTarget,
	simplify: (entry: IDataObject) => IDataObject,
): Promise<{ matches: number; entries: IDataObject[] }> {
	const { body } = await copernicaRequest.call(context, {
		...target.transport,
		method: 'GET',
		path: target.path,
		query: [
			...selectionQuery(target.selection),
			['dataonly', 'true'],
			['start', '0'],
			['limit', String(PREVIEW_ENTRIES)],
			['total', '1'],
		],
		action: `reading the ${target.entities} the selection matches`,
	});
	const page = (body ?? {}) as Partial<PagedList>;
	const entries = Array.isArray(page.data) ? page.data.map(simplify) : [];
	return { matches: Number(page.total ?? entries.length), entries };
}
