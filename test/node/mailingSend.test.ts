import type { INodeParameters } from 'n8n-workflow';

import type { CopernicaCredentials, NodeRunOptions } from '../harness/engine';
import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { schemaViolations, shippedSchema } from '../harness/outputSchema';
import { databaseByName } from '../harness/parameters';
import { sampleIds } from '../harness/sampleIds';

/**
 * Mailing → Send and Schedule through n8n's engine against the emulator. Sending is not
 * undoable: every refusal (Max Recipients exceeded, missing or unreadable, a count Copernica
 * does not give, Preview Only, a repeat within the run) must leave the emulator's mailing list
 * empty, and the send POST is never sent twice.
 */
const copernica = useEmulator();

const WELCOME = sampleIds.template('Welcome');
const NEWSLETTER_JANUARY = sampleIds.document('Newsletter January');
const AMSTERDAM_VIEW = sampleIds.view('Amsterdam');
const OPEN_ORDERS_MINIVIEW = sampleIds.miniview('Open orders');

const store = () => copernica.emulator.store;
const customersId = () => String(store().databases[0].ID);
const profileId = (customerid: string) => String([...store().profiles.values()].find((profile) => profile.fields.customerid === customerid)!.ID);
const liveProfiles = () => [...store().profiles.values()].filter((profile) => profile.database === store().databases[0].ID && profile.removed === null).length;

async function run(parameters: INodeParameters, extra: Partial<NodeRunOptions> = {}, credentials: CopernicaCredentials = copernica.credentials) {
	await copernica.client.clearLog();
	const result = await runCopernicaNode({ parameters: { resource: 'mailing', operation: 'send', ...parameters }, credentials, ...extra });
	const log = (await copernica.client.log())
		.filter((entry) => entry.path !== 'authenticate')
		.map((entry) => ({ ...entry, query: entry.query.filter(([name]) => name !== 'access_token') }));
	return { ...result, log, mailings: await copernica.client.mailings() };
}

function fitsSchema(operation: 'send' | 'schedule', items: Array<{ json: unknown }>) {
	const schema = shippedSchema('mailing', operation);
	expect(schema).toBeDefined();
	expect(items.flatMap((item) => schemaViolations(item.json, schema!))).toEqual([]);
}

const toDatabase = (maxRecipients: unknown, more: INodeParameters = {}): INodeParameters => ({
	template: WELCOME,
	targetType: 'database',
	database: databaseByName('Customers'),
	maxRecipients: maxRecipients as number,
	...more,
});

/** The miniview Open orders of the collection Orders (by name) of Customers (by name). */
const toOpenOrders = (maxRecipients: number): INodeParameters => ({
	targetType: 'miniview',
	database: databaseByName('Customers'),
	collection: { __rl: true, mode: 'name', value: 'Orders' },
	targetMiniview: { __rl: true, mode: 'id', value: OPEN_ORDERS_MINIVIEW },
	maxRecipients,
});

describe('Mailing → Send to one profile', () => {
	it.each([
		['v3', 'ms'],
		['v4', 'draganddrop'],
	])('REST %s: one POST %s/emailing {template, target, targettype}; the created ID from Copernica\'s answer', async (version, ms) => {
		const anna = profileId('C-1001');
		const { output, error, log, mailings } = await run(
			{ template: WELCOME, targetType: 'profile', profileId: anna },
			{},
			version === 'v4' ? copernica.v4Credentials : copernica.credentials,
		);
		expect(error).toBeUndefined();
		// The template is read first: one without a subject or from address is not sent.
		expect(log.map((entry) => [entry.method, entry.path, entry.body])).toEqual([
			['GET', `${ms}/template/${WELCOME}`, undefined],
			['POST', `${ms}/emailing`, { template: Number(WELCOME), target: Number(anna), targettype: 'profile' }],
		]);
		expect(mailings).toHaveLength(1);
		expect(output[0].json).toEqual({
			sent: true,
			// "the id of created request" (copernica-mailings.md §4.2): the request's, not the mailing's.
			requestId: String(mailings[0].request),
			mailingType: 'marketingSuite',
			template: WELCOME,
			targetType: 'profile',
			target: anna,
			recipients: 1,
			statusCode: 201,
		});
		expect(await copernica.client.mailingDestinations(mailings[0].ID)).toEqual([expect.objectContaining({ profile: Number(anna) })]);
		fitsSchema('send', output);
	});

	it('a Marketing Suite send outputs the request\'s ID, never as a mailing ID: the request ID of a send is no mailing of it', async () => {
		const people = ['C-1001', 'C-1002'].map(profileId);
		const { output, error, mailings } = await run({ template: WELCOME, targetType: 'profile', profileId: '={{ $json.profile }}' }, { input: people.map((profile) => ({ profile })) });
		expect(error).toBeUndefined();
		expect(mailings).toHaveLength(2);
		expect(output.map((item) => item.json.requestId)).toEqual(mailings.map((mailing) => String(mailing.request)));
		expect(output.map((item) => 'mailingId' in item.json)).toEqual([false, false]);
		mailings.forEach((mailing, index) => expect(output[index].json.requestId).not.toBe(String(mailing.ID)));
		fitsSchema('send', output);
	});

	it("Copernica's refusal in its words; Continue On Fail gives an error item, paired, and nothing is sent", async () => {
		const { output, error, mailings } = await run(
			{ template: '={{ $json.template }}', targetType: 'profile', profileId: profileId('C-1001'), options: { allowRepeats: true } },
			// A template that does not exist (one without a subject is taken, and fails: mailings.test.ts).
			{ input: [{ template: '999' }, { template: WELCOME }], onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.error ?? item.json.sent, item.pairedItem])).toEqual([
			['Copernica: No template with supplied ID [item 0]', { item: 0 }],
			[true, { item: 1 }],
		]);
		expect(mailings.map((mailing) => mailing.source)).toEqual([Number(WELCOME)]);
	});

	it.each([
		['an id in the body', '{"id": 42}', '42'],
		['a bare number', '43', '43'],
		['nothing', '', null],
	])('the created ID without X-Created or Location: %s', async (_, body, expected) => {
		await copernica.client.setFaults([{ method: 'POST', path: 'emailing', status: 201, body, contentType: 'application/json' }]);
		const { output, error } = await run({ template: WELCOME, targetType: 'profile', profileId: profileId('C-1001') });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ sent: true, requestId: expected });
	});

	it('never sends the POST twice: a 503 after it may have reached Copernica is reported, not retried', async () => {
		await copernica.client.setFaults([{ method: 'POST', path: 'emailing', status: 503, times: 1 }]);
		const { error, log } = await run({ template: WELCOME, targetType: 'profile', profileId: profileId('C-1001'), options: { retries: 5 } });
		expect(error?.message).toMatch(/^Copernica answered HTTP 503/);
		// The advice is about a mailing that may have gone out, not a profile that may have been created.
		expect(error?.description).toMatch(/^The mailing may have been sent: Copernica answered HTTP 503 after the request was sent/);
		expect(error?.description).toContain('could send the mailing twice');
		expect(log.filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});
});

describe('Mailing → Send to more than one: counted first, bounded by Max Recipients', () => {
	it('counts the database, then sends: GET database/Customers (its ID), the count, one POST', async () => {
		const { output, error, log, mailings } = await run(toDatabase(10));
		expect(error).toBeUndefined();
		const id = customersId();
		expect(log.map((entry) => [entry.method, entry.path, entry.query])).toEqual([
			['GET', 'database/Customers', []],
			['GET', `database/${id}/profiles`, [['limit', '1'], ['total', '1']]],
			['GET', `ms/template/${WELCOME}`, []],
			['POST', 'ms/emailing', []],
		]);
		expect(log[3].body).toEqual({ template: Number(WELCOME), target: Number(id), targettype: 'database' });
		expect(output[0].json).toMatchObject({ sent: true, targetType: 'database', target: id, recipients: liveProfiles() });
		expect(mailings).toEqual([expect.objectContaining({ targetType: 'database', destinations: liveProfiles() })]);
	});

	it('refuses a target larger than Max Recipients, and sends nothing', async () => {
		const { error, log, mailings } = await run(toDatabase(2));
		expect(error?.message).toBe(`The database ${customersId()} holds ${liveProfiles()} recipients, more than Max Recipients (2); nothing was sent [item 0]`);
		expect(log.filter((entry) => entry.method !== 'GET')).toEqual([]);
		expect(mailings).toEqual([]);
	});

	it.each([
		['0 (the default)', 0],
		['empty', ''],
		['not a number', 'all'],
		['a fraction', 2.5],
	])('refuses Max Recipients %s before any request', async (_, maxRecipients) => {
		const { error, log, mailings } = await run({ template: WELCOME, targetType: 'view', database: databaseByName('Customers'), targetSelection: { __rl: true, mode: 'id', value: AMSTERDAM_VIEW }, maxRecipients: maxRecipients as number });
		expect(error?.message).toMatch(/^Max Recipients must be a whole number of 1 or more for a mailing to a view, not .*; nothing was sent \[item 0\]$/);
		expect(log).toEqual([]);
		expect(mailings).toEqual([]);
	});

	it('fails closed when the count cannot be read (an answer without a total)', async () => {
		await copernica.client.setFaults([{ method: 'GET', path: `miniview/${OPEN_ORDERS_MINIVIEW}/subprofiles`, status: 200, body: '{"data": []}', contentType: 'application/json' }]);
		const { error, log, mailings } = await run({ template: WELCOME, ...toOpenOrders(100) });
		expect(error?.message).toBe('Copernica did not say how many entries the list holds [item 0]');
		expect(log.map((entry) => entry.path).slice(-1)).toEqual([`miniview/${OPEN_ORDERS_MINIVIEW}/subprofiles`]);
		expect(mailings).toEqual([]);
	});

	it('a selection by name: its ID from the database\'s views, its profiles counted, then sent', async () => {
		const { output, error, log, mailings } = await run({ template: WELCOME, targetType: 'view', database: databaseByName('Customers'), targetSelection: { __rl: true, mode: 'name', value: 'Amsterdam' }, maxRecipients: 5 });
		expect(error).toBeUndefined();
		expect(log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET database/Customers/views',
			expect.stringMatching(/^GET view\/\d+\/views$/),
			// The selection must be in the chosen database: the database's ID, then the selection's own.
			'GET database/Customers',
			`GET view/${AMSTERDAM_VIEW}`,
			`GET view/${AMSTERDAM_VIEW}/profiles`,
			`GET ms/template/${WELCOME}`,
			'POST ms/emailing',
		]);
		expect(output[0].json).toMatchObject({ sent: true, targetType: 'view', target: AMSTERDAM_VIEW, recipients: mailings[0].destinations });
		expect(mailings).toEqual([expect.objectContaining({ targetType: 'view', target: Number(AMSTERDAM_VIEW) })]);
	});

	it('a collection (by name) and a miniview: their subprofiles counted, then sent; a subprofile needs no count', async () => {
		const orders = store().databases[0].collections[0];
		const collection = await run({ template: WELCOME, targetType: 'collection', database: databaseByName('Customers'), collection: { __rl: true, mode: 'name', value: 'Orders' }, maxRecipients: 10 });
		expect(collection.error).toBeUndefined();
		expect(collection.log.map((entry) => `${entry.method} ${entry.path}`).slice(-3)).toEqual([`GET collection/${orders.ID}/subprofiles`, `GET ms/template/${WELCOME}`, 'POST ms/emailing']);
		const miniview = await run({ template: WELCOME, ...toOpenOrders(10) });
		// The miniview must be in the chosen collection, and the collection in the chosen database:
		// each checked against Copernica's documented lists (the database's collections, the collection's miniviews).
		expect(miniview.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET database/Customers',
			'GET database/Customers/collections',
			`GET collection/${orders.ID}/miniviews`,
			`GET miniview/${OPEN_ORDERS_MINIVIEW}/subprofiles`,
			`GET ms/template/${WELCOME}`,
			'POST ms/emailing',
		]);
		const subprofileId = String([...store().subprofiles.values()][0].ID);
		const single = await run({ template: WELCOME, targetType: 'subprofile', subprofileId });
		expect(single.log.map((entry) => [entry.method, entry.body])).toEqual([
			['GET', undefined],
			['POST', { template: Number(WELCOME), target: Number(subprofileId), targettype: 'subprofile' }],
		]);
		expect(single.mailings.map((mailing) => [mailing.targetType, mailing.destinations])).toEqual([
			['collection', collection.output[0].json.recipients],
			['miniview', miniview.output[0].json.recipients],
			['subprofile', 1],
		]);
	});

	it('Preview Only returns the target, its count and the template, and sends nothing', async () => {
		const { output, error, log, mailings } = await run(toDatabase(10, { options: { previewOnly: true } }));
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({
			preview: true,
			sent: false,
			mailingType: 'marketingSuite',
			template: WELCOME,
			targetType: 'database',
			target: customersId(),
			recipients: liveProfiles(),
			templateDetails: expect.objectContaining({ id: WELCOME, name: 'Welcome', subject: 'Welcome to the shop' }),
			wouldSend: { template: Number(WELCOME), target: Number(customersId()), targettype: 'database' },
		});
		expect(log.filter((entry) => entry.method !== 'GET')).toEqual([]);
		expect(log.at(-1)?.path).toBe(`ms/template/${WELCOME}`);
		expect(mailings).toEqual([]);
		fitsSchema('send', output);
	});
});

describe('Mailing → Send to a selection whose ID is also a database\'s', () => {
	// Each kind has its own ID sequence in Copernica (emulator/mailingStore.ts newId): the seed's view Amsterdam has the ID of its database, Customers.
	const toAmsterdam = (more: INodeParameters = {}): INodeParameters => ({
		template: WELCOME,
		targetType: 'view',
		database: databaseByName('Customers'),
		targetSelection: { __rl: true, mode: 'id', value: AMSTERDAM_VIEW },
		// Amsterdam holds 2, Customers 4: a count of the database would be refused.
		maxRecipients: 3,
		...more,
	});
	const amsterdamMembers = () => copernica.emulator.mailings.selection('view', AMSTERDAM_VIEW).members.length;

	it('the seed gives the view the database\'s ID, and fewer members than the database', () => {
		expect(AMSTERDAM_VIEW).toBe(sampleIds.database('Customers'));
		expect(amsterdamMembers()).toBeLessThan(liveProfiles());
	});

	it('Preview Only counts the view (targettype view), not the database', async () => {
		const { output, error, log, mailings } = await run(toAmsterdam({ options: { previewOnly: true } }));
		expect(error).toBeUndefined();
		expect(log.map((entry) => entry.path)).toContain(`view/${AMSTERDAM_VIEW}/profiles`);
		expect(log.map((entry) => entry.path)).not.toContain(`database/${AMSTERDAM_VIEW}/profiles`);
		expect(output[0].json).toMatchObject({
			preview: true,
			targetType: 'view',
			target: AMSTERDAM_VIEW,
			recipients: amsterdamMembers(),
			wouldSend: { template: Number(WELCOME), target: Number(AMSTERDAM_VIEW), targettype: 'view' },
		});
		expect(mailings).toEqual([]);
	});

	it('Send posts the view and reaches its members only', async () => {
		const { output, error, log, mailings } = await run(toAmsterdam());
		expect(error).toBeUndefined();
		expect(log.find((entry) => entry.method === 'POST')?.body).toEqual({ template: Number(WELCOME), target: Number(AMSTERDAM_VIEW), targettype: 'view' });
		expect(output[0].json).toMatchObject({ sent: true, targetType: 'view', target: AMSTERDAM_VIEW, recipients: amsterdamMembers() });
		expect(mailings).toEqual([expect.objectContaining({ targetType: 'view', target: Number(AMSTERDAM_VIEW), destinations: amsterdamMembers() })]);
	});
});

describe('Mailing → Send: repeats within a run', () => {
	it('two items with the same target and template send once; the second says which item sent it', async () => {
		const { output, error, mailings } = await run(toDatabase(10), { input: [{ n: 1 }, { n: 2 }] });
		expect(error).toBeUndefined();
		expect(mailings).toHaveLength(1);
		expect(output.map((item) => [item.json.sent, item.json.repeatOf, item.pairedItem])).toEqual([
			[true, undefined, { item: 0 }],
			[false, 0, { item: 1 }],
		]);
		expect(output[1].json.requestId).toBe(String(mailings[0].request));
		fitsSchema('send', output);
	});

	it('Allow Repeats sends each item', async () => {
		const { mailings } = await run(toDatabase(10, { options: { allowRepeats: true } }), { input: [{ n: 1 }, { n: 2 }] });
		expect(mailings).toHaveLength(2);
	});
});

describe('Mailing → Send a Publisher document', () => {
	it.each([
		['v3', 'publisher'],
		['v4', 'html'],
	])('REST %s: POST %s/emailing with the document and the settings, Test included', async (version, publisher) => {
		const { output, error, log, mailings } = await run(
			{
				mailingType: 'publisher',
				document: NEWSLETTER_JANUARY,
				targetType: 'view',
				database: databaseByName('Customers'),
				targetSelection: { __rl: true, mode: 'id', value: AMSTERDAM_VIEW },
				maxRecipients: 5,
				publisherSettings: { test: true, description: 'January test', nodoubles: true, contenttype: 'html', intervalCount: 2, intervalUnit: 'week', iterations: 3 },
			},
			{},
			version === 'v4' ? copernica.v4Credentials : copernica.credentials,
		);
		expect(error).toBeUndefined();
		const post = log.find((entry) => entry.method === 'POST')!;
		expect([post.path, post.body]).toEqual([
			`${publisher}/emailing`,
			{
				document: Number(NEWSLETTER_JANUARY),
				target: Number(AMSTERDAM_VIEW),
				targettype: 'view',
				settings: { test: true, description: 'January test', nodoubles: true, contenttype: 'html', iterations: 3, start: false, interval: { count: 2, unit: 'week' } },
			},
		]);
		expect(mailings).toEqual([expect.objectContaining({ suite: 'publisher', source: Number(NEWSLETTER_JANUARY), test: true })]);
		expect(output[0].json).toMatchObject({ sent: true, mailingType: 'publisher', document: NEWSLETTER_JANUARY, mailingId: String(mailings[0].ID) });
		fitsSchema('send', output);
	});
});

describe('Mailing → Schedule', () => {
	it.each([
		['v3', 'ms'],
		['v4', 'draganddrop'],
	])('REST %s: POST %s/scheduledemailing with start as YYYY-MM-DD HH:MM:SS and the repeat rule', async (version, ms) => {
		const { output, error, log } = await run(
			{ operation: 'schedule', ...toDatabase(10), start: '2026-06-01T09:30:00', rrule: 'FREQ=WEEKLY;COUNT=4' },
			{},
			version === 'v4' ? copernica.v4Credentials : copernica.credentials,
		);
		expect(error).toBeUndefined();
		const post = log.find((entry) => entry.method === 'POST')!;
		expect([post.path, post.body]).toEqual([
			`${ms}/scheduledemailing`,
			{ template: Number(WELCOME), target: Number(customersId()), targettype: 'database', start: '2026-06-01 09:30:00', rrule: 'FREQ=WEEKLY;COUNT=4' },
		]);
		const scheduled = await copernica.client.scheduledMailings();
		expect(scheduled).toEqual([expect.objectContaining({ start: '2026-06-01 09:30:00', rrule: 'FREQ=WEEKLY;COUNT=4' })]);
		expect(output[0].json).toMatchObject({ sent: true, scheduledMailingId: String(scheduled[0].ID), start: '2026-06-01 09:30:00', recipients: liveProfiles() });
		fitsSchema('schedule', output);
	});

	it('Max Recipients and Preview Only bound a schedule as a send; nothing is scheduled', async () => {
		const over = await run({ operation: 'schedule', ...toDatabase(1), start: '2026-06-01 09:30:00' });
		expect(over.error?.message).toMatch(/more than Max Recipients \(1\); nothing was sent/);
		const preview = await run({ operation: 'schedule', ...toDatabase(10), start: '2026-06-01 09:30:00', options: { previewOnly: true } });
		expect(preview.output[0].json).toMatchObject({ preview: true, sent: false, recipients: liveProfiles() });
		const unreadable = await run({ operation: 'schedule', ...toDatabase(10), start: 'next monday' });
		expect(unreadable.error?.message).toBe('Start must be a date and time such as 2026-03-31 14:00:00, not "next monday" [item 0]');
		expect(unreadable.log).toEqual([]);
		expect(await copernica.client.scheduledMailings()).toEqual([]);
		expect(preview.mailings).toEqual([]);
	});
});

describe('Mailing → Send refuses what it cannot show it means, before anything is sent (hostile review)', () => {
	it.each([
		['Preview Only as the string "true"', { options: { previewOnly: 'true' } }, 'Preview Only must be true or false, not "true"; nothing was sent [item 0]'],
		['Allow Repeats as the string "yes"', { options: { allowRepeats: 'yes' } }, 'Allow Repeats must be true or false, not "yes"; nothing was sent [item 0]'],
		['an unknown Mailing Type', { mailingType: 'Publisher' }, 'Mailing Type: unknown choice "Publisher" [item 0]'],
	])('%s', async (_case, more, message) => {
		const { error, log, mailings } = await run(toDatabase(100, more as INodeParameters));
		expect(error?.message).toBe(message);
		expect(log).toEqual([]);
		expect(mailings).toEqual([]);
	});

	it('Retry On Fail: refused, since n8n would run the node again from the first item and send every mailing twice', async () => {
		const { error, log, mailings } = await run({ template: WELCOME, targetType: 'profile', profileId: profileId('C-1001') }, { retryOnFail: true });
		expect(error?.message).toBe('Retry On Fail would send the mailings again; nothing was sent');
		expect(log).toEqual([]);
		expect(mailings).toEqual([]);
	});

	it('a database By Name that Copernica reads as another (12abc is database 12 to PHP): refused after the look-up', async () => {
		const id = customersId();
		// Copernica, casting the path as PHP does, answers with database 1000 (Customers).
		await copernica.client.setFaults([
			{ method: 'GET', path: `database/${id}abc`, status: 200, body: JSON.stringify({ ID: id, name: 'Customers' }), contentType: 'application/json' },
		]);
		const { error, log, mailings } = await run(toDatabase(100, { database: { __rl: true, mode: 'name', value: `${id}abc` } }));
		await copernica.client.setFaults([]);
		expect(error?.message).toMatch(new RegExp(`^No database is named "${id}abc"`));
		expect(log.every((entry) => entry.method === 'GET')).toBe(true);
		expect(mailings).toEqual([]);
	});

	it('a selection By ID from another database: refused, nothing counted or sent', async () => {
		const { error, log, mailings } = await run({
			template: WELCOME,
			targetType: 'view',
			database: databaseByName('Newsletter'),
			targetSelection: { __rl: true, mode: 'id', value: AMSTERDAM_VIEW },
			maxRecipients: 100,
		});
		expect(error?.message).toMatch(new RegExp(`^The selection ${AMSTERDAM_VIEW} is in database ${customersId()}, not in the chosen database \\d+; nothing was sent`));
		expect(log.map((entry) => entry.path)).not.toContain(`view/${AMSTERDAM_VIEW}/profiles`);
		expect(mailings).toEqual([]);
	});

	it('the same template to the same target twice in a run sends once, even when the start differs', async () => {
		const { output, mailings } = await runCopernicaNode({
			parameters: { resource: 'mailing', operation: 'schedule', ...toDatabase(100), start: '={{ $json.start }}' },
			credentials: copernica.credentials,
			input: [{ start: '2026-06-01 09:00:00' }, { start: '2026-06-01 09:00:01' }],
		}).then(async (result) => ({ ...result, mailings: await copernica.client.scheduledMailings() }));
		expect(output.map((item) => [item.json.sent, item.json.repeatOf])).toEqual([
			[true, undefined],
			[false, 0],
		]);
		expect(mailings).toHaveLength(1);
	});

	it.each(['2026-13-01 09:00:00', '2026-00-15'])('a Start in month 00 or 13 (%s) is refused', async (start) => {
		await copernica.client.clearLog();
		const { error } = await runCopernicaNode({ parameters: { resource: 'mailing', operation: 'schedule', ...toDatabase(100), start }, credentials: copernica.credentials });
		expect(error?.message).toMatch(/^Start must be a date and time/);
		expect((await copernica.client.log()).filter((entry) => entry.method === 'POST')).toEqual([]);
	});

	it('a Publisher Start that is present but empty is refused, not read as now', async () => {
		const { error, mailings } = await run({
			mailingType: 'publisher',
			document: NEWSLETTER_JANUARY,
			targetType: 'profile',
			profileId: profileId('C-1001'),
			publisherSettings: { start: '' },
		});
		expect(error?.message).toBe('Start is empty; nothing was sent [item 0]');
		expect(mailings).toEqual([]);
	});
});
