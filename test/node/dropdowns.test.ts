import type { Seed } from '../../emulator/seed';
import { sampleSeed } from '../../emulator/seed';
import { loadNodeOptions, runCopernicaNode, searchNodeList } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName, updateProfiles } from '../harness/parameters';

/**
 * The editor's dropdowns, loaded as n8n loads them, against an account with more than one
 * page (1,000 entries) of everything: the classic bug of marketing nodes is a list that stops
 * at the first page.
 */
const FIELD_COUNT = 1234;
const INTEREST_COUNT = 1100;
const FILLER_DATABASES = 1500;
const COLLECTION_COUNT = 1050;

function bigSeed(): Seed {
	const seed = sampleSeed();
	seed.databases.push({
		name: 'Big',
		fields: Array.from({ length: FIELD_COUNT }, (_, index) => ({ name: `field${index + 1}` })),
		interests: Array.from({ length: INTEREST_COUNT }, (_, index) => ({ name: `interest${index + 1}`, group: 'many' })),
		// The first collection has more than a page of fields; there are more than a page of collections.
		collections: Array.from({ length: COLLECTION_COUNT }, (_, index) => ({
			name: `collection${index + 1}`,
			fields: index === 0 ? Array.from({ length: FIELD_COUNT }, (__, field) => ({ name: `line${field + 1}` })) : [{ name: 'line1' }],
		})),
	});
	seed.fillerDatabases = FILLER_DATABASES;
	return seed;
}

const copernica = useEmulator(bigSeed);

describe('database list (resource locator)', () => {
	it('lists every database, past the first 1,000', async () => {
		const { results } = await searchNodeList('searchDatabases', undefined, copernica.credentials);
		expect(results).toHaveLength(3 + FILLER_DATABASES);
		expect(results[0].name).toMatch(/^Customers \(\d+\)$/);
		expect(results.at(-1)?.name).toMatch(/^Filler 1500 \(\d+\)$/);
		const pages = (await copernica.client.log()).map((entry) => Object.fromEntries(entry.query).start);
		expect(pages).toEqual(['0', '1000']);
	});

	it('searches by name, case-insensitively, and by ID', async () => {
		const byName = await searchNodeList('searchDatabases', 'filler 1499', copernica.credentials);
		expect(byName.results.map((result) => result.name)).toEqual([expect.stringMatching(/^Filler 1499 /)]);
		const id = String(byName.results[0].value);
		const byId = await searchNodeList('searchDatabases', id, copernica.credentials);
		expect(byId.results.map((result) => result.value)).toEqual([id]);
	});
});

describe('field and interest dropdowns', () => {
	const parameters = { resource: 'profile', operation: 'updateProfiles', database: databaseByName('Big') };

	it('Fields to Set lists every field of the database', async () => {
		const options = await loadNodeOptions('getDatabaseFields', parameters, copernica.credentials);
		expect(options).toHaveLength(FIELD_COUNT);
		expect(options.at(-1)).toEqual({ name: `field${FIELD_COUNT}`, value: `field${FIELD_COUNT}`, description: 'text' });
	});

	it('selection fields are every field plus ID, Secret Code and Modified', async () => {
		const options = await loadNodeOptions('getSelectionFields', parameters, copernica.credentials);
		expect(options).toHaveLength(FIELD_COUNT + 3);
		expect(options.slice(-3).map(({ name, value }) => [name, value])).toEqual([
			['ID', 'id'],
			['Secret Code', 'code'],
			['Modified', 'modified'],
		]);
	});

	it('interests are listed by name, every page, with their group', async () => {
		const options = await loadNodeOptions('getInterests', parameters, copernica.credentials);
		expect(options).toHaveLength(INTEREST_COUNT);
		expect(options[0]).toEqual({ name: 'interest1 (many)', value: 'interest1' });
	});

	it('follow the chosen database', async () => {
		const options = await loadNodeOptions(
			'getDatabaseFields',
			{ ...parameters, database: databaseByName('Newsletter') },
			copernica.credentials,
		);
		expect(options.map((option) => option.value)).toEqual(['email', 'name']);
	});

	it('ask for a database first when none is chosen', async () => {
		await expect(
			loadNodeOptions('getDatabaseFields', { ...parameters, database: { __rl: true, mode: 'list', value: '' } }, copernica.credentials),
		).rejects.toThrow('Choose a database first');
	});
});

describe('collection dropdowns (subprofiles)', () => {
	const subprofiles = { resource: 'subprofile', operation: 'updateMany', database: databaseByName('Big') };

	it('Collection lists every collection of the database, and searches them by name or ID', async () => {
		const { results } = await searchNodeList('searchCollections', undefined, copernica.credentials, subprofiles);
		expect(results).toHaveLength(COLLECTION_COUNT);
		const last = copernica.emulator.store.database('Big').collections.at(-1)!;
		expect(results.at(-1)).toEqual({ name: `collection${COLLECTION_COUNT} (${last.ID})`, value: String(last.ID) });
		const searched = await searchNodeList('searchCollections', 'COLLECTION105', copernica.credentials, subprofiles);
		expect(searched.results.map((result) => result.name)).toEqual([
			expect.stringMatching(/^collection105 /),
			expect.stringMatching(/^collection1050 /),
		]);
	});

	it('the collection\'s fields, every page, and for selections plus ID, Secret Code and Modified', async () => {
		const collection = String(copernica.emulator.store.database('Big').collections[0].ID);
		const fields = await loadNodeOptions('getCollectionFields', { ...subprofiles, collection }, copernica.credentials);
		expect(fields).toHaveLength(FIELD_COUNT);
		const selection = await loadNodeOptions('getCollectionSelectionFields', { ...subprofiles, collection }, copernica.credentials);
		expect(selection.slice(-4).map((option) => option.value)).toEqual([`line${FIELD_COUNT}`, 'id', 'code', 'modified']);
	});

	it('a collection given by name (an expression) fills the lists too; an unknown name says which there are', async () => {
		const collection = { __rl: true, mode: 'name', value: 'COLLECTION2' };
		const byName = await loadNodeOptions('getCollectionFields', { ...subprofiles, collection }, copernica.credentials);
		expect(byName.map((option) => option.value)).toEqual(['line1']);
		await expect(
			loadNodeOptions(
				'getCollectionFields',
				{ ...subprofiles, database: databaseByName('Customers'), collection: { __rl: true, mode: 'name', value: 'Bookings' } },
				copernica.credentials,
			),
		).rejects.toThrow('The database has no collection "Bookings"');
	});

	it('ask for a collection first when none is chosen', async () => {
		await expect(
			loadNodeOptions('getCollectionFields', { ...subprofiles, collection: '' }, copernica.credentials),
		).rejects.toThrow('Choose a collection first');
	});
});

describe('the selection check', () => {
	it('knows fields past the first page, so it neither refuses them nor lets a typo through', async () => {
		const accepted = await runCopernicaNode({
			parameters: updateProfiles({
				database: databaseByName('Big'),
				conditions: [{ field: `field${FIELD_COUNT}`, value: 'x' }],
				fields: { field1001: 'y' },
			}),
			credentials: copernica.credentials,
		});
		expect(accepted.error).toBeUndefined();
		const refused = await runCopernicaNode({
			parameters: updateProfiles({
				database: databaseByName('Big'),
				conditions: [{ field: `field${FIELD_COUNT + 1}`, value: 'x' }],
				fields: { field1001: 'y' },
			}),
			credentials: copernica.credentials,
		});
		expect(refused.error?.message).toBe(`Condition 1: the database has no field "field${FIELD_COUNT + 1}" [item 0]`);
	});
});
