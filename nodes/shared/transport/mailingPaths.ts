import type { CopernicaContext } from './index';
import { apiVersionOf } from './index';

/**
 * Where a mailing suite's paths start, per REST version (copernica-mailings.md §4.1): v3 keeps
 * `ms/` (Marketing Suite, drag and drop) and `publisher/` (Publisher, HTML); today's live v4
 * docs name them `draganddrop/` and `html/`. Whether v4 still answers the old prefixes is not
 * confirmed, so the node never sends them to v4: this map is the one place that decides.
 */
export type MailingSuite = 'marketingSuite' | 'publisher';

const PREFIXES: Record<'v3' | 'v4', Record<MailingSuite, string>> = {
	v3: { marketingSuite: 'ms', publisher: 'publisher' },
	v4: { marketingSuite: 'draganddrop', publisher: 'html' },
};

/** The path prefix of `suite` for this API version. */
export function suitePrefixFor(version: 'v3' | 'v4', suite: MailingSuite): string {
	return PREFIXES[version][suite];
}

/** The path prefix of `suite` for the credential the context uses. */
export async function suitePrefix(context: CopernicaContext, suite: MailingSuite): Promise<string> {
	return suitePrefixFor(await apiVersionOf(context), suite);
}
