import type { Comparison, ParsedCondition } from './selection';
import { matches, parseCondition, phpDate, phpFloat, phpInt } from './selection';

/** The emulated account: databases with fields, interests and profiles, held in memory. */

export interface FieldDefinition {
	ID: number;
	name: string;
	type: string;
	value: string;
	/** The most characters a text field keeps (`length` in `GET database/{id}/fields`, copernica-api.md §3). */
	length: number;
	/** What POST database/{id}/fields also stores (copernica-mailings.md §4.2 "Database structure"); shown by fieldJson. */
	options?: FieldOptions;
}

/** The other settings of a created field: shown as sent, cast as PHP would (emulator/routes/structure.ts). */
export interface FieldOptions {
	description: string;
	displayed: boolean;
	ordered: boolean;
	textlines: number;
	hidden: boolean;
	index: boolean;
	lock: boolean;
}

export interface InterestDefinition {
	ID: number;
	name: string;
	group: string;
	/** POST database/{id}/interests on v4 only (copernica-api.md §1.1 "an extra `description` field"). */
	description?: string;
}

export interface StoredProfile {
	ID: number;
	database: number;
	fields: Record<string, string>;
	interests: Set<string>;
	secret: string;
	created: string;
	modified: string;
	removed: string | null;
}

export interface StoredDatabase {
	ID: number;
	name: string;
	description: string;
	fields: FieldDefinition[];
	interests: InterestDefinition[];
	collections: StoredCollection[];
}

/** A collection: a table of subprofiles (orders, bookings) under the profiles of a database. */
export interface StoredCollection {
	ID: number;
	name: string;
	database: number;
	fields: FieldDefinition[];
}

export interface StoredSubprofile {
	ID: number;
	profile: number;
	collection: number;
	fields: Record<string, string>;
	secret: string;
	created: string;
	modified: string;
	removed: string | null;
}

/** A webhook registered through POST webhooks (copernica-webhooks.md §3.1). */
export interface StoredWebhook {
	ID: number;
	handler: string;
	trigger: string;
	callers: string[];
	database?: number;
	collection?: number;
}

/**
 * One (sub)profile write, as a webhook hears of it (copernica-webhooks.md §3.2): the entity's
 * data after the write (before it was emptied, for a delete) and what the request set.
 */
export interface StoreChange {
	type: 'create' | 'update' | 'delete';
	database: number;
	profile: number;
	subprofile?: number;
	collection?: number;
	/** The fields the request set ("Parameters that the action was performed with"); none for interest-only writes. */
	parameters?: FieldInput;
	fields: Record<string, string>;
	/** A profile's interests; subprofiles have none. */
	interests?: string[];
	created: string;
	modified: string;
	/** When it happened, on the wall clock (the payload's `timestamp` and `time`). */
	atMs: number;
}

/** What a selection can look at: a profile or a subprofile. */
type Selectable = Pick<StoredProfile, 'ID' | 'fields' | 'secret' | 'modified'>;

export type FieldSpec = { name: string; type?: string; value?: string; length?: number; options?: FieldOptions };

/** What `GET database/{id}/fields` shows as a text field's `length` when a seed gives none. */
export const DEFAULT_TEXT_LENGTH = 255;

/** Copernica answers most mistakes with HTTP 400 and one of its fixed messages. */
export class CopernicaError extends Error {
	constructor(
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

export type FieldInput = Record<string, unknown>;
export type InterestInput = unknown;

/** How a field of each type compares in a selection (copernica-api.md §2.3; dates: §2.1 `modified`). */
const COMPARISONS: Record<string, Comparison> = {
	integer: 'integer',
	foreign_key: 'integer',
	float: 'float',
	select: 'binary',
	date: 'date',
	empty_date: 'date',
	datetime: 'datetime',
	empty_datetime: 'datetime',
};

function comparisonOf(type: string): Comparison {
	return COMPARISONS[type] ?? 'text';
}

/** Copernica's `YYYY-MM-DD HH:MM:SS`. */
export function timestamp(date: Date): string {
	return date.toISOString().replace('T', ' ').slice(0, 19);
}

/** A select field's choices: its `value`, one a line (the first is the default), each trimmed at its end only (rmuit's Helper.php `rtrim`, §5). */
function choicesOf(field: FieldDefinition): string[] {
	return field.value
		.split(/\r?\n/)
		.map((choice) => choice.trimEnd())
		.filter((choice) => choice !== '');
}

/** What a new profile holds in a field: its default, for a select field the first of its choices. */
function defaultOf(field: FieldDefinition): string {
	return field.type === 'select' ? (choicesOf(field)[0] ?? '') : field.value;
}

/**
 * Copernica stores everything as text and coerces silently, without an error (copernica-api.md
 * §5, Helper.php `normalizeInputValue()`): integers as PHP casts them (`"n/a"` → 0, `"1.9"` → 1),
 * floats likewise, a select value that is not one of the choices (compared byte for byte) as "",
 * dates through the date reading of selection.ts. Text longer than the field's `length` is cut
 * off: Copernica documents the length (§3 `GET database/{id}/fields`) but not what happens past
 * it, and cutting silently is the worse case (a selection on the long value never matches the
 * profile it created).
 */
function coerce(value: unknown, field: FieldDefinition): string {
	// PHP's string cast: true is "1", false and null "" (§5 `normalizeInputValue()`).
	const text = value === null || value === undefined || value === false ? '' : value === true ? '1' : String(value);
	switch (comparisonOf(field.type)) {
		case 'integer':
			return String(phpInt(text));
		case 'float':
			return String(phpFloat(text));
		case 'binary':
			return choicesOf(field).includes(text) ? text : '';
		case 'date':
			return text === '' ? '' : phpDate(text, false);
		case 'datetime':
			return text === '' ? '' : phpDate(text, true);
		default:
			return Array.from(text).slice(0, field.length).join('');
	}
}

/** `true`, `yes` (any case) and numbers of 1 or more are true; anything else is false. */
export function isBooleanTrue(value: string | undefined): boolean {
	if (value === undefined) return false;
	const text = value.trim().toLowerCase();
	if (text === 'true' || text === 'yes') return true;
	const number = Number(text);
	return text !== '' && !Number.isNaN(number) && number >= 1;
}

/**
 * The kinds with an ID sequence of their own (Store.newId). A database's fields and a
 * collection's are apart: their paths are (`database/{id}/field/{field}`, `collection/{id}/field/{field}`,
 * copernica-mailings.md §4.2 "Database structure"), and docs silent on whether one table holds both,
 * so the worse case, that their IDs collide.
 */
type StoreIdKind = 'database' | 'field' | 'collectionField' | 'interest' | 'collection' | 'profile' | 'subprofile' | 'webhook';

/** Where every sequence starts, as the mailing store's do (mailingStore.ts SEQUENCE_START). */
const ID_SEQUENCE_START = 1000;

export class Store {
	readonly databases: StoredDatabase[] = [];
	readonly profiles = new Map<number, StoredProfile>();
	readonly webhooks = new Map<number, StoredWebhook>();
	/** The account's validated domains: handlers must be on one of them or below (copernica-webhooks.md §3.1). */
	validatedDomains: string[] = [];
	/** Writes since the last takeChanges(), for the webhooks (emulator/webhookDelivery.ts). */
	private changes: StoreChange[] = [];
	/** The next ID of each kind; see newId. */
	private readonly sequences = new Map<StoreIdKind, number>();
	private clock = Date.parse('2026-01-01T00:00:00Z');
	/**
	 * Equals look-ups, by database and field: lower-cased value → IDs of live profiles. Built on
	 * first use, dropped when that field (or the database's set of profiles) changes, so answers
	 * are the same as a full scan; it keeps a 10,000-profile benchmark from timing the emulator.
	 */
	private readonly equalsIndexes = new Map<number, Map<string, Map<string, number[]>>>();

	/**
	 * The next ID of one kind. Each kind has its own sequence from 1000, as each is its own table
	 * in Copernica (the mailing store's kinds too, mailingStore.ts newId): a subprofile's ID can
	 * equal a profile's, a collection's a database's, a collection field's a database field's.
	 * docs silent on how IDs are handed out (copernica-api.md §3 only shows each kind's own
	 * `ID`); the worse case for a client is that the IDs of different kinds collide, so an ID
	 * read as the wrong kind (a subprofile's sent to profile/{id}) names a real entity, and is
	 * changed, instead of failing.
	 */
	private newId(kind: StoreIdKind): number {
		const id = this.sequences.get(kind) ?? ID_SEQUENCE_START;
		this.sequences.set(kind, id + 1);
		return id;
	}

	/** The writes since the last call, oldest first. */
	takeChanges(): StoreChange[] {
		return this.changes.splice(0);
	}

	private recordProfile(type: StoreChange['type'], profile: StoredProfile, parameters?: FieldInput): void {
		this.changes.push({
			type,
			database: profile.database,
			profile: profile.ID,
			parameters,
			fields: { ...profile.fields },
			interests: [...profile.interests],
			created: profile.created,
			modified: profile.modified,
			atMs: Date.now(),
		});
	}

	private recordSubprofile(type: StoreChange['type'], subprofile: StoredSubprofile, parameters?: FieldInput): void {
		this.changes.push({
			type,
			database: this.collectionById(subprofile.collection)?.database ?? 0,
			profile: subprofile.profile,
			subprofile: subprofile.ID,
			collection: subprofile.collection,
			parameters,
			fields: { ...subprofile.fields },
			created: subprofile.created,
			modified: subprofile.modified,
			atMs: Date.now(),
		});
	}

	addWebhook(webhook: Omit<StoredWebhook, 'ID'>): StoredWebhook {
		const stored = { ID: this.newId('webhook'), ...webhook };
		this.webhooks.set(stored.ID, stored);
		return stored;
	}

	webhook(id: string): StoredWebhook {
		const found = /^\d+$/.test(id) ? this.webhooks.get(Number(id)) : undefined;
		if (!found) throw new CopernicaError('No entity with supplied ID');
		return found;
	}

	/**
	 * Sets the store's clock: the next now() is this moment (`YYYY-MM-DD HH:MM:SS`, as Copernica
	 * writes its times, without a zone). For a test of "yesterday's mailings", which must be sent
	 * on the day a workflow's `$today` names. False when the moment cannot be read.
	 */
	setClock(moment: string): boolean {
		const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(moment);
		const ms = match ? Date.parse(`${match[1]}T${match[2]}Z`) : Number.NaN;
		if (Number.isNaN(ms) || timestamp(new Date(ms)) !== moment) return false;
		this.clock = ms - 1000;
		return true;
	}

	/** The store's clock: a second later at every call, so answers are the same in every run. */
	now(): string {
		this.clock += 1000;
		return timestamp(new Date(this.clock));
	}

	addDatabase(
		name: string,
		fields: FieldSpec[],
		interests: Array<{ name: string; group?: string }> = [],
		description = '',
	): StoredDatabase {
		const database: StoredDatabase = {
			ID: this.newId('database'),
			name,
			description,
			fields: fields.map((field) => this.fieldDefinition(field, 'field')),
			interests: interests.map((interest) => ({
				ID: this.newId('interest'),
				name: interest.name,
				group: interest.group ?? '',
			})),
			collections: [],
		};
		this.databases.push(database);
		return database;
	}

	addCollection(database: StoredDatabase, name: string, fields: FieldSpec[]): StoredCollection {
		const collection: StoredCollection = {
			ID: this.newId('collection'),
			name,
			database: database.ID,
			fields: fields.map((field) => this.fieldDefinition(field, 'collectionField')),
		};
		database.collections.push(collection);
		return collection;
	}

	private fieldDefinition(field: FieldSpec, kind: 'field' | 'collectionField'): FieldDefinition {
		return {
			ID: this.newId(kind),
			name: field.name,
			type: field.type ?? 'text',
			value: field.value ?? '',
			length: field.length ?? DEFAULT_TEXT_LENGTH,
			options: field.options,
		};
	}

	/**
	 * A field added to a database or collection after the fact (POST …/fields): every live
	 * (sub)profile gets its default, so the profile routes read and write it at once.
	 */
	addField(table: StoredDatabase | StoredCollection, spec: FieldSpec): FieldDefinition {
		const isDatabase = 'collections' in table;
		const field = this.fieldDefinition(spec, isDatabase ? 'field' : 'collectionField');
		table.fields.push(field);
		const entities: Selectable[] = isDatabase
			? [...this.profiles.values()].filter((profile) => profile.database === table.ID && profile.removed === null)
			: [...this.subprofiles.values()].filter((subprofile) => subprofile.collection === table.ID && subprofile.removed === null);
		for (const entity of entities) entity.fields[field.name] = coerce(defaultOf(field), field);
		if (isDatabase) this.equalsIndexes.delete(table.ID);
		return field;
	}

	addInterest(database: StoredDatabase, name: string, group: string, description?: string): InterestDefinition {
		const interest: InterestDefinition = { ID: this.newId('interest'), name, group, description };
		database.interests.push(interest);
		return interest;
	}

	/** By numeric ID, or by name (case-insensitively), as Copernica accepts both in the URL. */
	database(idOrName: string): StoredDatabase {
		const byId = /^\d+$/.test(idOrName)
			? this.databases.find((database) => database.ID === Number(idOrName))
			: undefined;
		const found =
			byId ?? this.databases.find((database) => database.name.toLowerCase() === idOrName.toLowerCase());
		if (!found) throw new CopernicaError('No database with supplied ID');
		return found;
	}

	/** The database a profile belongs to. */
	private databaseOf(profile: StoredProfile): StoredDatabase {
		const database = this.databases.find((candidate) => candidate.ID === profile.database);
		if (!database) throw new CopernicaError('No database with supplied ID');
		return database;
	}

	profile(id: string): StoredProfile {
		const found = /^\d+$/.test(id) ? this.profiles.get(Number(id)) : undefined;
		if (!found) throw new CopernicaError('No entity with supplied ID');
		return found;
	}

	private field(table: { fields: FieldDefinition[] }, name: string): FieldDefinition | undefined {
		const lower = name.toLowerCase();
		return table.fields.find((field) => field.name.toLowerCase() === lower);
	}

	/** The conditions Copernica would use on a database or collection; the others it drops without a word. */
	usableConditions(table: { fields: FieldDefinition[] }, raw: string[]): ParsedCondition[] {
		return raw
			.map(parseCondition)
			.filter((condition): condition is ParsedCondition => {
				if (!condition) return false;
				return (
					this.field(table, condition.field) !== undefined ||
					['id', 'code', 'modified'].includes(condition.field.toLowerCase())
				);
			});
	}

	private satisfies(table: { fields: FieldDefinition[] }, entity: Selectable, condition: ParsedCondition): boolean {
		const field = this.field(table, condition.field);
		if (field) return matches(entity.fields[field.name] ?? '', condition, comparisonOf(field.type));
		// The properties every (sub)profile has (§2.1): `id` a number, `code` the secret, `modified` a timestamp.
		switch (condition.field.toLowerCase()) {
			case 'id':
				return matches(String(entity.ID), condition, 'integer');
			case 'code':
				// rmuit's model keeps the secret as text, compared case-insensitively (§2.3): the wider match.
				return matches(entity.secret, condition, 'text');
			default:
				return matches(entity.modified, condition, 'datetime');
		}
	}

	/** Live profiles of the database meeting every usable condition (all of them when none is usable). */
	select(database: StoredDatabase, raw: string[]): StoredProfile[] {
		const conditions = this.usableConditions(database, raw);
		const keep = (profile: StoredProfile) =>
			profile.database === database.ID &&
			profile.removed === null &&
			conditions.every((condition) => this.satisfies(database, profile, condition));
		// An Equals on a text field narrows the candidates through the index; `keep` still checks everything.
		for (const condition of conditions) {
			const field = condition.operator === '==' ? this.field(database, condition.field) : undefined;
			if (field === undefined || comparisonOf(field.type) !== 'text') continue;
			const ids = this.equalsIndex(database, field.name).get(condition.value.toLowerCase()) ?? [];
			return ids.map((id) => this.profiles.get(id)!).filter(keep);
		}
		return [...this.profiles.values()].filter(keep);
	}

	private equalsIndex(database: StoredDatabase, fieldName: string): Map<string, number[]> {
		let byField = this.equalsIndexes.get(database.ID);
		if (!byField) this.equalsIndexes.set(database.ID, (byField = new Map()));
		let index = byField.get(fieldName);
		if (!index) {
			index = new Map();
			for (const profile of this.profiles.values()) {
				if (profile.database !== database.ID || profile.removed !== null) continue;
				const key = (profile.fields[fieldName] ?? '').toLowerCase();
				const ids = index.get(key);
				if (ids) ids.push(profile.ID);
				else index.set(key, [profile.ID]);
			}
			byField.set(fieldName, index);
		}
		return index;
	}

	/**
	 * A new profile into the database's built indexes, instead of dropping them: rebuilding one
	 * scans every profile, and a run that creates thousands would rebuild it for each create.
	 */
	private addToEqualsIndexes(database: StoredDatabase, profile: StoredProfile): void {
		for (const [fieldName, index] of this.equalsIndexes.get(database.ID) ?? []) {
			const key = (profile.fields[fieldName] ?? '').toLowerCase();
			const ids = index.get(key);
			if (ids) ids.push(profile.ID);
			else index.set(key, [profile.ID]);
		}
	}

	private checkFieldsInput(fields: unknown): FieldInput {
		if (fields === undefined) return {};
		if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
			throw new CopernicaError('Invalid data provided');
		}
		return fields as FieldInput;
	}

	/** Writes known fields (case-insensitive names, later spelling wins); unknown ones are ignored. */
	private writeFields(database: StoredDatabase, profile: StoredProfile, fields: FieldInput): boolean {
		return this.writeTableFields(database, profile, fields, (name) =>
			this.equalsIndexes.get(database.ID)?.delete(name),
		);
	}

	private writeTableFields(
		table: { fields: FieldDefinition[] },
		entity: Selectable,
		fields: FieldInput,
		onChange: (fieldName: string) => void = () => undefined,
	): boolean {
		let changed = false;
		for (const [name, value] of Object.entries(fields)) {
			const field = this.field(table, name);
			if (!field) continue;
			const stored = coerce(value, field);
			if (entity.fields[field.name] !== stored) {
				entity.fields[field.name] = stored;
				onChange(field.name);
				changed = true;
			}
		}
		return changed;
	}

	/** A list switches interests on; an object switches each listed one on (1) or off (0). */
	private writeInterests(database: StoredDatabase, profile: StoredProfile, interests: InterestInput): boolean {
		if (interests === undefined || interests === null) return false;
		const known = (name: string) =>
			database.interests.find((interest) => interest.name.toLowerCase() === String(name).toLowerCase());
		const switches: Array<[string, boolean]> = Array.isArray(interests)
			? interests.map((name) => [String(name), true])
			: typeof interests === 'object'
				? Object.entries(interests as Record<string, unknown>).map(([name, on]) => [
						name,
						isBooleanTrue(String(on)),
					])
				: [];
		let changed = false;
		for (const [name, on] of switches) {
			const interest = known(name);
			if (!interest) continue;
			if (on && !profile.interests.has(interest.name)) {
				profile.interests.add(interest.name);
				changed = true;
			} else if (!on && profile.interests.delete(interest.name)) {
				changed = true;
			}
		}
		return changed;
	}

	createProfile(database: StoredDatabase, fields: unknown, interests: InterestInput): StoredProfile {
		const checked = this.checkFieldsInput(fields);
		const created = this.now();
		const profile: StoredProfile = {
			ID: this.newId('profile'),
			database: database.ID,
			fields: Object.fromEntries(database.fields.map((field) => [field.name, coerce(defaultOf(field), field)])),
			interests: new Set(),
			secret: `s${Math.random().toString(36).slice(2, 12)}`,
			created,
			modified: created,
			removed: null,
		};
		// Not in any index yet: its fields are written without invalidating one, then it is added to each.
		this.writeTableFields(database, profile, checked);
		this.writeInterests(database, profile, interests);
		this.profiles.set(profile.ID, profile);
		this.addToEqualsIndexes(database, profile);
		this.recordProfile('create', profile, checked);
		return profile;
	}

	updateProfile(profile: StoredProfile, fields: unknown, interests: InterestInput): void {
		const database = this.databaseOf(profile);
		const checked = this.checkFieldsInput(fields);
		const changedFields = this.writeFields(database, profile, checked);
		const changedInterests = this.writeInterests(database, profile, interests);
		if (!changedFields && !changedInterests) return;
		profile.modified = this.now();
		this.recordProfile('update', profile, checked);
	}

	/** PUT profile/{id}/interests: the listed interests on (or those with 1), every other one off. */
	replaceInterests(profile: StoredProfile, interests: InterestInput): void {
		const database = this.databaseOf(profile);
		const before = [...profile.interests].sort().join('\n');
		profile.interests.clear();
		this.writeInterests(database, profile, interests);
		if ([...profile.interests].sort().join('\n') === before) return;
		profile.modified = this.now();
		this.recordProfile('update', profile);
	}

	validateBody(fields: unknown): void {
		this.checkFieldsInput(fields);
	}

	removeProfile(profile: StoredProfile): void {
		if (profile.removed !== null) throw new CopernicaError('This profile has already been removed');
		this.recordProfile('delete', profile);
		profile.removed = this.now();
		for (const name of Object.keys(profile.fields)) profile.fields[name] = '';
		this.equalsIndexes.delete(profile.database);
		// A profile's subprofiles go with it.
		for (const subprofile of this.subprofiles.values()) {
			if (subprofile.profile === profile.ID && subprofile.removed === null) this.removeSubprofile(subprofile);
		}
	}

	// Subprofiles: the rows of a collection, each under one profile.

	readonly subprofiles = new Map<number, StoredSubprofile>();

	/** By numeric ID only: Copernica's collection/{id} paths take no names. */
	collection(id: string): StoredCollection {
		const found = /^\d+$/.test(id) ? this.collectionById(Number(id)) : undefined;
		if (!found) throw new CopernicaError('No collection with supplied ID');
		return found;
	}

	private collectionById(id: number): StoredCollection | undefined {
		for (const database of this.databases) {
			const found = database.collections.find((collection) => collection.ID === id);
			if (found) return found;
		}
		return undefined;
	}

	/** profile/{id}/subprofiles/{collection}: the collection of the profile's database, by ID or by name. */
	collectionOfProfile(profile: StoredProfile, idOrName: string): StoredCollection {
		const found = this.databaseOf(profile).collections.find(
			(collection) =>
				String(collection.ID) === idOrName || collection.name.toLowerCase() === idOrName.toLowerCase(),
		);
		if (!found) throw new CopernicaError('No collection with supplied ID');
		return found;
	}

	subprofile(id: string): StoredSubprofile {
		const found = /^\d+$/.test(id) ? this.subprofiles.get(Number(id)) : undefined;
		if (!found) throw new CopernicaError('No entity with supplied ID');
		return found;
	}

	/** Live subprofiles of the collection (of one profile, when given) meeting every usable condition. */
	selectSubprofiles(collection: StoredCollection, raw: string[], profile?: StoredProfile): StoredSubprofile[] {
		const conditions = this.usableConditions(collection, raw);
		return [...this.subprofiles.values()].filter(
			(subprofile) =>
				subprofile.collection === collection.ID &&
				subprofile.removed === null &&
				(profile === undefined || subprofile.profile === profile.ID) &&
				conditions.every((condition) => this.satisfies(collection, subprofile, condition)),
		);
	}

	createSubprofile(profile: StoredProfile, collection: StoredCollection, fields: unknown): StoredSubprofile {
		if (profile.removed !== null) throw new CopernicaError('This profile has already been removed');
		const checked = this.checkFieldsInput(fields);
		const created = this.now();
		const subprofile: StoredSubprofile = {
			ID: this.newId('subprofile'),
			profile: profile.ID,
			collection: collection.ID,
			fields: Object.fromEntries(collection.fields.map((field) => [field.name, coerce(defaultOf(field), field)])),
			secret: `s${Math.random().toString(36).slice(2, 12)}`,
			created,
			modified: created,
			removed: null,
		};
		this.writeTableFields(collection, subprofile, checked);
		this.subprofiles.set(subprofile.ID, subprofile);
		this.recordSubprofile('create', subprofile, checked);
		return subprofile;
	}

	updateSubprofile(subprofile: StoredSubprofile, fields: unknown): void {
		const collection = this.collectionById(subprofile.collection);
		if (!collection) throw new CopernicaError('No collection with supplied ID');
		const checked = this.checkFieldsInput(fields);
		if (!this.writeTableFields(collection, subprofile, checked)) return;
		subprofile.modified = this.now();
		this.recordSubprofile('update', subprofile, checked);
	}

	removeSubprofile(subprofile: StoredSubprofile): void {
		if (subprofile.removed !== null) throw new CopernicaError('This subprofile has already been removed');
		this.recordSubprofile('delete', subprofile);
		subprofile.removed = this.now();
		for (const name of Object.keys(subprofile.fields)) subprofile.fields[name] = '';
	}
}
