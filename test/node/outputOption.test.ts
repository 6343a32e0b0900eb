import type { INodeParameters } from 'n8n-workflow';

import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName, getManyProfiles } from '../harness/parameters';

/**
 * Version 1.1's Output on the read operations (n8n's guideline for tool nodes that return more
 * than ten fields): Simplified, Raw, or Selected Fields with the ID always included. Version 1's
 * Simplify is covered by the other files, which run version 1 as saved workflows hold it.
 */
const copernica = useEmulator();

async function run(parameters: INodeParameters) {
	return await runCopernicaNode({ parameters, credentials: copernica.credentials, typeVersion: 1.1 });
}

async function annaId(): Promise<string> {
	return (await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001'))[0].ID;
}

describe('Output (node version 1.1)', () => {
	it('Profile → Get: Simplified by default, Raw as Copernica has it, Selected Fields with the ID', async () => {
		const id = await annaId();
		const simple = await run({ resource: 'profile', operation: 'get', profileId: id });
		expect(simple.output[0].json).toMatchObject({ ID: id, email: 'anna@example.com', interests: ['newsletter'] });
		const raw = await run({ resource: 'profile', operation: 'get', profileId: id, output: 'raw' });
		expect(raw.output[0].json).toMatchObject({ ID: id, fields: { email: 'anna@example.com' } });
		const picked = await run({ resource: 'profile', operation: 'get', profileId: id, output: 'fields', outputFields: 'email, FirstName' });
		expect(picked.output[0].json).toEqual({ ID: id, email: 'anna@example.com', firstname: 'Anna' });
	});

	it('Selected Fields: a field the profile does not have is refused, not left out', async () => {
		const { error } = await run({ resource: 'profile', operation: 'get', profileId: await annaId(), output: 'fields', outputFields: 'email, emial' });
		expect(error?.message).toBe('Output: the database has no field "emial" [item 0]');
	});

	it('Selected Fields without names is refused before any request', async () => {
		await copernica.client.clearLog();
		const { error } = await run({ resource: 'profile', operation: 'get', profileId: await annaId(), output: 'fields', outputFields: ' , ' });
		expect(error?.message).toBe('Output: no fields named [item 0]');
		expect(await copernica.client.log()).toEqual([]);
	});

	it('Profile → Get Many: Selected Fields on every profile; an unknown field refused before the profiles are read', async () => {
		const parameters = getManyProfiles({ returnAll: true, conditions: [{ field: 'city', value: 'Amsterdam' }] });
		// Version 1's switch, which 1.1 does not read.
		delete parameters.simplify;
		const picked = await run({ ...parameters, output: 'fields', outputFields: 'customerid' });
		expect(picked.output.map((item) => item.json)).toEqual([
			{ ID: expect.any(String), customerid: 'C-1001' },
			{ ID: expect.any(String), customerid: 'C-1004' },
		]);
		await copernica.client.clearLog();
		const { error } = await run({ ...parameters, output: 'fields', outputFields: 'customerid, nope' });
		expect(error?.message).toBe('Output: the database has no field "nope" [item 0]');
		expect((await copernica.client.log()).some((entry) => /profiles$/.test(entry.path))).toBe(false);
		const raw = await run({ ...parameters, output: 'raw' });
		expect(raw.output[0].json).toHaveProperty('fields');
	});

	it('Subprofile → Get Many: Selected Fields keep the ID and the ID of the profile', async () => {
		const picked = await run({
			resource: 'subprofile',
			operation: 'getMany',
			database: databaseByName('Customers'),
			collection: { __rl: true, mode: 'name', value: 'Orders' },
			returnAll: true,
			selection: { conditions: [] },
			output: 'fields',
			outputFields: 'orderid',
			options: {},
		});
		expect(picked.output.map((item) => Object.keys(item.json).sort())).toEqual([
			['ID', 'orderid', 'profile'],
			['ID', 'orderid', 'profile'],
			['ID', 'orderid', 'profile'],
		]);
	});

	it('version 1 keeps Simplify: a saved workflow with Simplify off still gets the raw profile', async () => {
		const id = await annaId();
		const { output } = await runCopernicaNode({
			parameters: { resource: 'profile', operation: 'get', profileId: id, simplify: false, output: 'fields', outputFields: 'email' },
			credentials: copernica.credentials,
		});
		expect(output[0].json).toMatchObject({ ID: id, fields: { email: 'anna@example.com' } });
	});
});
