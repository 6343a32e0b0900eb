import { seedMailings } from '../../emulator/mailingStore';
import { sampleSeed, storeFromSeed } from '../../emulator/seed';

/**
 * The IDs the sample seed gives its databases, templates, documents and selections, read from
 * an emulator account seeded as every test's is (useEmulator resets to it before each test).
 * Tests take IDs from here, never as numbers written down: each kind has its own ID sequence
 * (emulator/mailingStore.ts newId), so a number in a test can name an entity of another kind
 * and still pass.
 */
const store = storeFromSeed(sampleSeed());
const mailings = seedMailings(store);

function idOf(entries: ReadonlyArray<{ ID: number; name: string }>, name: string, kind: string): string {
	const found = entries.find((entry) => entry.name === name);
	if (!found) throw new Error(`The sample seed has no ${kind} "${name}"`);
	return String(found.ID);
}

export const sampleIds = {
	database: (name: string) => idOf(store.databases, name, 'database'),
	template: (name: string) => idOf(mailings.templates, name, 'template'),
	publisherTemplate: (name: string) => idOf(mailings.publisherTemplates, name, 'Publisher template'),
	document: (name: string) => idOf(mailings.documents, name, 'document'),
	view: (name: string) => idOf(mailings.selections.filter((selection) => selection.kind === 'view'), name, 'view'),
	miniview: (name: string) => idOf(mailings.selections.filter((selection) => selection.kind === 'miniview'), name, 'miniview'),
};
