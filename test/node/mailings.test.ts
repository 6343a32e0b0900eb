import type { INodeParameters } from 'n8n-workflow';

import type { CopernicaCredentials } from '../harness/engine';
import { runCopernicaNode } from '../harness/engine';
import { restApi, useEmulator } from '../harness/fixture';
import { schemaViolations, shippedSchema } from '../harness/outputSchema';
import { sampleIds } from '../harness/sampleIds';

/**
 * Mailing → Get, Get Many, Get Statistics and Get Events through n8n's engine against the
 * emulator: the exact requests (REST v3 `ms/` and `publisher/`, v4 `draganddrop/` and `html/`),
 * paging past 1,000 events, the shipped output schemas, Copernica's errors in its words and
 * Continue On Fail.
 */
const copernica = useEmulator();

/** Seeded: template Welcome, Publisher document Newsletter January (their IDs from the emulator's seed). */
const WELCOME = Number(sampleIds.template('Welcome'));
const NEWSLETTER_JANUARY = Number(sampleIds.document('Newsletter January'));

function customersId(): number {
	return copernica.emulator.store.databases[0].ID;
}

/** A mailing sent straight through the REST API (not the node), its ID (a Marketing Suite send answers with its request's). */
async function sendThroughApi(path: 'ms/emailing' | 'publisher/emailing', body: Record<string, unknown>): Promise<string> {
	const response = await restApi(copernica).post(path, body);
	expect(response.status).toBe(201);
	const created = String(response.headers['x-created']);
	return path === 'ms/emailing' ? await copernica.client.mailingOfRequest(created) : created;
}

async function sendToDatabase(): Promise<string> {
	return await sendThroughApi('ms/emailing', { template: WELCOME, target: customersId(), targettype: 'database' });
}

async function run(parameters: INodeParameters, credentials: CopernicaCredentials = copernica.credentials, extra: Partial<Parameters<typeof runCopernicaNode>[0]> = {}) {
	await copernica.client.clearLog();
	const result = await runCopernicaNode({ parameters: { resource: 'mailing', ...parameters }, credentials, ...extra });
	// The v3 token rides in the query: the node's own query pairs are what is compared.
	const log = (await copernica.client.log())
		.filter((entry) => entry.path !== 'authenticate')
		.map((entry) => ({ ...entry, query: entry.query.filter(([name]) => name !== 'access_token') }));
	return { ...result, log };
}

function fitsSchema(operation: string, items: Array<{ json: unknown }>) {
	const schema = shippedSchema('mailing', operation);
	expect(schema).toBeDefined();
	expect(items.flatMap((item) => schemaViolations(item.json, schema!))).toEqual([]);
}

describe('Mailing → Get Many', () => {
	it.each([
		['v3', 'ms', 'publisher'],
		['v4', 'draganddrop', 'html'],
	])('REST %s: GET %s/emailings with the filters, and Publisher from %s/emailings', async (version, ms, publisher) => {
		const mass = await sendToDatabase();
		const single = await sendThroughApi('publisher/emailing', { document: NEWSLETTER_JANUARY, target: customersId(), targettype: 'database' });
		const credentials = version === 'v4' ? copernica.v4Credentials : copernica.credentials;
		const { output, error, log } = await run(
			{
				operation: 'getMany',
				returnAll: true,
				filters: { type: 'mass', status: 'sent', fromDate: '2025-12-31T00:00:00', toDate: '2026-12-31 23:59:59', test: 'yes' },
			},
			credentials,
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.id)).toEqual([mass]);
		// Test Mailings is Publisher's: not sent for the Marketing Suite.
		expect(log.map((entry) => [entry.method, entry.path, entry.query])).toEqual([
			[
				'GET',
				`${ms}/emailings`,
				[
					['type', 'mass'],
					['status', 'sent'],
					['fromdate', '2025-12-31 00:00:00'],
					['todate', '2026-12-31 23:59:59'],
					['start', '0'],
					['limit', '1000'],
					['total', '1'],
				],
			],
		]);
		fitsSchema('getMany', output);

		const html = await run({ operation: 'getMany', mailingType: 'publisher', limit: 5, filters: { test: 'both' } }, credentials);
		expect(html.output.map((item) => item.json.id)).toEqual([single]);
		expect(html.log.map((entry) => [entry.path, entry.query])).toEqual([
			[`${publisher}/emailings`, [['status', 'all'], ['test', 'both'], ['start', '0'], ['limit', '5'], ['total', '1']]],
		]);
		fitsSchema('getMany', html.output);
	});

	it('Return All pages past 1,000 mailings; Limit reads no more than asked', async () => {
		const { mailings, store } = copernica.emulator;
		const anna = [...store.profiles.values()][0].ID;
		for (let n = 0; n < 1003; n++) mailings.sendTemplate(mailings.template(WELCOME), { targetType: 'profile', target: anna });
		const all = await run({ operation: 'getMany', returnAll: true });
		expect(all.output).toHaveLength(1003);
		expect(all.log.map((entry) => Object.fromEntries(entry.query).start)).toEqual(['0', '1000']);
		const some = await run({ operation: 'getMany', limit: 2, filters: { type: 'individual' } });
		expect(some.output).toHaveLength(2);
		expect(some.log.map((entry) => entry.query)).toEqual([[['type', 'individual'], ['status', 'all'], ['start', '0'], ['limit', '2'], ['total', '1']]]);
	});

	it('lists a failed mailing by default (status=all): a send from a sender domain not configured is taken, and fails', async () => {
		const sent = await sendToDatabase();
		// The docs give no call to read the configured sender domains: the node cannot see this coming.
		await copernica.client.setSenderDomains(['elsewhere.example']);
		const send = await run({
			operation: 'send',
			template: sampleIds.template('Welcome'),
			targetType: 'database',
			database: { __rl: true, mode: 'name', value: 'Customers' },
			maxRecipients: 10,
		});
		// Copernica takes the request (its docs do not say it refuses one); the mailing it records has failed.
		expect(send.error).toBeUndefined();
		expect(send.output[0].json).toMatchObject({ sent: true, statusCode: 201 });
		const failed = await copernica.client.mailingOfRequest(String(send.output[0].json.requestId));
		expect((await copernica.client.mailings()).find((mailing) => String(mailing.ID) === failed)).toMatchObject({ status: 'failed', destinations: 0 });

		const byDefault = await run({ operation: 'getMany', returnAll: true });
		expect(byDefault.log.map((entry) => Object.fromEntries(entry.query).status)).toEqual(['all']);
		expect(byDefault.output.map((item) => item.json.id)).toEqual([sent, failed]);
		// Copernica's answer has no status: the failed one shows as a mailing to nobody.
		expect(byDefault.output[1].json).toMatchObject({ destinations: '0', template: sampleIds.template('Welcome') });
		const onlyFailed = await run({ operation: 'getMany', returnAll: true, filters: { status: 'failed' } });
		expect(onlyFailed.output.map((item) => item.json.id)).toEqual([failed]);
		const onlySent = await run({ operation: 'getMany', returnAll: true, filters: { status: 'sent' } });
		expect(onlySent.output.map((item) => item.json.id)).toEqual([sent]);
	});

	it('refuses a date it cannot read before any request', async () => {
		const { error, log } = await run({ operation: 'getMany', filters: { fromDate: 'yesterday' } });
		expect(error?.message).toBe('From Date must be a date and time such as 2026-03-31 14:00:00, not "yesterday" [item 0]');
		expect(log).toEqual([]);
	});
});

describe('Mailing → Get', () => {
	it.each([
		['v3', 'ms'],
		['v4', 'draganddrop'],
	])('REST %s: GET %s/emailing/{id}', async (version, ms) => {
		const id = await sendToDatabase();
		const { output, log } = await run(
			{ operation: 'get', mailingId: id },
			version === 'v4' ? copernica.v4Credentials : copernica.credentials,
		);
		expect(log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([`GET ${ms}/emailing/${id}`]);
		expect(output[0].json).toMatchObject({ id, template: String(WELCOME), subject: 'Welcome to the shop', type: 'mass' });
		fitsSchema('get', output);
	});

	it("Copernica's error in its words; with Continue On Fail one error item per input item, paired", async () => {
		const id = await sendToDatabase();
		const { output, error } = await run(
			{ operation: 'get', mailingId: '={{ $json.id }}' },
			copernica.credentials,
			{ input: [{ id: '999999' }, { id }], onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.error ?? item.json.id, item.pairedItem])).toEqual([
			['Copernica: No emailing with supplied ID [item 0]', { item: 0 }],
			[id, { item: 1 }],
		]);
	});

	it('refuses an ID that is not a number before any request', async () => {
		const { error, log } = await run({ operation: 'get', mailingId: '12; DROP' });
		expect(error?.message).toMatch(/^Mailing ID must be a Copernica ID/);
		expect(log).toEqual([]);
	});
});

describe('Mailing → Get Statistics', () => {
	it.each([
		['v3', 'ms'],
		['v4', 'draganddrop'],
	])('REST %s: GET %s/emailing/{id}/statistics with begintime and endtime', async (version, ms) => {
		const id = await sendToDatabase();
		const events = await copernica.client.mailingEvents(id);
		const { output, log } = await run(
			{ operation: 'getStatistics', mailingId: id, options: { beginTime: '2026-01-01T00:00:00', endTime: '2026-01-02 00:00:00' } },
			version === 'v4' ? copernica.v4Credentials : copernica.credentials,
		);
		expect(log.map((entry) => [entry.path, entry.query])).toEqual([
			[`${ms}/emailing/${id}/statistics`, [['begintime', '2026-01-01 00:00:00'], ['endtime', '2026-01-02 00:00:00']]],
		]);
		expect(output[0].json).toMatchObject({
			mailing: id,
			destinations: (await copernica.client.mailingDestinations(id)).length,
			deliveries: { total: events.filter((event) => event.kind === 'deliveries').length },
		});
		fitsSchema('getStatistics', output);
	});
});

describe('Mailing → Get Events', () => {
	const many = useEmulator();

	it('pages past 1,000 deliveries of one mailing, and lists the account-wide clicks (v3 and v4 paths)', async () => {
		await many.client.addProfiles(many.emulator.store.databases[0].ID, 1200, { email: 'p{n}@example.com' });
		const sent = await restApi(many).post('ms/emailing', { template: WELCOME, target: many.emulator.store.databases[0].ID, targettype: 'database' });
		const id = await many.client.mailingOfRequest(sent.headers['x-created']);
		const events = await many.client.mailingEvents(id);
		const deliveries = events.filter((event) => event.kind === 'deliveries');
		expect(deliveries.length).toBeGreaterThan(1000);

		await many.client.clearLog();
		const { output, error } = await runCopernicaNode({
			parameters: { resource: 'mailing', operation: 'getEvents', event: 'deliveries', mailingId: id, returnAll: true },
			credentials: many.credentials,
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.ID)).toEqual(deliveries.map((event) => String(event.ID)));
		const pages = (await many.client.log()).map((entry) => [entry.path, Object.fromEntries(entry.query).start]);
		expect(pages).toEqual([
			[`ms/emailing/${id}/deliveries`, '0'],
			[`ms/emailing/${id}/deliveries`, '1000'],
		]);
		const schema = shippedSchema('mailing', 'getEvents');
		expect(output.flatMap((item) => schemaViolations(item.json, schema!))).toEqual([]);

		await many.client.clearLog();
		const clicks = await runCopernicaNode({
			parameters: { resource: 'mailing', operation: 'getEvents', event: 'clicks', scope: 'account', limit: 3, options: { unique: true, beginTime: '2026-01-01' } },
			credentials: many.v4Credentials,
		});
		expect(clicks.output).toHaveLength(3);
		// Account-wide lists carry only what the docs list for them (copernica-mailings.md §4.2): no link, no profile.
		expect(clicks.output[0].json).toMatchObject({ mailing: id });
		const [request] = (await many.client.log()).filter((entry) => entry.path !== 'authenticate');
		expect([request.path, request.query]).toEqual([
			'draganddrop/clicks',
			[['begintime', '2026-01-01 00:00:00'], ['unique', 'true'], ['start', '0'], ['limit', '3'], ['total', '1']],
		]);
	});
});
