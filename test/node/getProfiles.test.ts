import type { Seed } from '../../emulator/seed';
import { sampleSeed } from '../../emulator/seed';
import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName, getManyProfiles } from '../harness/parameters';

/**
 * Profile → Get and Get Many through n8n's engine: pages past 1,000, selections checked like
 * Update Profiles, order, Limit, Simplify. The Shop database holds 1,503 profiles, more than
 * one page, so a list that stops at the first page would show.
 */
const SHOP_PROFILES = 1503;

function shopSeed(): Seed {
	const seed = sampleSeed();
	seed.databases.push({
		name: 'Shop',
		fields: [{ name: 'customerid' }, { name: 'city' }, { name: 'rank', type: 'integer' }],
		interests: [{ name: 'newsletter' }],
		profiles: Array.from({ length: SHOP_PROFILES }, (_, index) => ({
			fields: { customerid: `S-${String(index).padStart(4, '0')}`, city: index % 3 === 0 ? 'Utrecht' : 'Leiden', rank: index },
			interests: index % 2 === 0 ? ['newsletter'] : [],
		})),
	});
	return seed;
}

const copernica = useEmulator(shopSeed);

function getMany(options: Omit<Parameters<typeof getManyProfiles>[0], 'database'>) {
	return getManyProfiles({ ...options, database: databaseByName('Shop') });
}

async function listRequests() {
	return (await copernica.client.log()).filter((entry) => entry.path === 'database/Shop/profiles');
}

describe('Profile → Get Many', () => {
	it('Return All reads every profile, 1,000 a page', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: getMany({ returnAll: true }),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(SHOP_PROFILES);
		expect(new Set(output.map((item) => item.json.ID)).size).toBe(SHOP_PROFILES);
		expect(output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const pages = (await listRequests()).map((entry) => Object.fromEntries(entry.query));
		expect(pages.map((query) => [query.start, query.limit])).toEqual([
			['0', '1000'],
			['1000', '1000'],
		]);
		// No selection and ordering by ID: nothing to check against the database's fields.
		expect((await copernica.client.log()).map((entry) => entry.path)).toEqual([
			'database/Shop/profiles',
			'database/Shop/profiles',
		]);
	});

	it('a selection, an order and a Limit: exactly those profiles, asked for exactly so', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: getMany({
				conditions: [
					{ field: 'city', value: 'Utrecht' },
					{ field: 'rank', operator: 'greaterThan', value: '1400' },
				],
				limit: 5,
				extra: { orderBy: 'rank', orderDirection: 'desc' },
			}),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.rank)).toEqual(['1500', '1497', '1494', '1491', '1488']);
		expect(output[0].json).toEqual({
			ID: expect.any(String),
			customerid: 'S-1500',
			city: 'Utrecht',
			rank: '1500',
			interests: ['newsletter'],
		});
		const [request] = await listRequests();
		expect(request.query).toEqual([
			['fields[]', 'city==Utrecht'],
			['fields[]', 'rank>1400'],
			['orderby', 'rank'],
			['order', 'desc'],
			['dataonly', 'true'],
			['start', '0'],
			['limit', '5'],
			['total', '1'],
			['access_token', '**hidden**'],
		]);
	});

	it('Simplify off returns Copernica\'s own profile objects', async () => {
		const { output } = await runCopernicaNode({
			parameters: getMany({ conditions: [{ field: 'customerid', value: 'S-0002' }], simplify: false }),
			credentials: copernica.credentials,
		});
		expect(output.map((item) => item.json)).toEqual([
			expect.objectContaining({
				ID: expect.any(String),
				fields: { customerid: 'S-0002', city: 'Leiden', rank: '2' },
				interests: ['newsletter'],
				database: expect.any(String),
				secret: expect.any(String),
				removed: false,
			}),
		]);
		expect((await listRequests())[0].query.map(([key]) => key)).not.toContain('dataonly');
	});

	it('refuses a selection on a field the database lacks, before any list request', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: getMany({ conditions: [{ field: 'citty', value: 'Utrecht' }], returnAll: true }),
			credentials: copernica.credentials,
		});
		expect(output).toEqual([]);
		expect(error?.message).toBe('Condition 1: the database has no field "citty" [item 0]');
		expect(await listRequests()).toEqual([]);
	});

	it('refuses an order on a field the database lacks', async () => {
		const { error } = await runCopernicaNode({
			parameters: getMany({ extra: { orderBy: 'rnak' } }),
			credentials: copernica.credentials,
		});
		expect(error?.message).toBe('Order By: the database has no field "rnak" [item 0]');
		expect(await listRequests()).toEqual([]);
	});

	it('one list per input item, each paired with its item', async () => {
		const { output } = await runCopernicaNode({
			parameters: getMany({ conditions: [{ field: 'customerid', value: '={{ $json.id }}' }] }),
			input: [{ id: 'S-0001' }, { id: 'S-9999' }, { id: 'S-0003' }],
			credentials: copernica.credentials,
		});
		expect(output.map((item) => [item.pairedItem, item.json.customerid])).toEqual([
			[{ item: 0 }, 'S-0001'],
			[{ item: 2 }, 'S-0003'],
		]);
	});
});

describe('Profile → Get', () => {
	async function anId(customerid: string): Promise<string> {
		return (await copernica.client.profilesWhere('Shop', 'customerid', customerid))[0].ID;
	}

	it('reads one profile by ID', async () => {
		const id = await anId('S-0004');
		const { output, error } = await runCopernicaNode({
			parameters: { resource: 'profile', operation: 'get', profileId: id, simplify: true },
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{ ID: id, customerid: 'S-0004', city: 'Leiden', rank: '4', interests: ['newsletter'] },
		]);
		expect((await copernica.client.log()).map((entry) => [entry.method, entry.path])).toEqual([['GET', `profile/${id}`]]);
	});

	it('an unknown ID is Copernica\'s error; an ID that is not a number is refused before any request', async () => {
		const unknown = await runCopernicaNode({
			parameters: { resource: 'profile', operation: 'get', profileId: '999999', simplify: true },
			credentials: copernica.credentials,
		});
		expect(unknown.error?.message).toBe('Copernica: No entity with supplied ID [item 0]');
		await copernica.client.clearLog();
		const notANumber = await runCopernicaNode({
			parameters: { resource: 'profile', operation: 'get', profileId: 'S-0004', simplify: true },
			credentials: copernica.credentials,
		});
		expect(notANumber.error?.message).toBe('"S-0004" is not a profile ID [item 0]');
		expect(await copernica.client.log()).toEqual([]);
	});
});
