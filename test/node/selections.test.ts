import type { INodeParameters } from 'n8n-workflow';

import { runCopernicaNode, searchNodeList } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { schemaViolations, shippedSchema } from '../harness/outputSchema';
import { databaseByName } from '../harness/parameters';

/**
 * Selection → Get Many, Get Profiles and Rebuild through n8n's engine against the emulator's
 * views on Customers: Amsterdam, its child Amsterdam over 40, and Gold or 50+.
 */
const copernica = useEmulator();

const customers = databaseByName('Customers');
const mailings = () => copernica.emulator.mailings;
const viewId = (name: string) => String(mailings().selections.find((selection) => selection.name === name)!.ID);
const databaseId = () => copernica.emulator.store.databases[0].ID;
const byName = (value: string): INodeParameters => ({ __rl: true, mode: 'name', value });
const byId = (value: string): INodeParameters => ({ __rl: true, mode: 'id', value });

function fitsSchema(operation: string, items: Array<{ json: unknown }>) {
	const schema = shippedSchema('selection', operation);
	expect(schema).toBeDefined();
	expect(items.flatMap((item) => schemaViolations(item.json, schema!))).toEqual([]);
}

async function apiLog() {
	return (await copernica.client.log()).filter((entry) => entry.path !== 'authenticate');
}

describe('Selection → Get Many', () => {
	const getMany = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'selection',
		operation: 'getMany',
		database: customers,
		returnAll: true,
		...extra,
	});

	it('lists the database\'s selections with the nested ones under their parent, read only where a view has children', async () => {
		const { output, error } = await runCopernicaNode({ parameters: getMany(), credentials: copernica.credentials });
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.name, item.json.path, item.json.parentType])).toEqual([
			['Amsterdam', 'Amsterdam', 'database'],
			['Amsterdam over 40', 'Amsterdam › Amsterdam over 40', 'view'],
			['Gold or 50+', 'Gold or 50+', 'database'],
		]);
		expect(output[0].json).toEqual({
			ID: viewId('Amsterdam'),
			name: 'Amsterdam',
			description: 'Customers in Amsterdam',
			parentType: 'database',
			parentId: String(databaseId()),
			hasChildren: true,
			hasRules: true,
			lastBuilt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
			path: 'Amsterdam',
		});
		fitsSchema('getMany', output);
		expect((await apiLog()).map((entry) => [entry.method, entry.path])).toEqual([
			['GET', 'database/Customers/views'],
			['GET', `view/${viewId('Amsterdam')}/views`],
		]);
	});

	it('reads has-children and has-rules as Copernica writes them, strings: "false" is false, not a truthy string', async () => {
		// A view without rules: Copernica's entry says has-rules "false".
		mailings().addSelection('view', databaseId(), 'Everyone', []);
		const { output, error } = await runCopernicaNode({ parameters: getMany(), credentials: copernica.credentials });
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.name, item.json.hasChildren, item.json.hasRules])).toEqual([
			['Amsterdam', true, true],
			['Amsterdam over 40', false, true],
			['Gold or 50+', false, true],
			['Everyone', false, false],
		]);
		const raw = await runCopernicaNode({ parameters: getMany({ simplify: false }), credentials: copernica.credentials });
		expect(raw.output.map((item) => [item.json['has-children'], item.json['has-rules']])).toEqual([
			['true', 'true'],
			['false', 'true'],
			['false', 'true'],
			['false', 'false'],
		]);
	});

	it('Return All reads past 1,000 selections; Limit stops the walk early; Simplify off gives Copernica\'s entries', async () => {
		for (let index = 1; index <= 1001; index++) mailings().addSelection('view', databaseId(), `Filler ${index}`, []);
		const all = await runCopernicaNode({ parameters: getMany(), credentials: copernica.credentials });
		expect(all.output).toHaveLength(3 + 1001);
		expect(all.output.at(-1)?.json.name).toBe('Filler 1001');
		const pages = (await apiLog()).filter((entry) => entry.path === 'database/Customers/views');
		expect(pages.map((entry) => Object.fromEntries(entry.query).start)).toEqual(['0', '1000']);

		await copernica.client.clearLog();
		const two = await runCopernicaNode({
			parameters: getMany({ returnAll: false, limit: 2, simplify: false }),
			credentials: copernica.credentials,
		});
		expect(two.output.map((item) => item.json.name)).toEqual(['Amsterdam', 'Amsterdam over 40']);
		expect(two.output[0].json).toMatchObject({ 'parent-type': 'database', 'has-children': 'true', intentions: { email: true } });
		const [first] = await apiLog();
		expect(Object.fromEntries(first.query)).toMatchObject({ start: '0', limit: '2' });
	});

	it('REST v4: the same paths with the JWT', async () => {
		const { output, error } = await runCopernicaNode({ parameters: getMany(), credentials: copernica.v4Credentials });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3);
		const log = await apiLog();
		expect(log.map((entry) => [entry.version, entry.path])).toEqual([
			['v4', 'database/Customers/views'],
			['v4', `view/${viewId('Amsterdam')}/views`],
		]);
	});

	it('Copernica\'s error for an unknown database', async () => {
		const { error } = await runCopernicaNode({
			parameters: getMany({ database: databaseByName('Nope'), options: { retries: 0 } }),
			credentials: copernica.credentials,
		});
		expect(error?.message).toContain('No database with supplied ID');
	});
});

describe('Selection → Get Profiles', () => {
	const getProfiles = (selection: INodeParameters, extra: INodeParameters = {}): INodeParameters => ({
		resource: 'selection',
		operation: 'getProfiles',
		database: customers,
		selection,
		returnAll: true,
		...extra,
	});

	it('by name: the selection\'s profiles, simplified like Profile → Get Many, with dataonly', async () => {
		const { output, error } = await runCopernicaNode({ parameters: getProfiles(byName('amsterdam')), credentials: copernica.credentials });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.customerid)).toEqual(['C-1001', 'C-1004']);
		expect(output[0].json).toMatchObject({ ID: expect.any(String), city: 'Amsterdam', firstname: 'Anna' });
		fitsSchema('getProfiles', output);
		const log = await apiLog();
		expect(log.map((entry) => entry.path)).toEqual(['database/Customers/views', `view/${viewId('Amsterdam')}/views`, `view/${viewId('Amsterdam')}/profiles`]);
		expect(log[2].query).toEqual([
			['dataonly', 'true'],
			['start', '0'],
			['limit', '1000'],
			['total', '1'],
			['access_token', '**hidden**'],
		]);
	});

	it('a nested selection by ID, on REST v4; version 1.1 Output → Selected Fields', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: getProfiles(byId(viewId('Amsterdam over 40')), { output: 'fields', outputFields: 'email' }),
			credentials: copernica.v4Credentials,
			typeVersion: 1.1,
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([{ ID: expect.any(String), email: 'daan@example.org' }]);
		const log = await apiLog();
		expect(log.at(-1)).toMatchObject({ version: 'v4', path: `view/${viewId('Amsterdam over 40')}/profiles` });
	});

	it('Return All pages past 1,000 profiles; Limit reads no more than asked', async () => {
		await copernica.client.addProfiles('Customers', 1500, { city: 'Amsterdam', customerid: 'X-{n}' });
		mailings().build(mailings().selections.find((selection) => selection.name === 'Amsterdam')!);
		const all = await runCopernicaNode({ parameters: getProfiles(byId(viewId('Amsterdam'))), credentials: copernica.credentials });
		expect(all.output).toHaveLength(2 + 1500);
		const pages = (await apiLog()).filter((entry) => entry.path.endsWith('/profiles'));
		expect(pages.map((entry) => Object.fromEntries(entry.query).start)).toEqual(['0', '1000']);
		await copernica.client.clearLog();
		const some = await runCopernicaNode({
			parameters: getProfiles(byId(viewId('Amsterdam')), { returnAll: false, limit: 3 }),
			credentials: copernica.credentials,
		});
		expect(some.output).toHaveLength(3);
		expect(Object.fromEntries((await apiLog())[0].query)).toMatchObject({ limit: '3' });
	});

	it('an unknown or ambiguous name is refused before any profile is read; Copernica\'s words for an unknown ID', async () => {
		const unknown = await runCopernicaNode({ parameters: getProfiles(byName('Rotterdam')), credentials: copernica.credentials });
		expect(unknown.error?.message).toBe('The database has no selection "Rotterdam" [item 0]');
		expect(unknown.error?.description).toContain('Amsterdam, Amsterdam over 40, Gold or 50+');

		const gold = mailings().selections.find((selection) => selection.name === 'Gold or 50+')!;
		mailings().addSelection('view', databaseId(), 'Amsterdam over 40', [['age>40']], gold);
		await copernica.client.clearLog();
		const ambiguous = await runCopernicaNode({ parameters: getProfiles(byName('Amsterdam over 40')), credentials: copernica.credentials });
		expect(ambiguous.error?.message).toBe('More than one selection is called "Amsterdam over 40" [item 0]');
		expect(ambiguous.error?.description).toContain('Amsterdam › Amsterdam over 40 (');
		expect(ambiguous.error?.description).toContain('Gold or 50+ › Amsterdam over 40 (');
		expect((await apiLog()).some((entry) => entry.path.endsWith('/profiles'))).toBe(false);

		const missing = await runCopernicaNode({ parameters: getProfiles(byId('999'), { options: { retries: 0 } }), credentials: copernica.credentials });
		expect(missing.error?.message).toContain('No view with supplied ID');
	});

	it('Continue On Fail: the failing item becomes an error item, each paired with its input; a name is looked up once per run', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: getProfiles(byName('={{ $json.name }}')),
			credentials: copernica.credentials,
			input: [{ name: 'Amsterdam' }, { name: 'Nowhere' }, { name: 'Gold or 50+' }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => [(item.pairedItem as { item: number }).item, item.json.customerid ?? item.json.error])).toEqual([
			[0, 'C-1001'],
			[0, 'C-1004'],
			[1, 'The database has no selection "Nowhere" [item 1]'],
			[2, 'C-1002'],
		]);
		expect((await apiLog()).filter((entry) => entry.path === 'database/Customers/views')).toHaveLength(1);
	});
});

describe('Selection → Rebuild', () => {
	const rebuild = (selection: INodeParameters): INodeParameters => ({ resource: 'selection', operation: 'rebuild', database: customers, selection });

	it('POSTs view/{id}/rebuild: Copernica rebuilds in the background, so the output may show the previous build; the profiles changed since are in the selection shortly after', async () => {
		await copernica.client.addProfiles('Customers', 1, { city: 'Amsterdam', customerid: 'NEW' });
		const amsterdam = viewId('Amsterdam');
		const view = () => mailings().selections.find((selection) => selection.name === 'Amsterdam')!;
		const { members: before, lastBuilt } = { ...view() };
		const { output, error } = await runCopernicaNode({ parameters: rebuild(byName('Amsterdam')), credentials: copernica.credentials });
		expect(error).toBeUndefined();
		// The selection read right after the POST is still the last build (the emulator rebuilds a request later).
		expect(output.map((item) => item.json)).toEqual([expect.objectContaining({ ID: amsterdam, name: 'Amsterdam', hasRules: true, lastBuilt })]);
		fitsSchema('rebuild', output);
		expect(view().members).toHaveLength(before.length + 1);
		expect((await apiLog()).slice(-2).map((entry) => [entry.method, entry.path, entry.body ?? null])).toEqual([
			['POST', `view/${amsterdam}/rebuild`, null],
			['GET', `view/${amsterdam}`, null],
		]);
		const profiles = await runCopernicaNode({ parameters: { resource: 'selection', operation: 'getProfiles', database: customers, selection: byId(amsterdam), returnAll: true }, credentials: copernica.credentials });
		expect(profiles.output.map((item) => item.json.customerid)).toContain('NEW');
	});

	it('REST v4 path; Copernica\'s error for an unknown view, as an error item with Continue On Fail', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: { ...rebuild(byId('={{ $json.id }}')), options: { retries: 0 } },
			credentials: copernica.v4Credentials,
			input: [{ id: viewId('Gold or 50+') }, { id: '999' }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1]);
		expect(output[0].json.name).toBe('Gold or 50+');
		expect(output[1].json.error).toContain('No view with supplied ID');
		const posts = (await apiLog()).filter((entry) => entry.method === 'POST');
		expect(posts.map((entry) => [entry.version, entry.path])).toEqual([
			['v4', `view/${viewId('Gold or 50+')}/rebuild`],
			['v4', 'view/999/rebuild'],
		]);
	});
});

describe('Selection list (resource locator)', () => {
	it('lists every selection of the chosen database, nested ones by their path, past 1,000, searchable by name or ID', async () => {
		for (let index = 1; index <= 1001; index++) mailings().addSelection('view', databaseId(), `Filler ${index}`, []);
		const { results } = await searchNodeList('searchSelections', undefined, copernica.credentials, { database: customers });
		expect(results).toHaveLength(3 + 1001);
		expect(results.slice(0, 3)).toEqual([
			{ name: `Amsterdam (${viewId('Amsterdam')})`, value: viewId('Amsterdam') },
			{ name: `Amsterdam › Amsterdam over 40 (${viewId('Amsterdam over 40')})`, value: viewId('Amsterdam over 40') },
			{ name: `Gold or 50+ (${viewId('Gold or 50+')})`, value: viewId('Gold or 50+') },
		]);
		const over = await searchNodeList('searchSelections', 'OVER 40', copernica.credentials, { database: customers });
		expect(over.results.map((result) => result.value)).toEqual([viewId('Amsterdam over 40')]);
		const id = await searchNodeList('searchSelections', viewId('Gold or 50+'), copernica.credentials, { database: customers });
		expect(id.results.map((result) => result.value)).toContain(viewId('Gold or 50+'));
	});

	it('the miniview list: every miniview of the chosen collection (by name), nested ones by their path', async () => {
		const open = mailings().selections.find((selection) => selection.name === 'Open orders')!;
		const nested = mailings().addSelection('miniview', open.table, 'Open and large', [['total>100']], open);
		const collection = { __rl: true, mode: 'name', value: 'Orders' };
		const { results } = await searchNodeList('searchMiniviews', undefined, copernica.credentials, { database: customers, collection });
		expect(results).toEqual([
			{ name: `Open orders (${open.ID})`, value: String(open.ID) },
			{ name: `Open orders › Open and large (${nested.ID})`, value: String(nested.ID) },
		]);
		expect((await apiLog()).map((entry) => entry.path).slice(-2)).toEqual([`collection/${open.table}/miniviews`, `miniview/${open.ID}/miniviews`]);
	});

	it('asks for a database first', async () => {
		await expect(searchNodeList('searchSelections', undefined, copernica.credentials, {})).rejects.toThrow('Choose a database first');
	});
});
