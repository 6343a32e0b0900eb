import type { INodeParameters } from 'n8n-workflow';

import type { CopernicaCredentials } from '../harness/engine';
import { runCopernicaNode } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { schemaViolations, shippedSchema } from '../harness/outputSchema';
import { runWithoutLeaks } from '../harness/runWithoutLeaks';
import { sampleIds } from '../harness/sampleIds';

/**
 * Profile and Subprofile → Get Received Mailings through n8n's engine: `profile/{id}/ms/destinations`
 * and `…/publisher/destinations` on REST v3, `draganddrop/` and `html/` on v4
 * (copernica-mailings.md §4.1, §4.2 "Per profile"), paged past 1,000.
 */
const copernica = useEmulator();

const mailings = () => copernica.emulator.mailings;
const store = () => copernica.emulator.store;
const profileOf = (customerid: string) => [...store().profiles.values()].find((profile) => profile.fields.customerid === customerid)!;
const orderOf = (orderid: string) => [...store().subprofiles.values()].find((order) => order.fields.orderid === orderid)!;

const WELCOME = sampleIds.template('Welcome');
const NEWSLETTER_JANUARY = sampleIds.document('Newsletter January');

/** A Marketing Suite mailing (template Welcome) to a target, sent in the emulator. */
function sendMs(targetType: 'database' | 'profile' | 'subprofile', target: number) {
	return mailings().sendTemplate(mailings().template(Number(WELCOME)), { targetType, target });
}

/** A Publisher mailing of document Newsletter January to one profile (a test mailing when `test`). */
function sendPublisher(profile: number, test = false) {
	const document = mailings().document(Number(NEWSLETTER_JANUARY));
	return mailings().send({
		suite: 'publisher',
		source: document.ID,
		subject: document.subject,
		fromName: document.fromName,
		fromEmail: document.fromEmail,
		test,
		description: '',
		targetType: 'profile',
		target: profile,
	});
}

function received(entity: 'profile' | 'subprofile', id: number | string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: entity,
		operation: 'getReceivedMailings',
		[entity === 'profile' ? 'profileId' : 'subprofileId']: String(id),
		returnAll: true,
		...extra,
	};
}

async function requests() {
	return (await copernica.client.log())
		.filter((entry) => entry.path !== 'authenticate')
		.map((entry) => [entry.method, entry.path, entry.query.filter(([key]) => key !== 'access_token').map(([key, value]) => `${key}=${value}`).join('&')]);
}

const PAGE = 'start=0&limit=1000&total=1';

describe.each([
	['v3', 'ms', 'publisher'],
	['v4', 'draganddrop', 'html'],
])('REST %s', (version, ms, publisher) => {
	const credentials = (): CopernicaCredentials => (version === 'v3' ? copernica.credentials : copernica.v4Credentials);

	it(`Both: the ${ms}/ then the ${publisher}/ destinations, each with its mailing type, fitting the shipped schema`, async () => {
		const anna = profileOf('C-1001');
		const toAll = sendMs('database', anna.database);
		const toOrder = sendMs('subprofile', orderOf('O-1').ID);
		const news = sendPublisher(anna.ID);
		await copernica.client.clearLog();
		const { output, error } = await runCopernicaNode({ parameters: received('profile', anna.ID), credentials: credentials() });
		expect(error).toBeUndefined();
		expect(await requests()).toEqual([
			['GET', `profile/${anna.ID}/${ms}/destinations`, PAGE],
			['GET', `profile/${anna.ID}/${publisher}/destinations`, PAGE],
		]);
		const destinationOf = (mailing: { ID: number; destinations: Array<{ ID: number; profile: number; timestampsent: string }> }) =>
			mailing.destinations.find((destination) => destination.profile === anna.ID)!;
		expect(output.map((item) => item.json)).toEqual([
			{ ID: String(destinationOf(toAll).ID), mailing: String(toAll.ID), timestampsent: toAll.timestamp, profile: String(anna.ID), subprofile: null, mailingType: 'marketingSuite' },
			{ ID: String(destinationOf(toOrder).ID), mailing: String(toOrder.ID), timestampsent: toOrder.timestamp, profile: String(anna.ID), subprofile: String(orderOf('O-1').ID), mailingType: 'marketingSuite' },
			{ ID: String(destinationOf(news).ID), mailing: String(news.ID), timestampsent: news.timestamp, profile: String(anna.ID), subprofile: null, mailingType: 'publisher' },
		]);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const schema = shippedSchema('profile', 'getReceivedMailings')!;
		expect(output.flatMap((item) => schemaViolations(item.json, schema))).toEqual([]);
	});

	it('Publisher only asks only the Publisher path; Marketing Suite only the other', async () => {
		const anna = profileOf('C-1001');
		sendMs('profile', anna.ID);
		sendPublisher(anna.ID);
		await copernica.client.clearLog();
		const onlyPublisher = await runCopernicaNode({ parameters: received('profile', anna.ID, { mailingType: 'publisher' }), credentials: credentials() });
		expect(onlyPublisher.output.map((item) => item.json.mailingType)).toEqual(['publisher']);
		const onlyMs = await runCopernicaNode({ parameters: received('profile', anna.ID, { mailingType: 'marketingSuite' }), credentials: credentials() });
		expect(onlyMs.output.map((item) => item.json.mailingType)).toEqual(['marketingSuite']);
		expect(await requests()).toEqual([
			['GET', `profile/${anna.ID}/${publisher}/destinations`, PAGE],
			['GET', `profile/${anna.ID}/${ms}/destinations`, PAGE],
		]);
	});

	it('Subprofile: the subprofile\'s own destinations', async () => {
		const order = orderOf('O-1');
		sendMs('database', profileOf('C-1001').database);
		const toOrder = sendMs('subprofile', order.ID);
		await copernica.client.clearLog();
		const { output, error } = await runCopernicaNode({ parameters: received('subprofile', order.ID, { mailingType: 'marketingSuite' }), credentials: credentials() });
		expect(error).toBeUndefined();
		expect(await requests()).toEqual([['GET', `subprofile/${order.ID}/${ms}/destinations`, PAGE]]);
		expect(output.map((item) => [item.json.mailing, item.json.subprofile])).toEqual([[String(toOrder.ID), String(order.ID)]]);
		const schema = shippedSchema('subprofile', 'getReceivedMailings')!;
		expect(output.flatMap((item) => schemaViolations(item.json, schema))).toEqual([]);
	});
});

describe('paging and limits', () => {
	it('Return All reads past 1,000 destinations, a page at a time', async () => {
		const anna = profileOf('C-1001');
		for (let n = 0; n < 1003; n++) sendMs('profile', anna.ID);
		await copernica.client.clearLog();
		const { output, error } = await runCopernicaNode({
			parameters: received('profile', anna.ID, { mailingType: 'marketingSuite' }),
			credentials: copernica.credentials,
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1003);
		expect(new Set(output.map((item) => item.json.ID)).size).toBe(1003);
		expect(await requests()).toEqual([
			['GET', `profile/${anna.ID}/ms/destinations`, PAGE],
			['GET', `profile/${anna.ID}/ms/destinations`, 'start=1000&limit=1000&total=1'],
		]);
	});

	it('Limit counts over both suites: the Publisher path is not asked once the limit is reached', async () => {
		const anna = profileOf('C-1001');
		for (let n = 0; n < 3; n++) sendMs('profile', anna.ID);
		sendPublisher(anna.ID);
		await copernica.client.clearLog();
		const twoOf = await runCopernicaNode({ parameters: received('profile', anna.ID, { returnAll: false, limit: 2 }), credentials: copernica.credentials });
		expect(twoOf.output.map((item) => item.json.mailingType)).toEqual(['marketingSuite', 'marketingSuite']);
		const fourOf = await runCopernicaNode({ parameters: received('profile', anna.ID, { returnAll: false, limit: 4 }), credentials: copernica.credentials });
		expect(fourOf.output.map((item) => item.json.mailingType)).toEqual(['marketingSuite', 'marketingSuite', 'marketingSuite', 'publisher']);
		expect(await requests()).toEqual([
			['GET', `profile/${anna.ID}/ms/destinations`, 'start=0&limit=2&total=1'],
			['GET', `profile/${anna.ID}/ms/destinations`, 'start=0&limit=4&total=1'],
			['GET', `profile/${anna.ID}/publisher/destinations`, 'start=0&limit=1&total=1'],
		]);
	});
});

describe('Include Mailing Details', () => {
	it.each([
		['v3', 'ms', 'publisher'],
		['v4', 'draganddrop', 'html'],
	])('REST %s: one list of the profile\'s mailings per suite, joined by ID; a mailing the list leaves out (a Publisher test) read by its ID', async (version, ms, publisher) => {
		const anna = profileOf('C-1001');
		const first = sendMs('profile', anna.ID);
		const second = sendMs('database', anna.database);
		const test = sendPublisher(anna.ID, true);
		await copernica.client.clearLog();
		const { output, error } = await runCopernicaNode({
			parameters: received('profile', anna.ID, { includeMailingDetails: true }),
			credentials: version === 'v3' ? copernica.credentials : copernica.v4Credentials,
		});
		expect(error).toBeUndefined();
		expect(await requests()).toEqual([
			['GET', `profile/${anna.ID}/${ms}/destinations`, PAGE],
			['GET', `profile/${anna.ID}/${ms}/emailings`, PAGE],
			['GET', `profile/${anna.ID}/${publisher}/destinations`, PAGE],
			['GET', `profile/${anna.ID}/${publisher}/emailings`, PAGE],
			['GET', `${publisher}/emailing/${test.ID}`, ''],
		]);
		expect(output.map((item) => item.json.mailingDetails)).toEqual([
			expect.objectContaining({ id: String(first.ID), template: WELCOME, subject: first.subject, type: 'individual' }),
			expect.objectContaining({ id: String(second.ID), template: WELCOME, type: 'mass', target: { type: 'database', sources: [String(anna.database)] } }),
			expect.objectContaining({ id: String(test.ID), document: NEWSLETTER_JANUARY, subject: test.subject }),
		]);
		const schema = shippedSchema('profile', 'getReceivedMailings')!;
		expect(output.flatMap((item) => schemaViolations(item.json, schema))).toEqual([]);
	});

	it('off (the default), no mailing is read', async () => {
		sendMs('profile', profileOf('C-1001').ID);
		await copernica.client.clearLog();
		const { output } = await runCopernicaNode({ parameters: received('profile', profileOf('C-1001').ID), credentials: copernica.credentials });
		expect(output[0].json).not.toHaveProperty('mailingDetails');
		expect((await requests()).map(([, path]) => path)).toEqual([
			`profile/${profileOf('C-1001').ID}/ms/destinations`,
			`profile/${profileOf('C-1001').ID}/publisher/destinations`,
		]);
	});
});

describe('errors', () => {
	it('an unknown profile is Copernica\'s error, naming the item', async () => {
		const { error } = await runCopernicaNode({ parameters: received('profile', 999999), credentials: copernica.credentials });
		expect(error?.message).toBe('Copernica: No entity with supplied ID [item 0]');
	});

	it('an ID that is not a number is refused before any request', async () => {
		const { error } = await runCopernicaNode({ parameters: received('profile', 'anna'), credentials: copernica.credentials });
		expect(error?.message).toBe('"anna" is not a profile ID [item 0]');
		expect(await copernica.client.log()).toEqual([]);
	});

	it('Continue On Fail: the unknown profile\'s error item and the other\'s destinations, each paired, no token anywhere', async () => {
		const anna = profileOf('C-1001');
		sendMs('profile', anna.ID);
		const { output, error } = await runWithoutLeaks(
			{
				parameters: received('profile', '={{ $json.id }}', { mailingType: 'marketingSuite' }),
				credentials: copernica.credentials,
				input: [{ id: 999999 }, { id: anna.ID }],
				onError: 'continueRegularOutput',
			},
			[copernica.token],
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.error ?? item.json.mailingType, item.pairedItem])).toEqual([
			['Copernica: No entity with supplied ID [item 0]', { item: 0 }],
			['marketingSuite', { item: 1 }],
		]);
	});
});
