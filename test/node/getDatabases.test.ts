import type { Seed } from '../../emulator/seed';
import { sampleSeed } from '../../emulator/seed';
import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';

/** Database → Get Many through n8n's engine, on an account with more than one page of databases. */
const FILLER_DATABASES = 1500;

function manyDatabases(): Seed {
	return { ...sampleSeed(), fillerDatabases: FILLER_DATABASES };
}

const copernica = useEmulator(manyDatabases);

function getManyDatabases(options: { returnAll?: boolean; limit?: number; simplify?: boolean }) {
	return {
		resource: 'database',
		operation: 'getMany',
		returnAll: options.returnAll ?? false,
		limit: options.limit ?? 50,
		simplify: options.simplify ?? true,
	};
}

describe('Database → Get Many', () => {
	it('Return All lists every database, 1,000 a page', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: getManyDatabases({ returnAll: true }),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(2 + FILLER_DATABASES);
		expect(output[0].json).toEqual({ ID: expect.any(String), name: 'Customers', description: 'Customers of the web shop' });
		expect(output.at(-1)?.json.name).toBe('Filler 1500');
		const pages = (await copernica.client.log()).map((entry) => Object.fromEntries(entry.query));
		expect(pages.map((query) => [query.start, query.limit])).toEqual([
			['0', '1000'],
			['1000', '1000'],
		]);
	});

	it('Limit reads no more than asked; Simplify off gives Copernica\'s own objects', async () => {
		const { output } = await runCopernicaNode({
			parameters: getManyDatabases({ limit: 2, simplify: false }),
			credentials: copernica.credentials,
		});
		expect(output.map((item) => item.json.name)).toEqual(['Customers', expect.any(String)]);
		expect(output[0].json).toMatchObject({ fields: expect.objectContaining({ data: expect.any(Array) }), interests: expect.any(Object) });
		const [request] = await copernica.client.log();
		expect(Object.fromEntries(request.query)).toMatchObject({ start: '0', limit: '2' });
	});
});

describe('Database → Get', () => {
	const wide = useEmulator(() => {
		const seed = sampleSeed();
		const customers = seed.databases[0];
		for (let index = 0; index < 1005; index++) customers.fields.push({ name: `extra${index}`, type: 'integer' });
		customers.collections![0].fields.push(...Array.from({ length: 1001 }, (_, index) => ({ name: `line${index}` })));
		return seed;
	});

	async function getDatabase(simplify: boolean) {
		return await runCopernicaNode({
			parameters: { resource: 'database', operation: 'get', database: { __rl: true, mode: 'name', value: 'Customers' }, simplify },
			credentials: wide.credentials,
		});
	}

	it('returns every field, interest and collection with every field of each collection, past 1,000 a list', async () => {
		const { output, error } = await getDatabase(true);
		expect(error).toBeUndefined();
		const database = output[0].json as {
			name: string;
			fields: Array<{ name: string; type: string }>;
			interests: Array<{ name: string; group: string }>;
			collections: Array<{ name: string; fields: Array<{ name: string }> }>;
		};
		expect(database.name).toBe('Customers');
		expect(database.fields).toHaveLength(7 + 1005);
		expect(database.fields[0]).toEqual({ ID: expect.any(String), name: 'customerid', type: 'text' });
		expect(database.fields.at(-1)).toMatchObject({ name: 'extra1004', type: 'integer' });
		expect(database.interests.map((interest) => [interest.name, interest.group])).toEqual([
			['newsletter', 'mailings'],
			['offers', 'mailings'],
			['football', 'sports'],
			['baseball', 'sports'],
		]);
		expect(database.collections.map((collection) => [collection.name, collection.fields.length])).toEqual([['Orders', 3 + 1001]]);
		const lists = (await wide.client.log()).map((entry) => [entry.path.replace(/\d+/g, 'N'), Object.fromEntries(entry.query).start]);
		expect(lists).toEqual(
			expect.arrayContaining([
				['database/Customers/fields', '1000'],
				['collection/N/fields', '1000'],
			]),
		);
	});

	it('Simplify off keeps Copernica\'s entries whole', async () => {
		const { output } = await getDatabase(false);
		const database = output[0].json as { fields: Array<Record<string, unknown>>; archived: boolean };
		expect(database.archived).toBe(false);
		expect(database.fields).toHaveLength(7 + 1005);
		expect(database.fields[0]).toMatchObject({ name: 'customerid', displayed: false, length: '255' });
	});
});
