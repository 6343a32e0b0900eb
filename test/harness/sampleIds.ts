import { seedMailings } from '../../emulator/mailingStore';
import { sampleSeed, storeFromSeed } from '../../emulator/seed';

/**
 * The IDs the sample seed gives its databases, collections, profiles, subprofiles, templates,
 * documents and selections, read from an emulator account seeded as every test's is
 * (useEmulator resets to it before each test).
 * Tests take IDs from here, never as numbers written down: each kind has its own ID sequence
 * (emulator/store.ts and emulator/mailingStore.ts newId), so a number in a test can name an
 * entity of another kind and still pass.
 */
const store = storeFromSeed(sampleSeed());
const mailings = seedMailings(store);

function idOf(entries: ReadonlyArray<{ ID: number; name: string }>, name: string, kind: string): string {
	const found = entries.find((entry) => entry.name === name);
	if (!found) throw new Error(`The sample seed has no ${kind} "${name}"`);
	return String(found.ID);
}

/** The sample's profiles and subprofiles have no name: each is found by the value of one field (customerid, orderid). */
function idByField(entities: Iterable<{ ID: number; fields: Record<string, string> }>, field: string, value: string, kind: string): string {
	const found = [...entities].find((entity) => entity.fields[field] === value);
	if (!found) throw new Error(`The sample seed has no ${kind} with ${field} "${value}"`);
	return String(found.ID);
}

export const sampleIds = {
	database: (name: string) => idOf(store.databases, name, 'database'),
	collection: (name: string) => idOf(store.databases.flatMap((database) => database.collections), name, 'collection'),
	/** A Customers profile by its customerid (`C-1001` is Anna). */
	profile: (customerid: string) => idByField(store.profiles.values(), 'customerid', customerid, 'profile'),
	/** An Orders subprofile by its orderid (`O-1` is Anna's first order). */
	subprofile: (orderid: string) => idByField(store.subprofiles.values(), 'orderid', orderid, 'subprofile'),
	template: (name: string) => idOf(mailings.templates, name, 'template'),
	publisherTemplate: (name: string) => idOf(mailings.publisherTemplates, name, 'Publisher template'),
	document: (name: string) => idOf(mailings.documents, name, 'document'),
	view: (name: string) => idOf(mailings.selections.filter((selection) => selection.kind === 'view'), name, 'view'),
	miniview: (name: string) => idOf(mailings.selections.filter((selection) => selection.kind === 'miniview'), name, 'miniview'),
};
