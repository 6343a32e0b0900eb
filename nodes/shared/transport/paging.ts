import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * When paging through a Copernica list stops (copernica-api.md §3.2: `start` is an offset, there
 * is more data while `start + count < total`). A list must end even when Copernica pages
 * wrongly: a page seen before (a server that forgets `start`) is an error, as is a list that
 * never ends within MAX_PAGES; an empty page, or reaching `total`, ends it. A page shorter
 * than asked ends it only when no `total` says there is more, as some hosts serve smaller pages
 * than asked (§3.2).
 */

/** More pages than this is no list Copernica has: 10 million entries at 1,000 a page. */
export const MAX_PAGES = 10_000;

export interface PagingContext {
	itemIndex?: number;
	action: string;
}

/** What identifies an entry on a page: its ID (any spelling), else the entry itself. */
function entryKey(entry: unknown): string {
	if (entry && typeof entry === 'object') {
		const { ID, id } = entry as { ID?: unknown; id?: unknown };
		if (ID !== undefined || id !== undefined) return `#${String(ID ?? id)}`;
	}
	return JSON.stringify(entry) ?? String(entry);
}

/** A `total` from an answer, when it is a whole number of zero or more. */
export function totalOf(page: unknown): number | undefined {
	const raw = (page as { total?: unknown } | undefined)?.total;
	const total = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
	return Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}

function pagingError(node: INode, what: string, fix: string, context: PagingContext): NodeApiError {
	const itemNote = context.itemIndex === undefined ? '' : ` [item ${context.itemIndex}]`;
	const message = `${what}${itemNote}`;
	const description = `${fix} (while ${context.action})`;
	return new NodeApiError(node, { message, description }, { message, description, itemIndex: context.itemIndex });
}

/** Follows the pages of one list; `next` says whether to ask for another, or throws when the list cannot end. */
export class PageTracker {
	private readonly seen = new Set<string>();
	private pages = 0;

	constructor(
		private readonly node: INode,
		private readonly context: PagingContext,
	) {}

	/** After a page of `data` asked with `limit` and now at offset `start`: whether more pages follow. */
	next(data: readonly IDataObject[], limit: number, start: number, total: number | undefined): boolean {
		this.pages++;
		if (data.length === 0) return false;
		const fingerprint = data.map(entryKey).join('\n');
		if (this.seen.has(fingerprint)) {
			throw pagingError(
				this.node,
				`Copernica answered the same page twice, so the list would never end`,
				`The node stopped after ${start - data.length} entries instead of repeating them. Copernica ignored the page's start; try again later, and report it to Copernica if it persists`,
				this.context,
			);
		}
		this.seen.add(fingerprint);
		if (total !== undefined) {
			if (start >= total) return false;
		} else if (data.length < limit) {
			return false;
		}
		if (this.pages >= MAX_PAGES) {
			throw pagingError(
				this.node,
				`Copernica's list did not end within ${MAX_PAGES} pages`,
				`The node stopped after ${start} entries${total === undefined ? '' : ` of the ${total} Copernica reported`}. Narrow the selection, or turn off Return All and set a Limit`,
				this.context,
			);
		}
		return true;
	}
}

/**
 * A count from `total` (asked with `total=1`): never less than the entries on the page, and an
 * error when Copernica sends no usable total, as a missing count must not read as 0 matches.
 */
export function countOf(node: INode, page: unknown, context: PagingContext): number {
	const total = totalOf(page);
	const data = (page as { data?: unknown } | undefined)?.data;
	// Only a counted list counts: a total beside its list, never less than the entries it came with
	// (an error page, a proxy's answer or another API must not pass for "0 matches").
	if (total === undefined || !Array.isArray(data) || total < data.length) {
		throw pagingError(
			node,
			'Copernica did not say how many entries the list holds',
			'The answer was not a counted list (no usable total), so nothing was changed on the strength of a count. Check the API Base URL of the credential (a proxy or another service may have answered), then try again',
			context,
		);
	}
	return total;
}
