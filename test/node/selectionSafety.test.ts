import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { getToolDescriptionForNode } from 'n8n-workflow';

import { loadNodePackage } from '../harness/nodePackage';
import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import type { Condition } from '../harness/parameters';
import { databaseByName, updateProfiles } from '../harness/parameters';
import { TYPED_DATABASE, typedSeed } from '../harness/typedSeed';

/**
 * What Copernica's parser and casts would read differently from what the user meant is refused
 * before any write, through n8n's engine, against an emulator that does the damage (see
 * test/emulator/parser.test.ts for the same cases sent raw). Each test reads the emulator's log.
 */
const copernica = useEmulator(typedSeed);

const members = databaseByName(TYPED_DATABASE);

function update(conditions: Condition[], extra: INodeParameters = {}): INodeParameters {
	return updateProfiles({ database: members, conditions, fields: { status: 'HIT' }, extra });
}

async function refused(parameters: INodeParameters, message: RegExp, input?: IDataObject[]) {
	const result = await runCopernicaNode({ parameters, credentials: copernica.credentials, input });
	expect(result.output).toEqual([]);
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toMatch(message);
	expect(result.error?.message).toMatch(/\[item 0\]$/);
	expect(result.error?.description).toMatch(/\w/);
	expect(await copernica.client.writes()).toEqual([]);
	expect(await copernica.client.profilesWhere(TYPED_DATABASE, 'status', 'HIT')).toEqual([]);
	return result.error!;
}

/** A count answer the node cannot read is Copernica's failure (NodeApiError), and nothing is written. */
async function refusedByCopernica(parameters: INodeParameters) {
	const result = await runCopernicaNode({ parameters, credentials: copernica.credentials });
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.message).toBe('Copernica did not say how many entries the list holds [item 0]');
	expect(result.error?.description).toMatch(/nothing was changed/);
	expect(await copernica.client.writes()).toEqual([]);
}

async function schemaReadsOnly() {
	const paths = (await copernica.client.log()).map((entry) => `${entry.method} ${entry.path}`).sort();
	expect(paths).toEqual([`GET database/${TYPED_DATABASE}/fields`, `GET database/${TYPED_DATABASE}/interests`]);
}

describe('typed values are refused unless Copernica reads them as written (no write sent)', () => {
	it.each([
		['points == n/a (PHP reads 0: every profile with 0 points)', [{ field: 'points', value: 'n/a' }], /"n\/a" is not a whole number, and points is an integer field/],
		['points == 1.5', [{ field: 'points', value: '1.5' }], /"1\.5" is not a whole number/],
		['points > 1abc', [{ field: 'points', operator: 'greaterThan', value: '1abc' }], /not a whole number/],
		['points == 0x0C', [{ field: 'points', value: '0x0C' }], /not a whole number/],
		['balance != abc', [{ field: 'balance', operator: 'notEquals', value: 'abc' }], /not a number Copernica reads exactly, and balance is a float field/],
		['id > n/a', [{ field: 'id', operator: 'greaterThan', value: 'n/a' }], /not a whole number, and id is the profile ID/],
		['lastorder > yesterday', [{ field: 'lastorder', operator: 'greaterThan', value: 'yesterday' }], /not a date and time as YYYY-MM-DD hh:mm:ss/],
		['modified > last week', [{ field: 'modified', operator: 'greaterThan', value: 'last week' }], /not a date and time/],
		['birthdate == 2026-02-30', [{ field: 'birthdate', value: '2026-02-30' }], /not a date as YYYY-MM-DD/],
		['segment != vip (select fields compare letter for letter)', [{ field: 'segment', operator: 'notEquals', value: 'vip' }], /"vip" is not one of the choices of segment \(did you mean "VIP"\?\)/],
		['points like 4%', [{ field: 'points', operator: 'like', value: '4%' }], /Is Like and Is Not Like compare text/],
		['points == (empty, even with Allow Empty Values)', [{ field: 'points', value: '' }], /the value is empty, and points is an integer field/],
	])('%s', async (_case, conditions, message) => {
		await refused(update(conditions, { options: { allowEmptyValues: true } }), message);
		await schemaReadsOnly();
	});

	it('a value from an expression is checked the same way', async () => {
		await refused(update([{ field: 'points', value: '={{ $json.points }}' }]), /"n\/a" is not a whole number/, [{ points: 'n/a' }]);
	});
});

describe('values Copernica would read as another condition are refused before any request', () => {
	it.each([
		['a line break inside the value', [{ field: 'email', value: '={{ "anna@example.com\\nx" }}' }], /contains a line break or control character \(U\+000A\)/],
		['a carriage return', [{ field: 'email', value: '={{ "anna@example.com\\rx" }}' }], /\(U\+000D\)/],
		['a NUL', [{ field: 'name', value: '={{ "Anna\\u0000" }}' }], /\(U\+0000\)/],
		['"<" followed by "~" (the unknown "<~")', [{ field: 'points', operator: 'lessThan', value: '~5' }], /"<~", which it does not know/],
		['">" followed by ">"', [{ field: 'points', operator: 'greaterThan', value: '>5' }], /">>", which it does not know/],
		['">" followed by "<"', [{ field: 'points', operator: 'greaterThan', value: '<5' }], /"><", which it does not know/],
		['">" followed by "!"', [{ field: 'points', operator: 'greaterThan', value: '!5' }], /">!", which it does not know/],
		['"==" followed by "="', [{ field: 'name', value: '=={{ "=Anna" }}' }], /the value starts with "="/],
		['a LIKE pattern of only %', [{ field: 'name', operator: 'like', value: '%' }], /the pattern "%" is only wildcards/],
		['a NOT LIKE pattern of only _', [{ field: 'name', operator: 'notLike', value: '____' }], /only wildcards/],
	])('%s', async (_case, conditions, message) => {
		await refused(update(conditions), message);
		expect(await copernica.client.log()).toEqual([]);
	});

	it('a wildcard-only pattern goes out when Allow Empty Values says the user means every profile', async () => {
		const result = await runCopernicaNode({
			parameters: update([{ field: 'name', operator: 'like', value: '%' }], { options: { allowEmptyValues: true } }),
			credentials: copernica.credentials,
		});
		expect(result.error).toBeUndefined();
		expect(await copernica.client.profilesWhere(TYPED_DATABASE, 'status', 'HIT')).toHaveLength(5);
	});

	it('typed values in the accepted forms reach Copernica and select exactly what they say', async () => {
		const result = await runCopernicaNode({
			parameters: update([
				{ field: 'points', operator: 'greaterThanOrEqual', value: '1' },
				{ field: 'balance', operator: 'lessThan', value: '50.5' },
				{ field: 'segment', value: 'VIP' },
				{ field: 'lastorder', operator: 'greaterThan', value: '2026-01-01' },
				{ field: 'birthdate', operator: 'lessThan', value: '1999-12-31' },
			]),
			credentials: copernica.credentials,
		});
		expect(result.error).toBeUndefined();
		const [put] = await copernica.client.writes();
		expect(put.query.filter(([key]) => key === 'fields[]').map(([, value]) => value)).toEqual([
			'points>=1',
			'balance<50.5',
			'segment==VIP',
			'lastorder>2026-01-01',
			'birthdate<1999-12-31',
		]);
		expect((await copernica.client.profilesWhere(TYPED_DATABASE, 'status', 'HIT')).map((profile) => profile.fields.name)).toEqual(['Bram']);
	});
});

describe('the other selection writes refuse the same values', () => {
	it('Create or Update: a match field whose value is not a select choice', async () => {
		await refused(
			{
				resource: 'profile',
				operation: 'upsert',
				database: members,
				matchFields: ['segment'],
				fieldValues: { fields: [{ name: 'segment', value: 'Platinum' }, { name: 'email', value: 'new@example.com' }] },
			},
			/"Platinum" is not one of the choices of segment/,
		);
		await schemaReadsOnly();
	});

	it('Update Profiles with Create If No Match: segment == vip would create a profile on every run', async () => {
		const error = await refused(update([{ field: 'segment', value: 'vip' }], { createIfNoMatch: true }), /not one of the choices/);
		expect(error.description).toMatch(/with Create If No Match every run would create another profile/);
	});

	it('Create If No Match with an Equals value longer than the text field keeps (it would be cut off)', async () => {
		const error = await refused(update([{ field: 'nickname', value: 'TheLongestNick' }], { createIfNoMatch: true }), /Copernica would store "TheLongestNick" in nickname differently/);
		expect(error.description).toMatch(/nickname keeps at most 10 characters/);
		await schemaReadsOnly();
		// Without Create If No Match it is only a selection that finds nothing: sent.
		const plain = await runCopernicaNode({ parameters: update([{ field: 'nickname', value: 'TheLongestNick' }]), credentials: copernica.credentials });
		expect(plain.error).toBeUndefined();
		expect(await copernica.client.writes()).toHaveLength(1);
	});

	it.each([
		['a condition other than Equals', [{ field: 'points', operator: 'greaterThan', value: '500' }], /^Condition 1: with Create If No Match, points must be compared with Equals/],
		['a built-in Copernica sets itself', [{ field: 'id', value: '9999' }], /^Condition 1: with Create If No Match, the selection cannot match on id/],
		['a field Fields to Set gives another value', [{ field: 'email', value: 'old@example.com' }], /Fields to Set writes email = "new@example.com", but the selection looks for "old@example.com"/],
	])('Create If No Match with %s (each run would create another profile)', async (_case, conditions, message) => {
		await refused(
			updateProfiles({ database: members, conditions, fields: { status: 'HIT', email: 'new@example.com' }, extra: { createIfNoMatch: true } }),
			message,
		);
		await schemaReadsOnly();
	});

	it('Create or Update matching on a text field written as a boolean: Copernica stores true as "1"', async () => {
		await refused(
			{
				resource: 'profile',
				operation: 'upsert',
				database: members,
				matchFields: ['email', 'status'],
				fieldsInput: 'json',
				fieldsJson: '{"email": "z@example.com", "status": true}',
			},
			/^Condition 2: Copernica would store "true" in status differently from how the selection compares it/,
		);
	});

	it('Does Not Equal (<>) goes out as !=, and the same-selection queue sees one selection', async () => {
		const result = await runCopernicaNode({
			parameters: update([{ field: 'email', operator: 'notEqualsAlt', value: 'anna@example.com' }]),
			credentials: copernica.credentials,
		});
		expect(result.error).toBeUndefined();
		const [put] = await copernica.client.writes();
		expect(put.query[0]).toEqual(['fields[]', 'email!=anna@example.com']);
	});

	it('Get Many reads with the same rules', async () => {
		const result = await runCopernicaNode({
			parameters: {
				resource: 'profile',
				operation: 'getMany',
				database: members,
				returnAll: true,
				selection: { conditions: [{ field: 'points', operator: 'equals', value: 'n/a' }] },
			},
			credentials: copernica.credentials,
		});
		expect(result.error?.message).toMatch(/"n\/a" is not a whole number/);
		expect((await copernica.client.log()).filter((entry) => entry.path.endsWith('/profiles'))).toEqual([]);
	});
});

describe('Max Matches fails closed', () => {
	it.each([['1.5'], ['-1'], ['abc'], ['NaN']])('refuses Max Matches "%s" from an expression before any request', async (given) => {
		await refused(
			update([{ field: 'email', value: 'anna@example.com' }], { options: { maxMatches: `={{ ${given === 'abc' ? '"abc"' : given} }}` } }),
			/^Max Matches must be a whole number of 0 or more/,
		);
		expect(await copernica.client.log()).toEqual([]);
	});

	it.each([
		['a counted list without total', { data: [] }],
		['a total that is not a number', { data: [], total: 'many' }],
		['no list at all', { ok: true }],
		['a total smaller than the list', { data: [{}, {}], total: 1 }],
	])('refuses the update when the count answer is %s', async (_case, body) => {
		await copernica.client.setFaults([
			{ method: 'GET', path: `database/${TYPED_DATABASE}/profiles`, status: 200, contentType: 'application/json', body: JSON.stringify(body) },
		]);
		await refusedByCopernica(update([{ field: 'email', value: 'anna@example.com' }], { options: { maxMatches: 1 } }));
	});

	it('an HTML page answered with 200 to the count does not count as 0', async () => {
		await copernica.client.setFaults([
			{ method: 'GET', path: `database/${TYPED_DATABASE}/profiles`, status: 200, body: '<html><title>Sign in</title></html>' },
		]);
		await refusedByCopernica(update([{ field: 'email', value: 'anna@example.com' }], { options: { maxMatches: 1 } }));
	});
});

describe('items Copernica would treat as the same selection take turns', () => {
	it('a@x and A@X with Create If No Match never run at once, and create one profile', async () => {
		const parameters = update([{ field: 'email', value: '={{ $json.email }}' }], {
			createIfNoMatch: true,
			options: { parallelRequests: 10 },
		});
		await copernica.client.setFaults([{ method: 'PUT', latencyMs: 300 }]);
		const result = await runCopernicaNode({
			parameters,
			credentials: copernica.credentials,
			input: [{ email: 'new@example.com' }, { email: 'NEW@Example.COM' }],
		});
		expect(result.error).toBeUndefined();
		const puts = await copernica.client.writes();
		expect(puts).toHaveLength(2);
		const [first, second] = [...puts].sort((a, b) => a.arrivedMs! - b.arrivedMs!);
		expect(second.arrivedMs!).toBeGreaterThanOrEqual(first.answeredMs!);
		expect(await copernica.client.profilesWhere(TYPED_DATABASE, 'status', 'HIT')).toHaveLength(1);
	});

	it('different selections still run side by side', async () => {
		await copernica.client.setFaults([{ method: 'PUT', latencyMs: 300 }]);
		const result = await runCopernicaNode({
			parameters: update([{ field: 'email', value: '={{ $json.email }}' }], { options: { parallelRequests: 10 } }),
			credentials: copernica.credentials,
			input: [{ email: 'anna@example.com' }, { email: 'bram@example.com' }],
		});
		expect(result.error).toBeUndefined();
		const [first, second] = [...(await copernica.client.writes())].sort((a, b) => a.arrivedMs! - b.arrivedMs!);
		expect(second.arrivedMs!).toBeLessThan(first.answeredMs!);
	});
});

describe('as an AI agent\'s tool', () => {
	const amsterdamers = () => update([{ field: 'points', operator: 'lessThan', value: '100' }]);

	it('refuses a selection write that matches more than one profile when Max Matches is not set', async () => {
		const result = await runCopernicaNode({ parameters: amsterdamers(), credentials: copernica.credentials, asTool: true });
		expect(result.error?.message).toMatch(/^The selection matches 4 profiles, more than Max Matches \(1\); nothing was changed \[item 0\]$/);
		expect(await copernica.client.writes()).toEqual([]);
	});

	it('goes ahead within a Max Matches the user set, and as a plain node without one', async () => {
		const asTool = await runCopernicaNode({
			parameters: { ...amsterdamers(), options: { maxMatches: 4 } },
			credentials: copernica.credentials,
			asTool: true,
		});
		expect(asTool.error).toBeUndefined();
		expect(asTool.output[0].json.matches).toBe(4);
		await copernica.client.reset(typedSeed());
		const plain = await runCopernicaNode({ parameters: amsterdamers(), credentials: copernica.credentials });
		expect(plain.error).toBeUndefined();
		expect(await copernica.client.profilesWhere(TYPED_DATABASE, 'status', 'HIT')).toHaveLength(4);
	});

	it('says so in the description n8n gives the agent', async () => {
		const { nodeType, packageName } = await loadNodePackage();
		for (const [resource, operation] of [['profile', 'updateProfiles'], ['profile', 'upsert'], ['subprofile', 'updateMany']]) {
			const node = {
				id: '1',
				name: 'Copernica',
				type: `${packageName}.copernicaTool`,
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { resource, operation, descriptionType: 'auto' },
			};
			expect(getToolDescriptionForNode(node, nodeType('copernica'))).toMatch(/as an AI tool .*one .*unless max matches is set/);
		}
	});
});
