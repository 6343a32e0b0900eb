import type { ApiRequest, ApiResponse } from '../http';
import { bodyParameters } from '../http';
import { phpInt } from '../selection';
import type { FieldOptions, StoredCollection, StoredDatabase } from '../store';
import { CopernicaError, DEFAULT_TEXT_LENGTH, isBooleanTrue } from '../store';
import type { RouteContext } from './context';
import { createdHeaders } from './context';

/**
 * Database structure (copernica-mailings.md §4.2 "Database structure"): `POST
 * database/{id}/fields` and `collection/{id}/fields`, `POST database/{id}/interests`. A created
 * field is in the table's field list at once, so the profile routes read and write it
 * (store.ts addField). 201 with the new ID in X-Created and Location ("created ID", §4.2; as
 * the other creates, copernica-api.md §4.1), no body. Undefined: not one of these paths.
 */

/** The documented types (§4.2 `rest-post-database-fields`). */
const FIELD_TYPES = ['integer', 'float', 'date', 'empty_date', 'datetime', 'empty_datetime', 'text', 'email', 'phone_fax', 'phone_gsm', 'select', 'big', 'foreign_key'];
/** "email (1 per DB), phone_fax, phone_gsm (1 each)" (§4.2). */
const ONE_PER_TABLE = ['email', 'phone_fax', 'phone_gsm'];

/** PHP's reading of a boolean parameter (copernica-api.md §5 `isBooleanTrue()`); JSON true is true. */
const flag = (value: unknown) => value === true || (typeof value !== 'boolean' && isBooleanTrue(value === undefined ? undefined : String(value)));

function createField(context: RouteContext, table: StoredDatabase | StoredCollection, body: unknown, entity: string): ApiResponse {
	const parameters = bodyParameters(body);
	const name = String(parameters.name ?? '').trim();
	// The refusals' texts are the emulator's own (docs silent).
	if (name === '') throw new CopernicaError('Parameter name is required');
	if (table.fields.some((field) => field.name.toLowerCase() === name.toLowerCase())) throw new CopernicaError('A field with this name already exists');
	// docs silent on an unknown type: the worse case, ignored as an unreadable value is, and the field is text.
	const asked = String(parameters.type ?? 'text');
	const type = FIELD_TYPES.includes(asked) ? asked : 'text';
	if (ONE_PER_TABLE.includes(type) && table.fields.some((field) => field.type === type)) {
		throw new CopernicaError(`There can only be one field of type ${type}`);
	}
	const options: FieldOptions = {
		description: String(parameters.description ?? ''),
		displayed: flag(parameters.displayed),
		ordered: flag(parameters.ordered),
		textlines: parameters.textlines === undefined ? 1 : phpInt(String(parameters.textlines)),
		hidden: flag(parameters.hidden),
		index: flag(parameters.index),
		lock: flag(parameters.lock),
	};
	const length = parameters.length === undefined ? DEFAULT_TEXT_LENGTH : phpInt(String(parameters.length));
	const field = context.store.addField(table, { name, type, value: String(parameters.value ?? ''), length, options });
	return { status: 201, headers: createdHeaders(context, field.ID, `${entity}/${table.ID}/field`) };
}

export function structureRoute(context: RouteContext, request: ApiRequest): ApiResponse | undefined {
	const { method, segments, body } = request;
	const [resource, id, sub] = segments;
	if (method !== 'POST' || !id) return undefined;
	const { store } = context;
	if (resource === 'database' && sub === 'fields') return createField(context, store.database(id), body, 'database');
	if (resource === 'collection' && sub === 'fields') return createField(context, store.collection(id), body, 'collection');
	if (resource === 'database' && sub === 'interests') {
		const database = store.database(id);
		const parameters = bodyParameters(body);
		const name = String(parameters.name ?? '').trim();
		if (name === '') throw new CopernicaError('Parameter name is required');
		// v4 adds `description` (copernica-api.md §1.1); v3 ignores it. A second interest of the same
		// name: docs silent, the worse case, a silent success (profiles then switch the first by name).
		const description = context.version === 'v4' ? String(parameters.description ?? '') : undefined;
		const interest = store.addInterest(database, name, String(parameters.group ?? ''), description);
		return { status: 201, headers: createdHeaders(context, interest.ID, `database/${database.ID}/interest`) };
	}
	return undefined;
}
