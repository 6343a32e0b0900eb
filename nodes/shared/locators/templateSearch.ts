import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { copernicaGetAll, pathOf } from '../transport';
import type { MailingSuite } from '../transport/mailingPaths';
import { suitePrefix } from '../transport/mailingPaths';
import { matching } from './listSearch';

/**
 * The editor's lists of what a mailing sends: templates (Marketing Suite: drag and drop; or
 * Publisher) and Publisher documents. They follow the node's Mailing Type parameter (default
 * Marketing Suite) and the credential's REST version (mailingPaths.ts).
 */

/**
 * The Mailing Type chosen in the editor; anything but Publisher is the Marketing Suite, and so is
 * Schedule (Marketing Suite only), whose hidden Mailing Type may still hold an earlier Publisher.
 */
function chosenSuite(context: ILoadOptionsFunctions): MailingSuite {
	if (context.getCurrentNodeParameter('operation') === 'schedule') return 'marketingSuite';
	return context.getCurrentNodeParameter('mailingType') === 'publisher' ? 'publisher' : 'marketingSuite';
}

/** A template's ID: Marketing Suite entries carry `id` (as documented), Publisher ones `ID`. */
export function templateIdOf(entry: IDataObject): string {
	return String(entry.id ?? entry.ID ?? '');
}

async function templatesOf(context: ILoadOptionsFunctions, suite: MailingSuite): Promise<IDataObject[]> {
	return await copernicaGetAll.call(context, {
		path: `${await suitePrefix(context, suite)}/templates`,
		action: 'listing the templates',
	});
}

/**
 * listSearch: every template of the chosen Mailing Type (all pages), filtered by name or ID.
 * For a Send operation's Template locator (`searchListMethod: 'searchTemplates'`).
 */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const templates = await templatesOf(this, chosenSuite(this));
	return matching(
		templates.map((template) => ({ id: templateIdOf(template), name: String(template.name ?? '') })),
		filter,
	);
}

/**
 * listSearch: every Publisher document, named "template › document", filtered by name or ID:
 * a Publisher mailing sends a document (`publisher/emailing`'s `document`), not a template.
 */
export async function searchDocuments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const prefix = await suitePrefix(this, 'publisher');
	const templates = await templatesOf(this, 'publisher');
	const documents = await Promise.all(
		templates.map(async (template) => {
			const id = templateIdOf(template);
			const entries = await copernicaGetAll.call(this, {
				path: `${prefix}/${pathOf('template', id, 'documents')}`,
				action: `listing the documents of template "${id}"`,
			});
			return entries.map((document) => ({
				id: templateIdOf(document),
				name: `${String(template.name ?? '')} › ${String(document.name ?? '')}`,
			}));
		}),
	);
	return matching(documents.flat(), filter);
}
