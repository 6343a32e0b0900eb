import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ParameterProblem } from '../../shared/helpers/parameterProblem';
import { selectionQuery } from '../../shared/helpers/selection';
import type { Selection } from '../../shared/helpers/selection';
import { copernicaCount, copernicaRequest } from '../../shared/transport';
import { countOf } from '../../shared/transport/paging';
import type { RequestSettings } from '../../shared/transport/databaseSchema';
import { runsAsAiTool } from '../itemRunner/aiTool';
import type { SelectionUpdateOptions } from './selectionUpdateOptions';

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

/**
 * Max Matches when the node runs as an AI agent's tool and the user set none: an agent's
 * request ("update Anna's city") is about one profile, and a selection it wrote wrongly then
 * costs a refusal, never a changed database. Set Max Matches to allow more.
 */
export const AI_TOOL_MAX_MATCHES = 1;

/** The largest Max Matches: more than any Copernica database holds, small enough to compare exactly. */
const MAX_MATCHES_CEILING = 1_000_000_000;

/**
 * Max Matches as a whole number ≥ 0, or undefined when not set (and not running as a tool).
 * An expression can give anything; a guard that cannot be read must not switch itself off.
 */
export function maxMatchesOf(context: IExecuteFunctions, options: SelectionUpdateOptions): number | undefined {
	const given: unknown = options.maxMatches;
	if (given === undefined || given === null || given === '') {
		return runsAsAiTool(context) ? AI_TOOL_MAX_MATCHES : undefined;
	}
	const number = typeof given === 'string' && /^\d+$/.test(given.trim()) ? Number(given.trim()) : given;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > MAX_MATCHES_CEILING) {
		throw new ParameterProblem(
			`Max Matches must be a whole number of 0 or more, not ${JSON.stringify(given)}`,
			'Set Options → Max Matches to the most profiles the selection may change, such as 1. Nothing was sent.',
		);
	}
	return number;
}

/** Max Matches: count first, and refuse when the selection matches more than allowed, or when the count cannot be read. */
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
			`The selection matches ${matches} ${matches === 1 ? target.entities.slice(0, -1) : target.entities}, more than Max Matches (${maxMatches}); nothing was changed`,
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
	const action = `reading the ${target.entities} the selection matches`;
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
		action,
	});
	const matches = countOf(context.getNode(), body, { itemIndex: target.transport.itemIndex, action });
	const entries = (body as { data: IDataObject[] }).data.map(simplify);
	return { matches, entries };
}
