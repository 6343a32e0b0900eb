import type { ApiRequest, ApiResponse } from '../http';
import { paged, queryValue } from '../http';
import type { StoredDocument, StoredPublisherTemplate, StoredTemplate } from '../mailingStore';
import { phpDate, phpInt } from '../selection';
import type { RouteContext } from './context';
import { suiteOf } from './context';

/**
 * Templates (copernica-mailings.md §4.2 "Templates"): Marketing Suite `ms/templates` and
 * `ms/template/{id}` (v4: `draganddrop/…`, §4.1), Publisher `publisher/templates`,
 * `publisher/template/{id}`, its `documents` and `publisher/document/{id}` (v4: `html/…`).
 * Undefined: not one of these paths.
 */

/** `{id, name, from_address{name,email}, subject, type, archived, directory}` (§4.2 `rest-get-ms-templates`). */
export function templateJson(template: StoredTemplate) {
	return {
		id: String(template.ID),
		name: template.name,
		from_address: { name: template.fromName, email: template.fromEmail },
		subject: template.subject,
		type: template.type,
		archived: template.archived,
		directory: template.directory,
	};
}

/** docs silent on the Publisher shapes: ID, name, description and created, as a database has. */
function publisherTemplateJson(template: StoredPublisherTemplate) {
	return { ID: String(template.ID), name: template.name, description: template.description, created: template.created };
}

function documentJson(document: StoredDocument) {
	return {
		ID: String(document.ID),
		name: document.name,
		template: String(document.template),
		subject: document.subject,
		from_address: { name: document.fromName, email: document.fromEmail },
		created: document.created,
	};
}

/**
 * The `GET ms/templates` filters (§4.2): `name` exact, `keyword` anywhere in the name (both
 * case-insensitively: docs silent), `type`, `created_before`/`created_after` as dates (an
 * unreadable date is the zero date, copernica-api.md §5: `created_after=garbage` keeps all,
 * `created_before=garbage` none). Unknown parameters are ignored.
 */
function filtered(templates: StoredTemplate[], request: ApiRequest): StoredTemplate[] {
	const { query } = request;
	const name = queryValue(query, 'name')?.toLowerCase();
	const keyword = queryValue(query, 'keyword')?.toLowerCase();
	const type = queryValue(query, 'type');
	const before = queryValue(query, 'created_before');
	const after = queryValue(query, 'created_after');
	return templates.filter(
		(template) =>
			(name === undefined || template.name.toLowerCase() === name) &&
			(keyword === undefined || template.name.toLowerCase().includes(keyword)) &&
			(type === undefined || template.type === type) &&
			(before === undefined || template.created < phpDate(before, true)) &&
			(after === undefined || template.created > phpDate(after, true)),
	);
}

export function templateRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments, query } = request;
	const [prefix, resource, id, sub] = segments;
	const suite = suiteOf(context, prefix);
	if (suite === undefined || method !== 'GET') return undefined;
	const { mailings } = context;
	if (suite === 'ms') {
		if (resource === 'templates' && !id) return { status: 200, body: paged(filtered(mailings.templates, request).map(templateJson), query) };
		if (resource === 'template' && id && !sub) return { status: 200, body: templateJson(mailings.template(phpInt(id))) };
		return undefined;
	}
	if (resource === 'templates' && !id) return { status: 200, body: paged(mailings.publisherTemplates.map(publisherTemplateJson), query) };
	if (resource === 'template' && id) {
		const template = mailings.publisherTemplate(phpInt(id));
		if (!sub) return { status: 200, body: publisherTemplateJson(template) };
		if (sub === 'documents') {
			const documents = mailings.documents.filter((document) => document.template === template.ID);
			return { status: 200, body: paged(documents.map(documentJson), query) };
		}
	}
	if (resource === 'document' && id && !sub) return { status: 200, body: documentJson(mailings.document(phpInt(id))) };
	return undefined;
}
