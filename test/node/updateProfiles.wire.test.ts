import type { IDataObject } from 'n8n-workflow';

import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName, updateProfiles } from '../harness/parameters';
import { sampleIds } from '../harness/sampleIds';

/**
 * What each parameter of Update Profiles puts on the wire, read from the emulator's request
 * log, and what it does to the emulator's profiles.
 */
const copernica = useEmulator();

async function run(parameters: ReturnType<typeof updateProfiles>, input?: IDataObject[]) {
	const result = await runCopernicaNode({ parameters, credentials: copernica.credentials, input });
	expect(result.error).toBeUndefined();
	return result;
}

describe('Update Profiles on the wire', () => {
	it('sends one PUT with the selection and only the fields that were set', async () => {
		const { output } = await run(
			updateProfiles({ conditions: [{ field: 'customerid', value: 'C-1001' }], fields: { city: 'Haarlem' } }),
		);

		const writes = await copernica.client.writes();
		expect(writes).toHaveLength(1);
		expect(writes[0]).toMatchObject({
			method: 'PUT',
			version: 'v3',
			path: 'database/Customers/profiles',
			token: 'valid',
			query: [
				['fields[]', 'customerid==C-1001'],
				['access_token', '**hidden**'],
			],
			body: { fields: { city: 'Haarlem' } },
			status: 204,
		});
		expect(output).toEqual([
			{
				json: {
					database: 'Customers',
					selection: ['customerid==C-1001'],
					created: false,
					profileId: null,
					async: false,
					statusCode: 204,
				},
				pairedItem: { item: 0 },
			},
		]);
		const customers = await copernica.client.profiles('Customers');
		expect(customers.map((profile) => profile.fields.city)).toEqual(['Haarlem', 'Utrecht', 'Rotterdam', 'Amsterdam']);
		expect(customers[0].fields.firstname).toBe('Anna');
	});

	it('joins several conditions with AND and updates every profile that meets them all', async () => {
		await run(
			updateProfiles({
				conditions: [
					{ field: 'city', value: 'Amsterdam' },
					{ field: 'age', operator: 'greaterThan', value: '40' },
				],
				fields: { segment: 'gold' },
			}),
		);
		const [put] = await copernica.client.writes();
		expect(put.query.filter(([key]) => key === 'fields[]')).toEqual([
			['fields[]', 'city==Amsterdam'],
			['fields[]', 'age>40'],
		]);
		const gold = await copernica.client.profilesWhere('Customers', 'segment', 'gold');
		expect(gold.map((profile) => profile.fields.customerid).sort()).toEqual(['C-1002', 'C-1004']);
	});

	it('adds create=1 and async=1 only when asked', async () => {
		await run(
			updateProfiles({
				conditions: [{ field: 'customerid', value: 'C-1001' }],
				fields: { city: 'Leiden' },
				extra: { createIfNoMatch: true, processInBackground: true },
			}),
		);
		const [put] = await copernica.client.writes();
		expect(put.query).toEqual([
			['fields[]', 'customerid==C-1001'],
			['create', '1'],
			['async', '1'],
			['access_token', '**hidden**'],
		]);
	});

	it('gets a selection value with & = % # + " \' ü and spaces to Copernica byte for byte', async () => {
		// Leading and inner spaces are part of the value; trailing ones Copernica trims and line
		// breaks make it ignore the condition (both refused, see the safety tests).
		const value = ` Jan & Piet = 100% #1 + "quote" 'single' Müller, line two`;
		const parameters = updateProfiles({
			conditions: [{ field: 'lastname', value }],
			fields: { city: 'Zwolle' },
			extra: { createIfNoMatch: true },
		});

		const first = await run(parameters);
		const [put] = await copernica.client.writes();
		expect(put.query[0]).toEqual(['fields[]', `lastname==${value}`]);
		expect(first.output[0].json.created).toBe(true);
		const stored = await copernica.client.profilesWhere('Customers', 'lastname', value);
		expect(stored).toHaveLength(1);

		// The same selection finds that profile again: the value arrived intact both times.
		const second = await run({ ...parameters, fieldValues: { fields: [{ name: 'city', value: 'Kampen' }] } });
		expect(second.output[0].json.created).toBe(false);
		const again = await copernica.client.profilesWhere('Customers', 'lastname', value);
		expect(again).toHaveLength(1);
		expect(again[0].fields.city).toBe('Kampen');
	});

	it('creates a profile when nothing matches, returns its ID and writes the Equals conditions into it', async () => {
		const parameters = updateProfiles({
			conditions: [
				{ field: 'customerid', value: 'C-2000' },
				{ field: 'email', value: 'new@example.com' },
			],
			fields: { firstname: 'Nina' },
			extra: { createIfNoMatch: true },
		});
		const first = await run(parameters);
		const [put] = await copernica.client.writes();
		expect(put.body).toEqual({
			fields: { firstname: 'Nina', customerid: 'C-2000', email: 'new@example.com' },
		});
		expect(put.status).toBe(201);

		const created = await copernica.client.profilesWhere('Customers', 'customerid', 'C-2000');
		expect(created).toHaveLength(1);
		expect(first.output[0].json).toMatchObject({ created: true, profileId: Number(created[0].ID), statusCode: 201 });
		expect(created[0].fields).toMatchObject({ firstname: 'Nina', email: 'new@example.com' });

		// The new profile carries both Equals values, so the second run finds it. (A condition such
		// as age >= 18 is refused with create on: the new profile would not meet it, see safety tests.)
		const second = await run(parameters);
		expect(second.output[0].json).toMatchObject({ created: false, profileId: null, statusCode: 204 });
		expect(await copernica.client.profilesWhere('Customers', 'customerid', 'C-2000')).toHaveLength(1);
	});

	it('sends a field the user sets to another value than the selection, but not with Create If No Match', async () => {
		const changeId = (createIfNoMatch: boolean) =>
			updateProfiles({
				conditions: [{ field: 'customerid', value: 'C-1001' }],
				fields: { CUSTOMERID: 'C-1001-X' },
				extra: { createIfNoMatch },
			});
		const refused = await runCopernicaNode({ parameters: changeId(true), credentials: copernica.credentials });
		expect(refused.error?.message).toBe(
			'Condition 1: Fields to Set writes customerid = "C-1001-X", but the selection looks for "C-1001" [item 0]',
		);
		expect(await copernica.client.writes()).toEqual([]);
		await run(changeId(false));
		const [put] = await copernica.client.writes();
		expect(put.body).toEqual({ fields: { customerid: 'C-1001-X' } });
		expect(await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001-X')).toHaveLength(1);
	});

	it('runs in the background with async=1 and reports no profile ID', async () => {
		const { output } = await run(
			updateProfiles({
				conditions: [{ field: 'customerid', value: 'C-1003' }],
				fields: { city: 'Breda' },
				extra: { processInBackground: true },
			}),
		);
		expect(output[0].json).toMatchObject({ async: true, created: false, profileId: null, statusCode: 204 });
		await new Promise((resolve) => setImmediate(resolve));
		expect((await copernica.client.profilesWhere('Customers', 'customerid', 'C-1003'))[0].fields.city).toBe('Breda');
	});

	it('adds interests in the list form, leaving the others on', async () => {
		await run(
			updateProfiles({
				conditions: [{ field: 'customerid', value: 'C-1001' }],
				extra: { interestsInput: 'add', interestsToAdd: ['FOOTBALL', 'offers'] },
			}),
		);
		const [put] = await copernica.client.writes();
		expect(put.body).toEqual({ interests: ['football', 'offers'] });
		const [anna] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001');
		expect(anna.interests.sort()).toEqual(['football', 'newsletter', 'offers']);
	});

	it('switches interests on and off in the associative form', async () => {
		await run(
			updateProfiles({
				conditions: [{ field: 'customerid', value: 'C-1002' }],
				extra: {
					interestsInput: 'set',
					interestValues: {
						interests: [
							{ interest: 'newsletter', subscribed: false },
							{ interest: 'baseball', subscribed: true },
						],
					},
				},
			}),
		);
		const [put] = await copernica.client.writes();
		expect(put.body).toEqual({ interests: { newsletter: 0, baseball: 1 } });
		const [bram] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1002');
		expect(bram.interests.sort()).toEqual(['baseball', 'football']);
	});

	it('sends JSON-mode fields under the database\'s names', async () => {
		await run(
			updateProfiles({
				conditions: [{ field: 'customerid', value: 'C-1004' }],
				extra: { fieldsInput: 'json', fieldsJson: '{"City": "Delft", "AGE": 43}' },
			}),
		);
		const [put] = await copernica.client.writes();
		expect(put.body).toEqual({ fields: { city: 'Delft', age: 43 } });
	});

	it('gives every item its own selection and values, and reads the database fields once', async () => {
		const input = [
			{ id: 'C-1001', city: 'Assen' },
			{ id: 'C-1002', city: 'Emmen' },
			{ id: 'C-1003', city: 'Sneek' },
		];
		const { output } = await run(
			updateProfiles({
				conditions: [{ field: 'customerid', value: '={{ $json.id }}' }],
				fields: { city: '={{ $json.city }}' },
			}),
			input,
		);
		const log = await copernica.client.log();
		const puts = log.filter((entry) => entry.method === 'PUT');
		// Items run in parallel, so their PUTs may arrive in any order.
		const sent = puts.map((entry) => JSON.stringify([entry.query[0][1], entry.body])).sort();
		expect(sent).toEqual(input.map(({ id, city }) => JSON.stringify([`customerid==${id}`, { fields: { city } }])).sort());
		expect(log.filter((entry) => entry.path.endsWith('/fields'))).toHaveLength(1);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const cities = (await copernica.client.profiles('Customers')).map((profile) => profile.fields.city);
		expect(cities).toEqual(['Assen', 'Emmen', 'Sneek', 'Amsterdam']);
	});

	it('addresses the database by ID when picked from the list or given by ID', async () => {
		const { results } = await import('../harness/engine').then(({ searchNodeList }) =>
			searchNodeList('searchDatabases', 'Customers', copernica.credentials),
		);
		const customersId = String(results[0].value);
		for (const mode of ['list', 'id']) {
			await copernica.client.clearLog();
			await run(
				updateProfiles({
					database: { __rl: true, mode, value: customersId },
					conditions: [{ field: 'customerid', value: 'C-1001' }],
					fields: { city: 'Hoorn' },
				}),
			);
			const [put] = await copernica.client.writes();
			expect(put.path).toBe(`database/${customersId}/profiles`);
		}
	});

	it('counts matches first with Max Matches and changes nothing when there are more', async () => {
		const parameters = updateProfiles({
			conditions: [{ field: 'city', value: 'Amsterdam' }],
			fields: { segment: 'gold' },
			extra: { options: { maxMatches: 1 } },
		});
		const refused = await runCopernicaNode({ parameters, credentials: copernica.credentials });
		expect(refused.error?.message).toBe(
			'The selection matches 2 profiles, more than Max Matches (1); nothing was changed [item 0]',
		);
		const log = await copernica.client.log();
		const count = log.find((entry) => entry.path === 'database/Customers/profiles');
		expect(count).toMatchObject({
			method: 'GET',
			query: [
				['fields[]', 'city==Amsterdam'],
				['limit', '1'],
				['total', '1'],
				['access_token', '**hidden**'],
			],
		});
		expect(await copernica.client.writes()).toHaveLength(0);

		const allowed = await run({ ...parameters, options: { maxMatches: 2 } });
		expect(allowed.output[0].json).toMatchObject({ matches: 2, statusCode: 204 });
		expect(await copernica.client.writes()).toHaveLength(1);
	});

	it('takes 303 See Other (older API versions) as success without following it', async () => {
		await copernica.client.setFaults([
			{
				method: 'PUT',
				status: 303,
				body: '',
				headers: { Location: `${copernica.credentials.baseUrl}/profile/${sampleIds.profile('C-1001')}` },
			},
		]);
		const { output } = await run(
			updateProfiles({ conditions: [{ field: 'customerid', value: 'C-1001' }], fields: { city: 'Goes' } }),
		);
		expect(output[0].json).toMatchObject({ statusCode: 303, created: false });
		const log = await copernica.client.log();
		expect(log.filter((entry) => entry.path.startsWith('profile/'))).toHaveLength(0);
	});

	it('finds the database by name whatever its case', async () => {
		await run(
			updateProfiles({
				database: databaseByName('customers'),
				conditions: [{ field: 'customerid', value: 'C-1001' }],
				fields: { city: 'Venlo' },
			}),
		);
		const [anna] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001');
		expect(anna.fields.city).toBe('Venlo');
	});
});
