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
