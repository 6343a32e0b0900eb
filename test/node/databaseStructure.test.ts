import type { INodeParameters } from 'n8n-workflow';

import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { schemaViolations, shippedSchema } from '../harness/outputSchema';
import { databaseByName } from '../harness/parameters';

/** Database → Create Field and Create Interest through n8n's engine against the emulator's Customers database. */
const copernica = useEmulator();

const customers = databaseByName('Customers');

async function apiLog() {
	return (await copernica.client.log()).filter((entry) => entry.path !== 'authenticate');
}

function fitsSchema(operation: string, items: Array<{ json: unknown }>) {
	const schema = shippedSchema('database', operation);
	expect(schema).toBeDefined();
	expect(items.flatMap((item) => schemaViolations(item.json, schema!))).toEqual([]);
}

const createField = (extra: INodeParameters): INodeParameters => ({
	resource: 'database',
	operation: 'createField',
	database: customers,
	...extra,
});

const createInterest = (extra: INodeParameters): INodeParameters => ({
	resource: 'database',
	operation: 'createInterest',
	database: customers,
	...extra,
});

describe('Database → Create Field', () => {
	it('POSTs the documented parameters and outputs the new field as Copernica lists it', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: createField({
				fieldName: ' loyalty ',
				fieldType: 'integer',
				defaultValue: '10',
				fieldOptions: { description: 'Points', displayed: true, index: true, lock: true, textlines: 2 },
			}),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		const created = copernica.emulator.store.databases[0].fields.find((field) => field.name === 'loyalty')!;
		expect(output.map((item) => item.json)).toEqual([
			{ ID: String(created.ID), name: 'loyalty', type: 'integer', value: '10', displayed: true, ordered: false, length: expect.any(String), textlines: '2', hidden: false, index: true },
		]);
		fitsSchema('createField', output);
		const log = await apiLog();
		expect(log.map((entry) => [entry.method, entry.path])).toEqual([
			['POST', 'database/Customers/fields'],
			['GET', 'database/Customers/fields'],
		]);
		expect(log[0].body).toEqual({ name: 'loyalty', type: 'integer', value: '10', description: 'Points', displayed: true, index: true, lock: true, textlines: 2 });
	});

	it('a select field sends its choices, one a line, as the value', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: createField({ fieldName: 'tier', fieldType: 'select', choices: 'bronze\r\nsilver  \n\ngold' }),
			credentials: copernica.v4Credentials,
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ name: 'tier', type: 'select', value: 'bronze\nsilver\ngold' });
		const [post] = await apiLog();
		expect([post.version, post.path, (post.body as { value: string }).value]).toEqual(['v4', 'database/Customers/fields', 'bronze\nsilver\ngold']);
	});

	it.each([
		[{ fieldName: '  ' }, 'No field name given [item 0]'],
		[{ fieldName: 'x', fieldType: 'integer', defaultValue: 'ten' }, 'Default Value: "ten" is not a whole number [item 0]'],
		[{ fieldName: 'x', fieldType: 'date', defaultValue: '01-02-2026' }, 'Default Value: "01-02-2026" is not a date as YYYY-MM-DD [item 0]'],
		[{ fieldName: 'x', fieldType: 'select', choices: '\n' }, 'Choices: a select field needs at least one choice [item 0]'],
		[{ fieldName: 'x', fieldType: 'colour' }, 'Type: unknown field type "colour" [item 0]'],
		[{ fieldName: 'x', fieldOptions: { length: 0 } }, 'Length: 0 is not a whole number of 1 or more [item 0]'],
	])('refuses %j before any request', async (extra, message) => {
		const { error } = await runCopernicaNode({ parameters: createField(extra), credentials: copernica.credentials });
		expect(error?.message).toBe(message);
		expect(await apiLog()).toEqual([]);
	});

	it('Copernica\'s refusal in its words; with Continue On Fail each item on its own, paired', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: createField({ fieldName: '={{ $json.name }}', fieldType: 'text' }),
			credentials: copernica.credentials,
			input: [{ name: 'email' }, { name: 'nickname' }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1]);
		expect(output[0].json.error).toContain('A field with this name already exists');
		expect(output[1].json).toMatchObject({ name: 'nickname', type: 'text' });
		// The refused POST is not retried: it could create twice.
		expect((await apiLog()).filter((entry) => entry.method === 'POST')).toHaveLength(2);
	});
});

describe('Database → Create Interest', () => {
	it('POSTs name and group and outputs the new interest', async () => {
		const { output, error } = await runCopernicaNode({
			parameters: createInterest({ interestName: 'tennis', group: 'sports' }),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		const created = copernica.emulator.store.databases[0].interests.find((interest) => interest.name === 'tennis')!;
		expect(output.map((item) => item.json)).toEqual([{ ID: String(created.ID), name: 'tennis', group: 'sports' }]);
		fitsSchema('createInterest', output);
		const log = await apiLog();
		expect(log.map((entry) => [entry.method, entry.path, entry.body ?? null])).toEqual([
			['POST', 'database/Customers/interests', { name: 'tennis', group: 'sports' }],
			['GET', 'database/Customers/interests', null],
		]);
	});

	it('a description is sent on REST v4 and refused on v3 before any request', async () => {
		const parameters = createInterest({ interestName: 'golf', group: 'sports', interestDescription: 'Plays golf' });
		const v4 = await runCopernicaNode({ parameters, credentials: copernica.v4Credentials });
		expect(v4.error).toBeUndefined();
		expect((await apiLog())[0]).toMatchObject({ version: 'v4', body: { name: 'golf', group: 'sports', description: 'Plays golf' } });
		expect(copernica.emulator.store.databases[0].interests.find((interest) => interest.name === 'golf')?.description).toBe('Plays golf');

		await copernica.client.clearLog();
		const v3 = await runCopernicaNode({ parameters, credentials: copernica.credentials });
		expect(v3.error?.message).toBe("Description: only REST v4 keeps an interest's description [item 0]");
		expect(await apiLog()).toEqual([]);
	});

	it('an empty name is refused before any request; Copernica\'s words for an unknown database', async () => {
		const empty = await runCopernicaNode({ parameters: createInterest({ interestName: ' ' }), credentials: copernica.credentials });
		expect(empty.error?.message).toBe('No interest name given [item 0]');
		expect(await apiLog()).toEqual([]);
		const unknown = await runCopernicaNode({
			parameters: createInterest({ database: databaseByName('Nope'), interestName: 'x', options: { retries: 0 } }),
			credentials: copernica.credentials,
		});
		expect(unknown.error?.message).toContain('No database with supplied ID');
	});
});
