import type { INodeParameters } from 'n8n-workflow';

import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName } from '../harness/parameters';

/**
 * Profile → Create, Update (by ID), Create or Update, Add Interests and Set Interests through
 * n8n's engine against the emulator: what is sent, what Copernica then holds, what comes out.
 */
const copernica = useEmulator();

function profileParameters(operation: string, extra: INodeParameters): INodeParameters {
	return { resource: 'profile', operation, database: databaseByName('Customers'), ...extra };
}

function fieldRows(fields: Record<string, string>) {
	return { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) };
}

async function run(operation: string, extra: INodeParameters, input?: Array<Record<string, string>>) {
	return await runCopernicaNode({
		parameters: profileParameters(operation, extra),
		credentials: copernica.credentials,
		input,
	});
}

async function profileOf(customerid: string) {
	const found = await copernica.client.profilesWhere('Customers', 'customerid', customerid);
	expect(found).toHaveLength(1);
	return found[0];
}

/** The requests that reached the API, as `METHOD path`. */
async function requests(): Promise<string[]> {
	return (await copernica.client.log()).map((entry) => `${entry.method} ${entry.path}`);
}

describe('Profile → Create', () => {
	it('POSTs only the fields and interests set and outputs the new profile as Copernica holds it', async () => {
		const { output, error } = await run(
			'create',
			{
				fieldValues: fieldRows({ customerid: '={{ $json.id }}', Email: 'eva@example.com' }),
				interestsInput: 'add',
				interestsToAdd: ['offers'],
			},
			[{ id: 'C-2001' }],
		);
		expect(error).toBeUndefined();
		const created = await profileOf('C-2001');
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ ID: created.ID, ...created.fields, interests: ['offers'] }, { item: 0 }],
		]);
		expect(created.fields).toMatchObject({ email: 'eva@example.com', segment: 'regular', firstname: '' });
		const post = (await copernica.client.writes())[0];
		expect(post.body).toEqual({ fields: { customerid: 'C-2001', email: 'eva@example.com' }, interests: ['offers'] });
		expect(await requests()).toEqual([
			'GET database/Customers/fields',
			'GET database/Customers/interests',
			'POST database/Customers/profiles',
			`GET profile/${created.ID}`,
		]);
	});

	it('an unknown field is refused before anything is written', async () => {
		const { error } = await run('create', { fieldValues: fieldRows({ emial: 'x@example.com' }) });
		expect(error?.message).toBe('Fields to Set: the database has no field "emial" [item 0]');
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('a POST whose connection drops after Copernica created the profile is not sent again', async () => {
		await copernica.client.setFaults([{ method: 'POST', resetAfterHandling: true, times: 1 }]);
		const { error } = await run('create', { fieldValues: fieldRows({ customerid: 'C-2002' }), options: { retries: 3 } });
		expect(error).toBeDefined();
		expect((await copernica.client.writes()).length).toBe(1);
		expect(await copernica.client.profilesWhere('Customers', 'customerid', 'C-2002')).toHaveLength(1);
	});
});

describe('Profile → Update', () => {
	it('PUTs profile/{id} with only the fields set; the others keep their values', async () => {
		const before = await profileOf('C-1002');
		const { output, error } = await run('update', {
			profileId: before.ID,
			fieldValues: fieldRows({ city: 'Zwolle' }),
		});
		expect(error).toBeUndefined();
		const after = await profileOf('C-1002');
		expect(after.fields).toEqual({ ...before.fields, city: 'Zwolle' });
		expect(output[0].json).toEqual({ ID: before.ID, ...after.fields, interests: before.interests });
		expect((await copernica.client.writes()).map((entry) => [entry.method, entry.path, entry.body])).toEqual([
			['PUT', `profile/${before.ID}`, { fields: { city: 'Zwolle' } }],
		]);
	});

	it('a profile ID that is not a number is refused before any request', async () => {
		const { error } = await run('update', { profileId: 'C-1002', fieldValues: fieldRows({ city: 'Zwolle' }) });
		expect(error?.message).toBe('"C-1002" is not a profile ID [item 0]');
		expect(await copernica.client.log()).toEqual([]);
	});

	it('Simplify off outputs Copernica\'s own profile object', async () => {
		const before = await profileOf('C-1001');
		const { output } = await run('update', {
			profileId: before.ID,
			fieldValues: fieldRows({ age: '35' }),
			simplify: false,
		});
		expect(output[0].json).toMatchObject({ ID: before.ID, fields: { age: '35' }, interests: ['newsletter'], removed: false });
	});
});

describe('Profile → Create or Update', () => {
	const upsert = (extra: INodeParameters = {}) => ({
		matchFields: ['email'],
		fieldValues: fieldRows({ email: '={{ $json.email }}', city: '={{ $json.city }}' }),
		...extra,
	});

	it('updates the profile whose match field equals the item\'s value, and creates one when none does', async () => {
		const { output, error } = await run('upsert', upsert(), [
			{ email: 'bram@example.com', city: 'Delft' },
			{ email: 'new@example.com', city: 'Gouda' },
		]);
		expect(error).toBeUndefined();
		expect((await copernica.client.profilesWhere('Customers', 'email', 'bram@example.com'))[0].fields.city).toBe('Delft');
		const created = await copernica.client.profilesWhere('Customers', 'email', 'new@example.com');
		expect(created.map((profile) => profile.fields.city)).toEqual(['Gouda']);
		expect(output.map((item) => [item.json.created, item.json.profileId, item.json.selection])).toEqual([
			[false, null, ['email==bram@example.com']],
			[true, Number(created[0].ID), ['email==new@example.com']],
		]);
		const puts = (await copernica.client.writes()).map((entry) => entry.query);
		expect(puts).toEqual([
			[['fields[]', 'email==bram@example.com'], ['create', '1'], ['access_token', '**hidden**']],
			[['fields[]', 'email==new@example.com'], ['create', '1'], ['access_token', '**hidden**']],
		]);
	});

	it('running the same items twice creates nothing the second time', async () => {
		const items = [{ email: 'twice@example.com', city: 'Ede' }];
		await run('upsert', upsert(), items);
		const again = await run('upsert', upsert(), items);
		expect(again.output[0].json.created).toBe(false);
		expect(await copernica.client.profilesWhere('Customers', 'email', 'twice@example.com')).toHaveLength(1);
	});

	it('a field to match on without a value in Fields to Set is refused before any request', async () => {
		const { error } = await run('upsert', upsert({ matchFields: ['customerid'] }), [{ email: 'a@example.com', city: 'Ede' }]);
		expect(error?.message).toBe('The field to match on "customerid" has no value [item 0]');
		expect(await copernica.client.log()).toEqual([]);
	});

	it('an empty match value (an expression that found nothing) is refused before any request', async () => {
		const { error } = await run('upsert', upsert(), [{ city: 'Ede' }]);
		expect(error?.message).toBe('Condition 1: the value is empty [item 0]');
		expect(await copernica.client.log()).toEqual([]);
	});

	it('a connection dropped after Copernica created the profile: the retry updates it instead of creating a second', async () => {
		await copernica.client.setFaults([{ method: 'PUT', resetAfterHandling: true, times: 1 }]);
		const { output, error } = await run('upsert', upsert({ options: { retries: 2 } }), [{ email: 'once@example.com', city: 'Ede' }]);
		expect(error).toBeUndefined();
		expect((await copernica.client.writes()).map((entry) => entry.status)).toEqual([0, 204]);
		const created = await copernica.client.profilesWhere('Customers', 'email', 'once@example.com');
		expect(created).toHaveLength(1);
		// The lost try may have created it: the output does not claim it did not, and names the profile.
		expect(output[0].json).toMatchObject({ created: null, creationUncertain: true, profileId: Number(created[0].ID) });
		const lookUps = (await copernica.client.log()).filter((entry) => entry.method === 'GET' && entry.path === 'database/Customers/profiles');
		expect(lookUps).toHaveLength(1);
		expect(lookUps[0].query).toContainEqual(['fields[]', 'email==once@example.com']);
	});

	it('a look-up that fails after the uncertain retry keeps the item: the write went through', async () => {
		await copernica.client.setFaults([
			{ method: 'PUT', resetAfterHandling: true, times: 1 },
			{ method: 'GET', path: 'database/Customers/profiles', status: 400, contentType: 'application/json', body: '{"error":{"message":"boom"}}' },
		]);
		const { output, error } = await run('upsert', upsert({ options: { retries: 2 } }), [{ email: 'once@example.com', city: 'Ede' }]);
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ created: null, creationUncertain: true, profileId: null });
		expect(output[0].json.lookUpError).toMatch(/^Copernica: boom/);
		expect(await copernica.client.profilesWhere('Customers', 'email', 'once@example.com')).toHaveLength(1);
	});

	it('a 503 before anything was handled, then a retry that updates: uncertain too, as the node cannot tell', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 503, times: 1 }]);
		const { output, error } = await run('upsert', upsert({ options: { retries: 2 } }), [{ email: 'anna@example.com', city: 'Ede' }]);
		expect(error).toBeUndefined();
		const [anna] = await copernica.client.profilesWhere('Customers', 'email', 'anna@example.com');
		expect(output[0].json).toMatchObject({ created: null, creationUncertain: true, profileId: Number(anna.ID) });
	});

	it('a retry after a 429 (never handled) reports plainly: no look-up', async () => {
		await copernica.client.setFaults([{ method: 'PUT', status: 429, retryAfterSeconds: 0, times: 1 }]);
		const { output, error } = await run('upsert', upsert({ options: { retries: 2 } }), [{ email: 'anna@example.com', city: 'Ede' }]);
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ created: false, profileId: null });
		expect(output[0].json.creationUncertain).toBeUndefined();
	});

	it('Max Matches: more matching profiles than allowed changes nothing', async () => {
		const { error } = await run(
			'upsert',
			{ matchFields: ['city'], fieldValues: fieldRows({ city: 'Amsterdam', segment: 'gold' }), options: { maxMatches: 1 } },
		);
		expect(error?.message).toBe(
			'The selection matches 2 profiles, more than Max Matches (1); nothing was changed [item 0]',
		);
		expect(await copernica.client.writes()).toEqual([]);
	});
});

describe('Profile → Add Interests and Set Interests', () => {
	it('Add Interests POSTs the names; the profile keeps its other interests', async () => {
		const bram = await profileOf('C-1002');
		expect(bram.interests).toEqual(['newsletter', 'football']);
		const { output, error } = await run('addInterests', { profileId: bram.ID, interests: ['Offers'] });
		expect(error).toBeUndefined();
		expect((await profileOf('C-1002')).interests).toEqual(['newsletter', 'football', 'offers']);
		expect(output[0].json.interests).toEqual(['newsletter', 'football', 'offers']);
		expect((await copernica.client.writes()).map((entry) => [entry.method, entry.path, entry.body])).toEqual([
			['POST', `profile/${bram.ID}/interests`, ['offers']],
		]);
	});

	it('Set Interests PUTs the names; every other interest is switched off', async () => {
		const bram = await profileOf('C-1002');
		const { output, error } = await run('setInterests', { profileId: bram.ID, interests: ['baseball'] });
		expect(error).toBeUndefined();
		expect((await profileOf('C-1002')).interests).toEqual(['baseball']);
		expect(output[0].json.interests).toEqual(['baseball']);
		expect((await copernica.client.writes()).map((entry) => [entry.method, entry.body])).toEqual([['PUT', ['baseball']]]);
	});

	it('Set Interests with none chosen is refused unless Allow Switching All Off is on', async () => {
		const bram = await profileOf('C-1002');
		const refused = await run('setInterests', { profileId: bram.ID, interests: [] });
		expect(refused.error?.message).toBe('No interests chosen [item 0]');
		expect(await copernica.client.writes()).toEqual([]);
		const allowed = await run('setInterests', { profileId: bram.ID, interests: [], options: { allowNone: true } });
		expect(allowed.error).toBeUndefined();
		expect((await profileOf('C-1002')).interests).toEqual([]);
	});

	it('an interest the database does not have is refused before anything is written', async () => {
		const bram = await profileOf('C-1002');
		const { error } = await run('addInterests', { profileId: bram.ID, interests: ['tennis'] });
		expect(error?.message).toBe('The database has no interest "tennis" [item 0]');
		expect(await copernica.client.writes()).toEqual([]);
	});
});

describe('Update Profiles → Preview Only', () => {
	it('returns the matching profiles and the body it would send, and changes nothing', async () => {
		const { output, error } = await run('updateProfiles', {
			selection: { conditions: [{ field: 'city', operator: 'equals', value: 'Amsterdam' }] },
			fieldValues: fieldRows({ segment: 'gold' }),
			options: { preview: true },
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		const preview = output[0].json;
		expect(preview).toMatchObject({
			preview: true,
			database: 'Customers',
			selection: ['city==Amsterdam'],
			matches: 2,
			wouldCreate: false,
			wouldSend: { fields: { segment: 'gold' } },
		});
		expect((preview.profiles as Array<{ customerid: string; segment: string }>).map((p) => [p.customerid, p.segment])).toEqual([
			['C-1001', 'regular'],
			['C-1004', 'regular'],
		]);
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('says when the update would create a profile', async () => {
		const { output } = await run('updateProfiles', {
			selection: { conditions: [{ field: 'customerid', operator: 'equals', value: 'C-9999' }] },
			createIfNoMatch: true,
			fieldValues: fieldRows({ city: 'Ede' }),
			options: { preview: true },
		});
		expect(output[0].json).toMatchObject({
			matches: 0,
			wouldCreate: true,
			wouldSend: { fields: { city: 'Ede', customerid: 'C-9999' } },
			profiles: [],
		});
		expect(await copernica.client.writes()).toEqual([]);
	});
});
