import type { INodeParameters } from 'n8n-workflow';

import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName, updateProfiles } from '../harness/parameters';

/**
 * `__proto__`, `constructor` and `prototype` as field (or interest) names are refused with a
 * clear error in every input mode of Fields to Set, never dropped without a word: set on a
 * plain object, `__proto__` replaced the prototype and the field vanished from the request.
 */
const copernica = useEmulator();

const REFUSAL = /^Fields to Set.*: "(__proto__|constructor|prototype)" cannot be used as a name \[item 0\]$/;

async function createWith(extra: INodeParameters, input?: Array<Record<string, unknown>>) {
	return await runCopernicaNode({
		parameters: { resource: 'profile', operation: 'create', database: databaseByName('Customers'), ...extra },
		credentials: copernica.credentials,
		input: input as never,
	});
}

/** Only the database's fields and interests were read: nothing written. */
async function expectNoWrite() {
	expect(await copernica.client.writes()).toEqual([]);
}

describe('Fields to Set refuses object-internal names', () => {
	it.each(['__proto__', 'constructor', 'prototype', 'Constructor'])('Using Fields Below: a row named %s', async (name) => {
		const { error } = await createWith({
			fieldValues: { fields: [{ name: 'city', value: 'Delft' }, { name, value: 'x' }] },
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(`Fields to Set: "${name}" cannot be used as a name [item 0]`);
		expect(error?.description).toMatch(/Rename or remove the key/);
		await expectNoWrite();
	});

	it.each([
		['{"city": "Delft", "__proto__": {"email": "x@example.com"}}', '__proto__'],
		['{"city": "Delft", "__proto__": "x"}', '__proto__'],
		['{"constructor": "x"}', 'constructor'],
	])('Using JSON: %s', async (json, name) => {
		const { error } = await createWith({ fieldsInput: 'json', fieldsJson: json });
		expect(error?.message).toBe(`Fields to Set (JSON): "${name}" cannot be used as a name [item 0]`);
		await expectNoWrite();
	});

	it('Using JSON from an expression: an input object with such a key', async () => {
		const input = [{ fields: JSON.parse('{"city": "Delft", "__proto__": {"a": 1}}') as unknown }];
		const { error } = await createWith({ fieldsInput: 'json', fieldsJson: '={{ $json.fields }}' }, input);
		expect(error?.message).toMatch(REFUSAL);
		await expectNoWrite();
	});

	it('Using Field Mapping, mapped automatically: an input item with such a key', async () => {
		const input = [JSON.parse('{"customerid": "C-9001", "__proto__": {"city": "Delft"}}') as Record<string, unknown>];
		expect(Object.keys(input[0])).toContain('__proto__');
		const { error } = await createWith(
			{ fieldsInput: 'mapper', columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] } },
			input,
		);
		expect(error?.message).toMatch(REFUSAL);
		await expectNoWrite();
	});

	it('Update Profiles too, and a subprofile create', async () => {
		const update = await runCopernicaNode({
			parameters: updateProfiles({ conditions: [{ field: 'customerid', value: 'C-1001' }], fields: { __proto__x: 'y' } }),
			credentials: copernica.credentials,
		});
		// Only the exact names are refused: a field such as "__proto__x" is just unknown.
		expect(update.error?.message).toBe('Fields to Set: the database has no field "__proto__x" [item 0]');
		const collection = String(copernica.emulator.store.databases[0].collections[0].ID);
		const anna = (await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001'))[0].ID;
		const { error } = await runCopernicaNode({
			parameters: {
				resource: 'subprofile',
				operation: 'create',
				database: databaseByName('Customers'),
				collection,
				profileId: anna,
				fieldsInput: 'json',
				fieldsJson: '{"orderid": "O-9", "__proto__": {"status": "paid"}}',
			},
			credentials: copernica.credentials,
		});
		expect(error?.message).toBe('Fields to Set (JSON): "__proto__" cannot be used as a name [item 0]');
		await expectNoWrite();
	});
});

describe('Interests refuse them too', () => {
	it('Interests → Set On/Off with an interest named __proto__', async () => {
		const { error } = await createWith({
			fieldValues: { fields: [{ name: 'city', value: 'Delft' }] },
			interestsInput: 'set',
			interestValues: { interests: [{ interest: '__proto__', subscribed: true }] },
		});
		expect(error?.message).toBe('Interests: "__proto__" cannot be used as a name [item 0]');
		await expectNoWrite();
	});
});
