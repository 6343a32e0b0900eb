import type { Seed } from '../../emulator/seed';
import { sampleSeed } from '../../emulator/seed';
import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { getManyProfiles, updateProfiles } from '../harness/parameters';

/**
 * Paging always ends (copernica-api.md §3.2), whatever Copernica answers: a server that forgets
 * `start` and so answers the same page forever, one that lies about `total`, one that serves
 * smaller pages than asked. And a count without a total is an error, never 0.
 */
const FILLER_DATABASES = 1500;

function seed(): Seed {
	return { ...sampleSeed(), fillerDatabases: FILLER_DATABASES };
}

const copernica = useEmulator(seed);

const ALL_DATABASES = { resource: 'database', operation: 'getMany', returnAll: true, simplify: true };

async function allDatabases() {
	return await runCopernicaNode({ parameters: ALL_DATABASES, credentials: copernica.credentials });
}

async function listRequests(path: string) {
	return (await copernica.client.log()).filter((entry) => entry.path === path).map((entry) => Object.fromEntries(entry.query));
}

async function allProfiles() {
	return await runCopernicaNode({ parameters: getManyProfiles({ returnAll: true }), credentials: copernica.credentials });
}

describe('a list that would never end', () => {
	it('a server that forgets start, with full pages: an error after the second page, not a run that never ends', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'databases', pageIgnoresStart: true }]);
		const { error, output } = await allDatabases();
		expect(output).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Copernica answered the same page twice, so the list would never end [item 0]');
		expect(error?.description).toMatch(/stopped after 1000 entries.*while listing the databases/);
		expect((await listRequests('databases')).map((query) => query.start)).toEqual(['0', '1000']);
	});

	it('a server that forgets start and serves short pages while its total says there is more', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'database/Customers/profiles', pageIgnoresStart: true, pageLimit: 2 }]);
		const { error } = await allProfiles();
		expect(error?.message).toBe('Copernica answered the same page twice, so the list would never end [item 0]');
		expect(await listRequests('database/Customers/profiles')).toHaveLength(2);
	});

	it('the same page forever without a total, too', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'databases', pageIgnoresStart: true, pageTotal: null }]);
		const { error } = await allDatabases();
		expect(error?.message).toBe('Copernica answered the same page twice, so the list would never end [item 0]');
	});
});

describe('a list that ends', () => {
	it('reads every entry when the server serves smaller pages than asked, as long as total says there is more', async () => {
		const { output: expected } = await allProfiles();
		await copernica.client.setFaults([{ method: 'GET', path: 'database/Customers/profiles', pageLimit: 1 }]);
		await copernica.client.clearLog();
		const { output, error } = await allProfiles();
		expect(error).toBeUndefined();
		expect(expected.length).toBeGreaterThan(2);
		expect(output.map((item) => item.json.ID)).toEqual(expected.map((item) => item.json.ID));
		const starts = (await listRequests('database/Customers/profiles')).map((query) => Number(query.start));
		expect(starts).toEqual(Array.from({ length: expected.length }, (_, page) => page));
	});

	it('a total larger than the list: stops at the first empty page, with every entry once', async () => {
		const { output: expected } = await allProfiles();
		await copernica.client.setFaults([{ method: 'GET', path: 'database/Customers/profiles', pageTotal: 1_000_000 }]);
		await copernica.client.clearLog();
		const { output, error } = await allProfiles();
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.ID)).toEqual(expected.map((item) => item.json.ID));
		expect((await listRequests('database/Customers/profiles')).map((query) => query.start)).toEqual(['0', String(expected.length)]);
	});

	it('a total smaller than the list: stops once past it, without asking again', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'databases', pageTotal: 10 }]);
		const { output, error } = await allDatabases();
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1000);
		expect(await listRequests('databases')).toHaveLength(1);
	});

	it('a total given as text counts like a number', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'databases', pageTotal: '1502' as unknown as number }]);
		const { output } = await allDatabases();
		expect(output).toHaveLength(2 + FILLER_DATABASES);
	});

	it('without a total, a short page is the last', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'databases', pageTotal: null }]);
		const { output, error } = await allDatabases();
		expect(error).toBeUndefined();
		expect(output).toHaveLength(2 + FILLER_DATABASES);
		expect((await listRequests('databases')).map((query) => query.start)).toEqual(['0', '1000']);
	});
});

describe('a count without a total', () => {
	it('Max Matches refuses to update when Copernica does not say how many profiles match, instead of reading it as 0', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: 'database/Customers/profiles', pageTotal: null }]);
		const { error } = await runCopernicaNode({
			parameters: updateProfiles({
				conditions: [{ field: 'city', value: 'Amsterdam' }],
				fields: { segment: 'gold' },
				extra: { options: { maxMatches: 1 } },
			}),
			credentials: copernica.credentials,
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Copernica did not say how many entries the list holds [item 0]');
		expect(error?.description).toMatch(/nothing was changed/);
		expect(await copernica.client.writes()).toEqual([]);
	});
});
