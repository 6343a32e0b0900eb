import axios from 'axios';

import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import type { Condition } from '../harness/parameters';
import { updateProfiles } from '../harness/parameters';

/**
 * Every refusal happens before Copernica is asked to change anything; mistakes that need no
 * look-up cost no request at all. Read from the emulator's request log.
 */
const copernica = useEmulator();

async function refusal(parameters: ReturnType<typeof updateProfiles>) {
	const result = await runCopernicaNode({ parameters, credentials: copernica.credentials });
	expect(result.output).toEqual([]);
	expect(result.error).toBeDefined();
	return result.error!;
}

describe('the dangerous behaviour the node guards against', () => {
	it('is real in the emulator: a PUT whose only condition names an unknown field updates every profile', async () => {
		const response = await axios.put(
			`${copernica.credentials.baseUrl}/database/Customers/profiles`,
			{ fields: { city: 'Nowhere' } },
			{ params: { 'fields[]': 'emial==anna@example.com', access_token: copernica.token } },
		);
		expect(response.status).toBe(204);
		const cities = (await copernica.client.profiles('Customers')).map((profile) => profile.fields.city);
		expect(cities).toEqual(['Nowhere', 'Nowhere', 'Nowhere', 'Nowhere']);
	});

	it('is real in the emulator: a space before the operator makes Copernica ignore the condition', async () => {
		await axios.put(
			`${copernica.credentials.baseUrl}/database/Customers/profiles`,
			{ fields: { city: 'Nowhere' } },
			{ params: { 'fields[]': 'email ==anna@example.com', access_token: copernica.token } },
		);
		expect(await copernica.client.profilesWhere('Customers', 'city', 'Nowhere')).toHaveLength(4);
	});
});

describe('refused before any request', () => {
	const cases: Array<[string, Condition[], RegExp]> = [
		['an empty selection', [], /^The selection is empty \[item 0\]$/],
		['a space before the field', [{ field: ' email', value: 'anna@example.com' }], /Condition 1: the field " email" has spaces around it \[item 0\]/],
		['a space after the field', [{ field: 'email ', value: 'anna@example.com' }], /Condition 1: the field "email " has spaces around it/],
		['spaces around the operator', [{ field: 'email', operator: ' == ', value: 'anna@example.com' }], /Condition 1: the operator " == " has spaces around it/],
		['an unknown operator', [{ field: 'email', operator: '={{ "=" }}', value: 'anna@example.com' }], /Condition 1: "=" is not a Copernica operator/],
		['a value that changes the operator', [{ field: 'age', operator: 'greaterThan', value: '={{ "=40" }}' }], /would read the operator as ">="/],
		['an expression that finds nothing (an empty value)', [{ field: 'customerid', value: '={{ $json.customerId }}' }], /^Condition 1: the value is empty \[item 0\]$/],
		['a value with trailing whitespace', [{ field: 'email', value: 'anna@example.com ' }], /ends in a space or line break/],
		[
			'a bad second condition',
			[
				{ field: 'city', value: 'Amsterdam' },
				{ field: 'email', operator: 'contains', value: 'x' },
			],
			/^Condition 2: "contains" is not a Copernica operator \[item 0\]$/,
		],
	];

	it.each(cases)('%s', async (_case, conditions, message) => {
		const error = await refusal(updateProfiles({ conditions, fields: { city: 'Nowhere' } }));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/\w/);
		expect(await copernica.client.log()).toEqual([]);
	});

	it('Fields to Set (JSON) that does not parse', async () => {
		const error = await refusal(
			updateProfiles({
				conditions: [{ field: 'email', value: 'anna@example.com' }],
				extra: { fieldsInput: 'json', fieldsJson: '{"city": "Delft",}' },
			}),
		);
		expect(error.message).toMatch(/^Fields to Set \(JSON\) is not valid JSON: .+ \[item 0\]$/);
		expect(await copernica.client.log()).toEqual([]);
	});
});

describe('refused after reading the database, before any change', () => {
	it.each([
		['a selection field the database does not have', { conditions: [{ field: 'emial', value: 'anna@example.com' }], fields: { city: 'Nowhere' } }, /^Condition 1: the database has no field "emial" \[item 0\]$/],
		['a field to set the database does not have', { conditions: [{ field: 'email', value: 'anna@example.com' }], fields: { cty: 'Nowhere' } }, /^Fields to Set: the database has no field "cty"/],
		['nothing to set', { conditions: [{ field: 'email', value: 'anna@example.com' }] }, /^Nothing to set \[item 0\]$/],
	])('%s', async (_case, options, message) => {
		const error = await refusal(updateProfiles(options));
		expect(error.message).toMatch(message);
		const log = await copernica.client.log();
		expect(log.every((entry) => entry.method === 'GET')).toBe(true);
		expect(log.map((entry) => entry.path).sort()).toEqual(['database/Customers/fields', 'database/Customers/interests']);
		expect((await copernica.client.profiles('Customers')).map((profile) => profile.fields.city)).not.toContain('Nowhere');
	});

	it('an interest the database does not have', async () => {
		const error = await refusal(
			updateProfiles({
				conditions: [{ field: 'email', value: 'anna@example.com' }],
				extra: { interestsInput: 'add', interestsToAdd: ['tennis'] },
			}),
		);
		expect(error.message).toBe('The database has no interest "tennis" [item 0]');
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('a field name coming from an expression that resolves to an unknown field', async () => {
		const result = await runCopernicaNode({
			parameters: updateProfiles({ conditions: [{ field: '={{ $json.matchOn }}', value: 'x' }], fields: { city: 'Nowhere' } }),
			credentials: copernica.credentials,
			input: [{ matchOn: 'e-mail' }],
		});
		expect(result.error?.message).toBe('Condition 1: the database has no field "e-mail" [item 0]');
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('sends an empty value when Allow Empty Values is on', async () => {
		const result = await runCopernicaNode({
			parameters: updateProfiles({
				conditions: [{ field: 'lastname', value: '' }],
				fields: { segment: 'unknown' },
				extra: { options: { allowEmptyValues: true } },
			}),
			credentials: copernica.credentials,
		});
		expect(result.error).toBeUndefined();
		const [put] = await copernica.client.writes();
		expect(put.query[0]).toEqual(['fields[]', 'lastname==']);
	});

	it('accepts known fields in any case and the built-ins id, code and modified', async () => {
		const result = await runCopernicaNode({
			parameters: updateProfiles({
				conditions: [
					{ field: 'EMAIL', value: 'anna@example.com' },
					{ field: 'ID', operator: 'greaterThan', value: '0' },
					{ field: 'Modified', operator: 'greaterThan', value: '2000-01-01 00:00:00' },
					{ field: 'code', operator: 'notEquals', value: 'x' },
				],
				fields: { city: 'Gouda' },
			}),
			credentials: copernica.credentials,
		});
		expect(result.error).toBeUndefined();
		const [put] = await copernica.client.writes();
		expect(put.query.filter(([key]) => key === 'fields[]').map(([, value]) => value)).toEqual([
			'email==anna@example.com',
			'id>0',
			'modified>2000-01-01 00:00:00',
			'code!=x',
		]);
		expect(await copernica.client.profilesWhere('Customers', 'city', 'Gouda')).toHaveLength(1);
	});
});
