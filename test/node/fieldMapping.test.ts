import type { INodeParameters, ResourceMapperField } from 'n8n-workflow';

import type { Seed } from '../../emulator/seed';
import { sampleSeed } from '../../emulator/seed';
import { loadMapperFields, runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName } from '../harness/parameters';

/**
 * Fields to Set → Using Field Mapping: n8n's resource mapper, fed by every field of the
 * database (or collection), typed; map automatically from the input item, or each field below.
 * Only the fields given are sent.
 */
const EXTRA_FIELDS = 1100;

function seed(): Seed {
	const base = sampleSeed();
	const customers = base.databases[0];
	customers.fields.push({ name: 'birthday', type: 'date' }, { name: 'lastorder', type: 'datetime' });
	base.databases.push({
		name: 'Wide',
		fields: Array.from({ length: EXTRA_FIELDS }, (_, index) => ({ name: `f${index}`, type: index % 2 ? 'integer' : 'text' })),
	});
	return base;
}

const copernica = useEmulator(seed);

/** The schema the editor stores with a mapper value: the fields as getMappingFields gave them. */
async function customerSchema(): Promise<ResourceMapperField[]> {
	const { fields } = await loadMapperFields('getMappingFields', { database: databaseByName('Customers') }, copernica.credentials);
	await copernica.client.clearLog();
	return fields;
}

/** A saved mapper value (a ResourceMapperValue), as the editor writes it into the workflow. */
function mapper(
	mappingMode: 'defineBelow' | 'autoMapInputData',
	schema: ResourceMapperField[],
	value: INodeParameters | null,
	matchingColumns: string[] = [],
): INodeParameters {
	const saved = { mappingMode, value, matchingColumns, schema, attemptToConvertTypes: false, convertFieldsToString: false };
	return saved as unknown as INodeParameters;
}

async function run(parameters: INodeParameters, input?: Array<Record<string, unknown>>) {
	return await runCopernicaNode({
		parameters: { resource: 'profile', database: databaseByName('Customers'), fieldsInput: 'mapper', ...parameters },
		credentials: copernica.credentials,
		input: input as never,
	});
}

describe('the field mapper\'s fields', () => {
	it('lists every field of the database, past 1,000, with Copernica\'s types as n8n types', async () => {
		const wide = await loadMapperFields('getMappingFields', { database: databaseByName('Wide') }, copernica.credentials);
		expect(wide.fields).toHaveLength(EXTRA_FIELDS);
		expect(wide.fields.slice(0, 2).map((field) => [field.id, field.type])).toEqual([
			['f0', 'string'],
			['f1', 'number'],
		]);
		const customers = await loadMapperFields('getMappingFields', { database: databaseByName('Customers') }, copernica.credentials);
		const typed = Object.fromEntries(customers.fields.map((field) => [field.id, [field.type, field.options?.map((o) => o.value)]]));
		expect(typed).toEqual({
			customerid: ['string', undefined],
			email: ['string', undefined],
			firstname: ['string', undefined],
			lastname: ['string', undefined],
			city: ['string', undefined],
			age: ['number', undefined],
			segment: ['options', ['regular', 'gold', 'silver']],
			birthday: ['dateTime', undefined],
			lastorder: ['dateTime', undefined],
		});
		expect(customers.fields.every((field) => field.canBeUsedToMatch && !field.required)).toBe(true);
	});

	it('lists a collection\'s fields for subprofiles', async () => {
		const collection = String(copernica.emulator.store.databases[0].collections[0].ID);
		const { fields } = await loadMapperFields(
			'getCollectionMappingFields',
			{ database: databaseByName('Customers'), collection },
			copernica.credentials,
		);
		expect(fields.map((field) => [field.id, field.type])).toEqual([
			['orderid', 'string'],
			['status', 'string'],
			['total', 'number'],
		]);
	});
});

describe('Update with the field mapper', () => {
	it('Map Each Field Below sends only the fields given, converted to their types, dates in Copernica\'s form', async () => {
		const schema = await customerSchema();
		const anna = (await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001'))[0];
		const { output, error } = await run(
			{
				operation: 'update',
				profileId: anna.ID,
				columns: mapper('defineBelow', schema, {
					city: '={{ $json.town }}',
					age: '36',
					birthday: '1990-05-17',
					lastorder: '2026-03-01T10:20:30',
					firstname: null,
				}),
			},
			[{ town: 'Haarlem' }],
		);
		expect(error).toBeUndefined();
		const put = (await copernica.client.writes())[0];
		expect(put.body).toEqual({
			fields: { city: 'Haarlem', age: 36, birthday: '1990-05-17', lastorder: '2026-03-01 10:20:30' },
		});
		expect(output[0].json).toMatchObject({ city: 'Haarlem', age: '36', firstname: 'Anna', birthday: '1990-05-17' });
	});

	it('a mapped value that is not of the field\'s type stops the item before anything is sent', async () => {
		const schema = await customerSchema();
		const anna = (await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001'))[0];
		const { error } = await run(
			{ operation: 'update', profileId: anna.ID, columns: mapper('defineBelow', schema, { age: '={{ $json.age }}' }) },
			[{ age: 'thirty' }],
		);
		expect(error?.message).toBe("Invalid input for 'age' [item 0]");
		expect(error?.description).toMatch(/'age' expects a number/);
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('Map Automatically takes the input item\'s fields that the database has and leaves the rest out', async () => {
		const schema = await customerSchema();
		const { error } = await run(
			{
				operation: 'updateProfiles',
				selection: { conditions: [{ field: 'customerid', operator: 'equals', value: '={{ $json.customerid }}' }] },
				columns: mapper('autoMapInputData', schema, null),
			},
			[{ ID: '77', customerid: 'C-1003', City: 'Leiden', createdAt: '2026-01-01', interests: ['x'] }],
		);
		expect(error).toBeUndefined();
		expect((await copernica.client.writes()).map((entry) => entry.body)).toEqual([
			{ fields: { customerid: 'C-1003', city: 'Leiden' } },
		]);
		expect((await copernica.client.profilesWhere('Customers', 'customerid', 'C-1003'))[0].fields.city).toBe('Leiden');
	});
});

describe('Create or Update with the field mapper', () => {
	it('matches on the mapper\'s fields to match on, with the values it maps automatically', async () => {
		const schema = await customerSchema();
		const upsert = { operation: 'upsert', columns: mapper('autoMapInputData', schema, null, ['email']) };
		const { output, error } = await run(upsert, [
			{ email: 'bram@example.com', segment: 'silver' },
			{ email: 'zoe@example.com', firstname: 'Zoë' },
		]);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.selection, item.json.created])).toEqual([
			[['email==bram@example.com'], false],
			[['email==zoe@example.com'], true],
		]);
		expect((await copernica.client.profilesWhere('Customers', 'email', 'bram@example.com'))[0].fields.segment).toBe('silver');
		expect((await copernica.client.profilesWhere('Customers', 'email', 'zoe@example.com'))[0].fields.firstname).toBe('Zoë');
	});

	it('a field to match on that the item does not have is refused before any request', async () => {
		const schema = await customerSchema();
		const { error } = await run(
			{ operation: 'upsert', columns: mapper('autoMapInputData', schema, null, ['customerid']) },
			[{ email: 'x@example.com' }],
		);
		expect(error?.message).toBe('The field to match on "customerid" has no value [item 0]');
		expect(await copernica.client.log()).toEqual([]);
	});
});

describe('Subprofile → Create with the field mapper', () => {
	it('maps the input item onto the collection\'s fields', async () => {
		const collection = String(copernica.emulator.store.databases[0].collections[0].ID);
		const { fields } = await loadMapperFields(
			'getCollectionMappingFields',
			{ database: databaseByName('Customers'), collection },
			copernica.credentials,
		);
		const anna = (await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001'))[0];
		const { output, error } = await runCopernicaNode({
			parameters: {
				resource: 'subprofile',
				operation: 'create',
				database: databaseByName('Customers'),
				collection,
				profileId: anna.ID,
				fieldsInput: 'mapper',
				columns: mapper('autoMapInputData', fields, null),
			},
			credentials: copernica.credentials,
			input: [{ orderid: 'O-77', total: 12.5, customer: 'Anna' }],
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ orderid: 'O-77', total: '12.5', status: '', profile: anna.ID });
		expect((await copernica.client.writes())[0].body).toEqual({ orderid: 'O-77', total: 12.5 });
	});
});
