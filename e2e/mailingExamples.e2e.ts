import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { sampleSeed } from '../emulator/seed';
import { CopernicaEmulator } from '../emulator/server';
import { EmulatorClient } from '../test/harness/emulatorClient';
import { PROJECT_ROOT } from '../test/harness/nodePackage';
import type { N8nInstance } from './n8nInstance';
import { RestClient } from './restApi';
import { n8nWithPackage, SETUP_TIMEOUT } from './suite';
import { N8N_VERSIONS } from './versions';

/**
 * The two mailing examples in real n8n (`n8n start`, driven through its REST API as the editor
 * drives it), against the emulator's mailings and the events it generates for them
 * (emulator/mailingStore.ts eventsOf: a recipient whose ID is a multiple of 7 bounces, of 3 opens,
 * of 5 clicks):
 * - examples/trigger-bounced-mark-profile.json: Copernica Trigger (Email Bounced) → Update Profiles;
 * - examples/mailing-statistics-summary.json: a schedule → Mailing Get Many (yesterday) → Get
 *   Statistics → a summary item per mailing, run as the editor's "Execute workflow" runs it.
 */

interface Example {
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
	connections: unknown;
	settings: { timezone?: string };
}

function example(name: string): Example {
	return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'examples', `${name}.json`), 'utf8')) as Example;
}

/** A day as `YYYY-MM-DD` in `timeZone`, `daysBack` days before today there. */
function dayIn(timeZone: string, daysBack: number): string {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
	const date = new Date(`${today}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() - daysBack);
	return date.toISOString().slice(0, 10);
}

describe.each(N8N_VERSIONS)('n8n $version: the mailing examples', (target) => {
	const token = `e2e_${randomBytes(12).toString('hex')}`;
	const emulator = new CopernicaEmulator({ tokens: [token] });
	let client: EmulatorClient;
	let n8n: N8nInstance;
	let rest: RestClient;

	/** A call to the emulator's REST v3 API with the token, as Copernica's own tools would make it. */
	async function copernica(method: string, apiPath: string, body?: object): Promise<Response> {
		const response = await fetch(`${emulator.baseUrl}/${apiPath}${apiPath.includes('?') ? '&' : '?'}access_token=${token}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (response.status >= 300) throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`);
		return response;
	}

	/**
	 * Sends template `templateName` to the target now (on the emulator's clock): the mailing's ID.
	 * Copernica answers the send with a request ID, not the mailing's (copernica-mailings.md §4.2).
	 */
	async function sendMailing(templateName: string, targettype: string, targetId: number): Promise<string> {
		const template = emulator.mailings.templates.find((candidate) => candidate.name === templateName)!;
		const sent = await copernica('POST', 'ms/emailing', { template: template.ID, targettype, target: targetId });
		return await client.mailingOfRequest(sent.headers.get('x-created') ?? '');
	}

	beforeAll(async () => {
		await emulator.start();
		client = new EmulatorClient(emulator.origin);
		n8n = await n8nWithPackage(target, 'mailing-home', emulator, token);
		rest = new RestClient(await n8n.start(), target.version);
		await rest.setupOwner();
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await n8n?.stop();
		await emulator.stop();
	});

	it('examples/trigger-bounced-mark-profile.json: a mailing to Customers bounces for 3 recipients, and exactly those 3 are marked', async () => {
		emulator.reset();
		const customers = emulator.store.database('Customers');
		// The field the example sets, created as Database → Create Field creates it.
		await copernica('POST', `database/${customers.ID}/fields`, { name: 'emailstatus', type: 'text' });
		const workflow = example('trigger-bounced-mark-profile');
		// The example looks the signing key up at dns.google; here the emulator publishes it.
		for (const node of workflow.nodes) {
			if (node.type.endsWith('.copernicaTrigger')) node.parameters.options = { dnsResolver: emulator.dohUrl };
		}
		const created = await rest.createWorkflow({ name: workflow.name, nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings });
		await rest.activateWorkflow(created.id);
		try {
			// The mailing webhooks are the account's, for every database (copernica-webhooks.md §3.1).
			expect((await client.webhooks()).map((webhook) => [webhook.trigger, webhook.database])).toEqual([['bounce', undefined]]);
			// 14 more customers: any 14 consecutive IDs hold two multiples of 7, the seed's four (1000–1003) one, 1001.
			await client.addProfiles('Customers', 14, { customerid: 'C-3{n}', email: 'customer{n}@example.com' });
			const recipients = await client.profiles('Customers');
			const bounced = recipients.filter((profile) => Number(profile.ID) % 7 === 0);
			expect([recipients.length, bounced.length]).toEqual([18, 3]);

			const before = await rest.executions(created.id);
			await client.clearDeliveries();
			await sendMailing('Spring sale', 'database', customers.ID);
			const deliveries = await client.settleDeliveries();
			// Only the bounce webhook is registered: one signed call per bounce, each answered 200.
			expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
			const executions = await rest.finishedExecutionsSince(created.id, before, 'the example\'s three executions', () => n8n.serverLog(), { atLeast: 3 });
			expect(executions.map((execution) => execution.status)).toEqual(['success', 'success', 'success']);

			const after = await client.profiles('Customers');
			const marked = after.filter((profile) => profile.fields.emailstatus === 'bounced');
			expect(marked.map((profile) => profile.ID).sort()).toEqual(bounced.map((profile) => profile.ID).sort());
			expect(after.filter((profile) => profile.fields.emailstatus !== 'bounced').every((profile) => profile.fields.emailstatus === '')).toBe(true);
			// Each update selected the bounced address alone (Max Matches 1), and created nothing.
			const puts = (await client.writes()).filter((entry) => entry.method === 'PUT' && entry.path.endsWith('/profiles'));
			expect(puts.map((entry) => entry.query.find(([key]) => key === 'fields[]')?.[1]).sort()).toEqual(
				bounced.map((profile) => `email==${profile.fields.email}`).sort(),
			);
			expect(after).toHaveLength(18);
		} finally {
			await rest.deactivateWorkflow(created.id);
		}
	});

	it('examples/mailing-statistics-summary.json: yesterday\'s two mass mailings, each with its exact delivery, open and click rate', async () => {
		// Two lead databases after the sample's, so the leads' IDs give the rates below.
		const seed = sampleSeed();
		for (const name of ['Spring leads', 'Autumn leads']) seed.databases.push({ name, fields: [{ name: 'email', type: 'email' }] });
		emulator.reset(seed);
		const workflow = example('mailing-statistics-summary');
		const timeZone = workflow.settings.timezone ?? 'UTC';
		const yesterday = dayIn(timeZone, 1);
		const spring = emulator.store.database('Spring leads');
		const autumn = emulator.store.database('Autumn leads');

		// Yesterday, on Copernica's clock: 25 spring leads (IDs 1005–1029, after the seed's five
		// profiles, as profiles have an ID sequence of their own: 4 bounce, 7 of the 21 delivered
		// open, 4 click), 6 customers who signed up meanwhile, 20 autumn leads (IDs 1036–1055:
		// 3 bounce, 5 of 17 open, 3 click).
		await client.setClock(`${yesterday} 09:00:00`);
		expect((await client.addProfiles(spring.ID, 25, { email: 'spring{n}@example.com' })).first).toBe(1005);
		await client.addProfiles('Customers', 6, { customerid: 'C-4{n}', email: 'new{n}@example.com' });
		expect((await client.addProfiles(autumn.ID, 20, { email: 'autumn{n}@example.com' })).first).toBe(1036);
		const springSale = await sendMailing('Spring sale', 'database', spring.ID);
		const welcome = await sendMailing('Welcome', 'database', autumn.ID);
		// Left out by the filters: yesterday's mailing to one profile (Type Mass), today's to Customers (the dates).
		const anna = (await client.profilesWhere('Customers', 'customerid', 'C-1001'))[0];
		await sendMailing('Welcome', 'profile', Number(anna.ID));
		await client.setClock(`${dayIn(timeZone, 0)} 06:30:00`);
		await sendMailing('Spring sale', 'database', emulator.store.database('Customers').ID);
		expect((await client.mailings()).length).toBe(4);

		const created = await rest.createWorkflow({ name: workflow.name, nodes: workflow.nodes, connections: workflow.connections, settings: workflow.settings });
		await client.clearLog();
		// "Execute workflow" in the editor: the Schedule Trigger fires once, now.
		await rest.runFromTrigger(created.id, 'Every day at 7:00');
		const executions = await rest.finishedExecutionsSince(created.id, [], 'the example\'s execution', () => n8n.serverLog(), { timeoutMs: 60_000 });
		expect(executions.map((run) => [run.mode, run.status])).toEqual([['manual', 'success']]);
		const [execution] = executions;
		const runData = await rest.executionRunData(execution.id);
		const summary = (runData.Summary?.[0]?.data?.main[0] ?? []).map((item) => item.json);
		expect(summary).toEqual([
			{ mailing: springSale, subject: 'Spring sale: 20% off', sent: 25, deliveryRate: 84, openRate: 33.3, clickRate: 19, bounces: 4 },
			{ mailing: welcome, subject: 'Welcome to the shop', sent: 20, deliveryRate: 85, openRate: 29.4, clickRate: 17.6, bounces: 3 },
		]);
		// Get Many asked for yesterday's sent mass mailings, in the workflow's time zone as written.
		const listing = (await client.log()).find((entry) => entry.path === 'ms/emailings');
		expect(Object.fromEntries(listing!.query.filter(([key]) => ['type', 'status', 'fromdate', 'todate'].includes(key)))).toEqual({
			type: 'mass',
			status: 'sent',
			fromdate: `${yesterday} 00:00:00`,
			todate: `${yesterday} 23:59:59`,
		});
		const statistics = (await client.log()).filter((entry) => /^ms\/emailing\/\d+\/statistics$/.test(entry.path)).map((entry) => entry.path);
		expect(statistics).toEqual([`ms/emailing/${springSale}/statistics`, `ms/emailing/${welcome}/statistics`]);
	});
});
