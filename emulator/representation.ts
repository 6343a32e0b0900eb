import type { FieldDefinition, StoredCollection, StoredDatabase, StoredProfile, StoredSubprofile } from './store';

/** Copernica's JSON shapes. It returns IDs and numbers as strings ("everything is a string"). */

export interface PagedList<T> {
	start: number;
	limit: number;
	count: number;
	total?: number;
	data: T[];
}

/** Copernica's default page is 100 entries and its largest 1,000. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function page<T>(all: T[], start: number, limit: number, withTotal: boolean): PagedList<T> {
	const safeStart = Math.max(0, start);
	const safeLimit = Math.max(0, Math.min(MAX_LIMIT, limit));
	const data = start < 0 || limit < 0 ? [] : all.slice(safeStart, safeStart + safeLimit);
	const list: PagedList<T> = { start: safeStart, limit: safeLimit, count: data.length, data };
	if (withTotal) list.total = all.length;
	return list;
}

export function fieldJson(table: { fields: FieldDefinition[] }) {
	return table.fields.map((field) => ({
		ID: String(field.ID),
		name: field.name,
		type: field.type,
		value: field.value,
		displayed: field.options?.displayed ?? false,
		ordered: field.options?.ordered ?? false,
		length: String(field.length),
		textlines: String(field.options?.textlines ?? 1),
		hidden: field.options?.hidden ?? false,
		index: field.options?.index ?? false,
	}));
}

export function interestJson(database: StoredDatabase) {
	return database.interests.map((interest) => ({
		ID: String(interest.ID),
		name: interest.name,
		group: interest.group,
	}));
}

export function databaseJson(database: StoredDatabase) {
	const fields = fieldJson(database);
	const interests = interestJson(database);
	return {
		ID: String(database.ID),
		name: database.name,
		description: database.description,
		archived: false,
		created: '2026-01-01 00:00:00',
		fields: page(fields, 0, 1000, true),
		interests: page(interests, 0, 1000, true),
		collections: page(database.collections.map(collectionJson), 0, 1000, true),
	};
}

/** Collections carry their fields, the first 1,000 of them, like a database's lists. */
export function collectionJson(collection: StoredCollection) {
	return {
		ID: String(collection.ID),
		name: collection.name,
		database: String(collection.database),
		fields: page(fieldJson(collection), 0, 1000, true),
		intentions: { email: false, sms: false, fax: false, pdf: false },
	};
}

/** With `dataonly` only ID, fields, collection, profile and modified (Copernica's documented list). */
export function subprofileJson(subprofile: StoredSubprofile, dataOnly = false) {
	const core = {
		ID: String(subprofile.ID),
		fields: { ...subprofile.fields },
		profile: String(subprofile.profile),
		collection: String(subprofile.collection),
		modified: subprofile.modified,
	};
	if (dataOnly) return core;
	return { ...core, secret: subprofile.secret, created: subprofile.created, removed: subprofile.removed ?? false };
}

export function profileJson(profile: StoredProfile, dataOnly = false) {
	const core = {
		ID: String(profile.ID),
		fields: { ...profile.fields },
		interests: [...profile.interests],
		modified: profile.modified,
	};
	if (dataOnly) return core;
	return {
		...core,
		database: String(profile.database),
		secret: profile.secret,
		created: profile.created,
		removed: profile.removed ?? false,
	};
}
