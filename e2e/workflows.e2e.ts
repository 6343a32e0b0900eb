import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

import { CopernicaEmulator } from '../emulator/server';
import { EmulatorClient } from '../test/harness/emulatorClient';
import { PROJECT_ROOT } from '../test/harness/nodePackage';
import type { Editor } from './editor';
import { errorsCausedByNode, openEditor } from './editor';
import {
	databaseListEntries,
	fieldMapperShown,
	openCopernicaNode,
	renderedParameters,
	screenshotPanel,
	selectionFieldOptions,
} from './editorChecks';
import type { ExecuteResult, N8nInstance } from './n8nInstance';
import { RestClient } from './restApi';
import { CREDENTIAL, n8nWithPackage, SETUP_TIMEOUT } from './suite';
import { N8N_VERSIONS, NEWEST } from './versions';

/**
 * The packed package inside real n8n releases: installed as the Community Nodes screen installs
 * it, the example workflows imported and run with `n8n execute` against the emulator, and the
 * credential tested through n8n's REST API.
 */

const EXAMPLES = path.join(PROJECT_ROOT, 'examples');

const EXAMPLE_WORKFLOWS = [
	'update-profiles-by-customer-id',
	'create-if-no-match',
	'refused-unknown-field',
	'get-many-then-update',
	'shop-orders-with-field-mapping',
];

/** The Copernica node's output items, or its error, from `n8n execute --rawOutput`. */
function copernicaRun(result: ExecuteResult) {
	const task = result.run?.data.resultData.runData.Copernica?.[0];
	return { items: (task?.data?.main[0] ?? []).map((item) => item.json), error: task?.error ?? result.run?.data.resultData.error };
}

/**
 * `n8n execute` ended with exit code 0; otherwise the failure shows the end of what n8n printed,
 * so a run that fails in CI says why (the exit code alone does not).
 */
function expectExitedCleanly(result: ExecuteResult, what = 'n8n execute'): void {
	if (result.exitCode === 0) return;
	const tail = (text: string) => text.slice(-3000);
	expect({ what, exitCode: result.exitCode, stderr: tail(result.stderr), stdout: tail(result.stdout) }).toEqual({
		what,
		exitCode: 0,
		stderr: expect.any(String),
		stdout: expect.any(String),
	});
}

describe.each(N8N_VERSIONS)('n8n $version', (target) => {
	const token = `e2e_${randomBytes(12).toString('hex')}`;
	const emulator = new CopernicaEmulator({ tokens: [token] });
	let client: EmulatorClient;
	let n8n: N8nInstance;

	function expectNoToken(...texts: string[]) {
		for (const text of texts) expect(text).not.toContain(token);
	}

	beforeAll(async () => {
		await emulator.start();
		client = new EmulatorClient(emulator.origin);
		n8n = await n8nWithPackage(target, 'home', emulator, token);
		for (const example of EXAMPLE_WORKFLOWS) {
			await n8n.importWorkflow(path.join(EXAMPLES, `${example}.json`));
		}
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await emulator.stop();
	});

	beforeEach(() => emulator.reset());

	it('examples/update-profiles-by-customer-id.json updates two customers and creates the third', async () => {
		const result = await n8n.execute('copernicaExample0001');
		expectNoToken(result.stdout, result.stderr);
		expectExitedCleanly(result);
		const { items } = copernicaRun(result);
		expect(items.map((item) => [item.selection, item.created, item.statusCode])).toEqual([
			[['customerid==C-1001'], false, 204],
			[['customerid==C-1003'], false, 204],
			[['customerid==C-2001'], true, 201],
		]);
		const created = await client.profilesWhere('Customers', 'customerid', 'C-2001');
		expect(created.map((profile) => [Number(profile.ID), profile.fields.city, profile.interests])).toEqual([
			[items[2].profileId, 'Groningen', ['newsletter']],
		]);
		expect((await client.profilesWhere('Customers', 'customerid', 'C-1001'))[0].fields.city).toBe('Haarlem');
		const puts = (await client.writes()).map((entry) => entry.query.find(([key]) => key === 'fields[]')?.[1]);
		// Items run in parallel (Parallel Requests), so the PUTs may reach Copernica in any order.
		expect(puts.sort()).toEqual(['customerid==C-1001', 'customerid==C-1003', 'customerid==C-2001']);
	});

	it('examples/create-if-no-match.json creates the profile once; the re-run updates it', async () => {
		const first = copernicaRun(await n8n.execute('copernicaExample0002'));
		expect(first.items).toEqual([expect.objectContaining({ created: true, statusCode: 201 })]);
		const second = await n8n.execute('copernicaExample0002');
		expectExitedCleanly(second);
		expect(copernicaRun(second).items).toEqual([expect.objectContaining({ created: false, profileId: null, statusCode: 204 })]);
		const profiles = await client.profilesWhere('Customers', 'email', 'gijs@example.com');
		expect(profiles.map((profile) => [profile.fields.firstname, profile.interests])).toEqual([['Gijs', ['newsletter']]]);
	});

	it('examples/refused-unknown-field.json fails with a readable message and sends no PUT', async () => {
		const result = await n8n.execute('copernicaExample0003');
		expectNoToken(result.stdout, result.stderr);
		expect(result.exitCode).not.toBe(0);
		const { error } = copernicaRun(result);
		expect(error?.message).toBe('Condition 1: the database has no field "emial" [item 0]');
		expect(error?.description).toMatch(/would update every profile/);
		expect(await client.writes()).toEqual([]);
		expect((await client.profilesWhere('Customers', 'city', 'Nowhere'))).toEqual([]);
	});

	it('examples/shop-orders-with-field-mapping.json: the field mapper in real n8n, Create or Update, then an order subprofile per customer', async () => {
		const result = await n8n.execute('copernicaExample0005');
		expectNoToken(result.stdout, result.stderr);
		expectExitedCleanly(result);
		const bram = (await client.profilesWhere('Customers', 'email', 'bram@example.com'))[0];
		const gijs = (await client.profilesWhere('Customers', 'email', 'gijs@example.nl'))[0];
		// Auto-mapped: the order's fields are no customer fields and were left out.
		expect([bram.fields.city, bram.fields.firstname, bram.fields.customerid]).toEqual(['Breda', 'Bram', 'C-1002']);
		expect([gijs.fields.city, gijs.fields.firstname]).toEqual(['Zwolle', 'Gijs']);
		const upserts = (await client.writes()).filter((entry) => entry.method === 'PUT');
		expect(upserts.map((entry) => entry.body)).toEqual(
			expect.arrayContaining([
				{ fields: { email: 'bram@example.com', firstname: 'Bram', city: 'Breda' } },
				{ fields: { email: 'gijs@example.nl', firstname: 'Gijs', city: 'Zwolle' } },
			]),
		);
		const { items } = copernicaRun(result);
		expect(items.map((item) => [item.orderid, item.status, item.total, item.profile])).toEqual([
			['O-501', 'paid', '49.95', bram.ID],
			['O-502', 'open', '15', gijs.ID],
		]);
		const orders = [...emulator.store.subprofiles.values()].filter((order) => order.fields.orderid.startsWith('O-5'));
		expect(orders.map((order) => [String(order.profile), order.fields.orderid])).toEqual([
			[bram.ID, 'O-501'],
			[gijs.ID, 'O-502'],
		]);
	});

	it('examples/get-many-then-update.json reads the customers in Amsterdam, then updates each by ID', async () => {
		const result = await n8n.execute('copernicaExample0004');
		expectNoToken(result.stdout, result.stderr);
		expectExitedCleanly(result);
		const amsterdam = await client.profilesWhere('Customers', 'city', 'Amsterdam');
		expect(amsterdam.length).toBeGreaterThan(0);
		const { items } = copernicaRun(result);
		expect(items.map((item) => item.selection).sort()).toEqual(amsterdam.map((profile) => [`id==${profile.ID}`]).sort());
		for (const profile of amsterdam) expect(profile.interests).toContain('offers');
		const elsewhere = (await client.profiles('Customers')).filter((profile) => profile.fields.city !== 'Amsterdam');
		for (const profile of elsewhere) expect(profile.interests).not.toContain('offers');
	});

	it('REST v4: the example runs with the JWT only, the next execution reuses the JWT n8n saved, and a JWT refused with 400 is renewed once', async () => {
		await n8n.importCredentials([
			{
				...CREDENTIAL,
				data: { apiVersion: 'v4', accessToken: token, baseUrlV4: emulator.baseUrlV4, authUrl: emulator.authenticateUrl },
			},
		]);
		try {
			for (const run of [1, 2]) {
				const result = await n8n.execute('copernicaExample0001');
				expectNoToken(result.stdout, result.stderr);
				expectExitedCleanly(result, `run ${run}`);
				expect(copernicaRun(result).items.map((item) => item.statusCode)).toEqual([204, 204, run === 1 ? 201 : 204]);
			}
			const log = await client.log();
			expect(log.filter((entry) => entry.path === 'authenticate')).toHaveLength(1);
			const apiRequests = log.filter((entry) => entry.path !== 'authenticate');
			expect(apiRequests.length).toBeGreaterThanOrEqual(2 * 3);
			for (const request of apiRequests) {
				expect(request).toMatchObject({ version: 'v4', auth: 'bearer', token: 'valid' });
				expect(request.query.map(([key]) => key)).not.toContain('access_token');
			}

			// Copernica revokes the JWT n8n saved and refuses it with 400 "Invalid access token" (its
			// status for a refused JWT is undocumented): the third run renews it once, in n8n's own way.
			await client.clearLog();
			await client.setJwtRefusal(400);
			await client.expireJwts();
			const third = await n8n.execute('copernicaExample0001');
			expectNoToken(third.stdout, third.stderr);
			expectExitedCleanly(third);
			const renewal = await client.log();
			const exchanges = renewal.filter((entry) => entry.path === 'authenticate');
			expect(exchanges).toHaveLength(1);
			// Only the requests already in flight with the old JWT were refused (the look-ups go in
			// parallel); every one after the single exchange carried the new JWT.
			const refused = renewal.filter((entry) => entry.status === 400);
			expect(refused.length).toBeGreaterThanOrEqual(1);
			expect(refused.every((entry) => entry.seq < exchanges[0].seq)).toBe(true);
			expect(renewal.filter((entry) => entry.seq > exchanges[0].seq).every((entry) => entry.token === 'valid')).toBe(true);
		} finally {
			await n8n.importCredentials([{ ...CREDENTIAL, data: { accessToken: token, baseUrl: emulator.baseUrl } }]);
		}
	});

	describe('n8n start', () => {
		let rest: RestClient;

		beforeAll(async () => {
			rest = new RestClient(await n8n.start());
			await rest.setupOwner();
		}, SETUP_TIMEOUT);

		it('the credential Test button accepts a working token', async () => {
			const result = await rest.testCredential(CREDENTIAL, { accessToken: token, baseUrl: emulator.baseUrl });
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		});

		it('the credential Test button, REST v4: exchanges the token and reads the account with the JWT', async () => {
			const v4 = { apiVersion: 'v4', accessToken: token, baseUrlV4: emulator.baseUrlV4, authUrl: emulator.authenticateUrl };
			expect(await rest.testCredential(CREDENTIAL, v4)).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect((await client.log()).map(({ path, auth }) => [path, auth])).toEqual([
				['authenticate', 'query'],
				['identity', 'bearer'],
			]);
			const wrong = `e2e_${randomBytes(12).toString('hex')}`;
			const refused = await rest.testCredential(CREDENTIAL, { ...v4, accessToken: wrong });
			expect(refused.status).toBe('Error');
			expect(refused.message).toMatch(/Copernica did not exchange the access token for a JWT: HTTP 400, Invalid access token/);
			expect(refused.message).not.toContain(wrong);
		});

		it('the credential Test button reports Copernica\'s message for a wrong token', async () => {
			const wrong = `e2e_${randomBytes(12).toString('hex')}`;
			const result = await rest.testCredential(CREDENTIAL, { accessToken: wrong, baseUrl: emulator.baseUrl });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Copernica says: Invalid access token\./);
			expect(result.message).not.toContain(wrong);
		});

		it('the field mapper loads every field of the database, typed, through n8n\'s own endpoint', async () => {
			const { fields } = await rest.resourceMapperFields({
				methodName: 'getMappingFields',
				nodeType: 'n8n-nodes-copernica.copernica',
				currentNodeParameters: {
					resource: 'profile',
					operation: 'upsert',
					database: { __rl: true, mode: 'name', value: 'Customers' },
					fieldsInput: 'mapper',
				},
				credential: { id: CREDENTIAL.id, name: CREDENTIAL.name },
			});
			const customers = emulator.store.database('Customers');
			expect(fields.map((field) => field.id)).toEqual(customers.fields.map((field) => field.name));
			expect(fields.find((field) => field.id === 'age')?.type).toBe('number');
			expect(fields.find((field) => field.id === 'segment')?.options?.map((option) => option.value)).toEqual(['regular', 'gold', 'silver']);
		});

		describe('the editor in Chromium', () => {
			let editor: Editor;

			beforeAll(async () => {
				editor = await openEditor(rest.baseUrl, rest);
				await openCopernicaNode(editor.page, rest.baseUrl, 'copernicaExample0001');
			}, SETUP_TIMEOUT);

			afterAll(async () => {
				await editor?.close();
			});

			it('opens the Copernica node with the Update Profiles parameters', async () => {
				const shown = await renderedParameters(editor.page);
				expect(shown).toEqual(
					expect.arrayContaining(['resource', 'operation', 'database', 'field', 'operator', 'value', 'createIfNoMatch', 'processInBackground', 'fieldsInput', 'interestsInput']),
				);
			});

			it('lists the emulator\'s databases in the Database list', async () => {
				const entries = await databaseListEntries(editor.page, 'Customers');
				const ids = emulator.store.databases.map((database) => `${database.name} (${database.ID})`);
				expect(entries).toEqual(ids);
			});

			it('lists the database\'s fields, plus ID, Secret Code and Modified, in the Field list', async () => {
				const names = await selectionFieldOptions(editor.page, 'customerid');
				const customers = emulator.store.database('Customers');
				expect(names).toEqual([...customers.fields.map((field) => field.name), 'ID', 'Secret Code', 'Modified']);
			});

			it('shows no browser console error caused by the node', async () => {
				const unrelated = editor.consoleErrors.filter((error) => !errorsCausedByNode([error]).length);
				if (unrelated.length > 0) process.stdout.write(`[e2e] n8n ${target.version} console errors not caused by the node: ${JSON.stringify(unrelated)}\n`);
				expect(errorsCausedByNode(editor.consoleErrors)).toEqual([]);
			});

			if (target === NEWEST) {
				it('saves a screenshot of the parameter panel to docs/', async () => {
					const file = await screenshotPanel(editor.page, path.join(PROJECT_ROOT, 'docs', 'copernica-update-profiles.png'));
					expect(file).toMatch(/docs\/copernica-update-profiles\.png$/);
				});
			}

			it('shows the field mapper of Subprofile → Create with the collection\'s fields', async () => {
				await openCopernicaNode(editor.page, rest.baseUrl, 'copernicaExample0005');
				const { mode, fields } = await fieldMapperShown(editor.page);
				expect(mode).toBe('Map Each Column Manually');
				for (const field of ['orderid', 'status', 'total']) expect(fields).toContain(field);
				expect(errorsCausedByNode(editor.consoleErrors)).toEqual([]);
				if (target === NEWEST) await screenshotPanel(editor.page, path.join(PROJECT_ROOT, 'docs', 'copernica-field-mapping.png'));
			});
		});
	});
});
