import type { INodeParameters } from 'n8n-workflow';

import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName } from '../harness/parameters';

/**
 * Profile → Update (by ID) writes only a profile of the chosen database: PUT profile/{id}
 * writes whatever database the profile is in, so the profile is read first and a profile of
 * another database (or a removed one) is refused before anything is written.
 */
const copernica = useEmulator();

async function update(profileId: string, database: INodeParameters = databaseByName('Customers')) {
	return await runCopernicaNode({
		parameters: {
			resource: 'profile',
			operation: 'update',
			database,
			profileId,
			fieldValues: { fields: [{ name: 'city', value: 'Zwolle' }] },
		},
		credentials: copernica.credentials,
	});
}

async function idOf(database: string, index = 0): Promise<string> {
	return (await copernica.client.profiles(database))[index].ID;
}

async function requests(): Promise<string[]> {
	return (await copernica.client.log()).map((entry) => `${entry.method} ${entry.path}`);
}

describe('Profile → Update confirms the profile is in the chosen database', () => {
	it('refuses a profile of another database before writing, naming both', async () => {
		const erik = await idOf('Newsletter');
		const newsletterId = String(copernica.emulator.store.database('Newsletter').ID);
		const customersId = String(copernica.emulator.store.database('Customers').ID);
		// Newsletter has no city field, but Customers does: without the check the PUT would be sent.
		const { error } = await update(erik);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			`Profile ${erik} is not in database "Customers" (ID ${customersId}) but in database ${newsletterId}; nothing was changed [item 0]`,
		);
		expect(error?.description).toMatch(/Check the Profile ID and the Database/);
		expect(await copernica.client.writes()).toEqual([]);
		expect((await copernica.client.profiles('Newsletter'))[0].fields).not.toHaveProperty('city');
	});

	it('with Continue On Fail, only the item of the other database fails', async () => {
		const erik = await idOf('Newsletter');
		const anna = await idOf('Customers');
		const run = await runCopernicaNode({
			parameters: {
				resource: 'profile',
				operation: 'update',
				database: databaseByName('Customers'),
				profileId: '={{ $json.id }}',
				fieldValues: { fields: [{ name: 'city', value: 'Zwolle' }] },
			},
			credentials: copernica.credentials,
			input: [{ id: anna }, { id: erik }],
			onError: 'continueRegularOutput',
		});
		expect(run.output.map((item) => [item.pairedItem, item.json.ID ?? item.json.error])).toEqual([
			[{ item: 0 }, anna],
			[{ item: 1 }, expect.stringMatching(new RegExp(`^Profile ${erik} is not in database "Customers".*\\[item 1\\]$`))],
		]);
	});

	it('writes a profile of the database, given by name or by ID, reading the database once per run', async () => {
		const anna = await idOf('Customers');
		const bram = await idOf('Customers', 1);
		const customersId = String(copernica.emulator.store.database('Customers').ID);
		for (const database of [databaseByName('customers'), { __rl: true, mode: 'id', value: customersId }]) {
			await copernica.client.clearLog();
			const run = await runCopernicaNode({
				parameters: {
					resource: 'profile',
					operation: 'update',
					database,
					profileId: '={{ $json.id }}',
					fieldValues: { fields: [{ name: 'city', value: 'Zwolle' }] },
					options: { parallelRequests: 1 },
				},
				credentials: copernica.credentials,
				input: [{ id: anna }, { id: bram }],
			});
			expect(run.error).toBeUndefined();
			const dbPath = `database/${String(database.value)}`;
			expect((await requests()).filter((request) => !request.includes('/fields') && !request.includes('/interests'))).toEqual([
				`GET ${dbPath}`,
				`GET profile/${anna}`,
				`PUT profile/${anna}`,
				`GET profile/${anna}`,
				`GET profile/${bram}`,
				`PUT profile/${bram}`,
				`GET profile/${bram}`,
			]);
		}
	});

	it('refuses a removed profile (Copernica keeps it readable)', async () => {
		const anna = await idOf('Customers');
		copernica.emulator.store.removeProfile(copernica.emulator.store.profile(anna));
		const { error } = await update(anna);
		expect(error?.message).toBe(`Profile ${anna} was removed; nothing was changed [item 0]`);
		expect(await copernica.client.writes()).toEqual([]);
	});
});

describe('Add Interests and Set Interests confirm it too', () => {
	it.each(['addInterests', 'setInterests'])('%s refuses a profile of another database before writing', async (operation) => {
		const erik = await idOf('Newsletter');
		const { error } = await runCopernicaNode({
			parameters: { resource: 'profile', operation, database: databaseByName('Customers'), profileId: erik, interests: ['newsletter'] },
			credentials: copernica.credentials,
		});
		expect(error?.message).toMatch(new RegExp(`^Profile ${erik} is not in database "Customers" \\(ID \\d+\\) but in database \\d+; nothing was changed \\[item 0\\]$`));
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('and writes a profile of the database', async () => {
		const anna = await idOf('Customers');
		const { error, output } = await runCopernicaNode({
			parameters: { resource: 'profile', operation: 'addInterests', database: databaseByName('Customers'), profileId: anna, interests: ['offers'] },
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output[0].json.interests).toContain('offers');
	});
});
