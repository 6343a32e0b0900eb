import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRunOptions } from '../harness/engine';
import { runCopernicaNode, searchNodeList } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { databaseByName } from '../harness/parameters';

/**
 * Mailing → Send's template, document and miniview as resource locators, the checks that a
 * target given by ID is where the user chose it, one read per database name per run, and the
 * Publisher settings' types. Every refusal leaves the emulator's mailing list empty. IDs come
 * from the emulator's seed, never from constants.
 */
const copernica = useEmulator();

const mailings = () => copernica.emulator.mailings;
const store = () => copernica.emulator.store;
const templateId = (name: string) => String(mailings().templates.find((template) => template.name === name)!.ID);
const documentId = (name: string) => String(mailings().documents.find((document) => document.name === name)!.ID);
const selectionId = (name: string) => String(mailings().selections.find((selection) => selection.name === name)!.ID);
/** Anna's profile, the sample's first. */
const annaId = () => String([...store().profiles.values()][0].ID);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value, cachedResultName: 'as the list showed it' });

async function send(parameters: INodeParameters, input?: IDataObject[], onError?: NodeRunOptions['onError']) {
	await copernica.client.clearLog();
	const result = await runCopernicaNode({ parameters: { resource: 'mailing', operation: 'send', ...parameters }, credentials: copernica.credentials, input, onError });
	const log = (await copernica.client.log()).map((entry) => `${entry.method} ${entry.path}`);
	return { ...result, log, sent: await copernica.client.mailings() };
}

describe('Mailing → Send: Template and Document are resource locators', () => {
	it.each([
		['From List', (id: string) => fromList(id)],
		['By ID', (id: string) => byId(id)],
		['a plain ID (an expression, or a workflow saved before the locator)', (id: string) => id],
	])('%s: the template it names is sent', async (_, given) => {
		const spring = templateId('Spring sale');
		const anna = String([...store().profiles.values()][0].ID);
		const { output, error, sent } = await send({ template: given(spring), targetType: 'profile', profileId: anna });
		expect(error).toBeUndefined();
		expect(sent.map((mailing) => [mailing.suite, mailing.source, mailing.targetType])).toEqual([['ms', Number(spring), 'profile']]);
		expect(output[0].json).toMatchObject({ sent: true, template: spring });
	});

	it('a Publisher document from the list', async () => {
		const february = documentId('Newsletter February');
		const anna = String([...store().profiles.values()][0].ID);
		const { error, sent } = await send({ mailingType: 'publisher', document: fromList(february), targetType: 'profile', profileId: anna });
		expect(error).toBeUndefined();
		expect(sent.map((mailing) => [mailing.suite, mailing.source])).toEqual([['publisher', Number(february)]]);
	});

	it.each([
		['empty: n8n\'s own check of a required parameter', fromList(''), 'Parameter "Template" is required.'],
		['a name By ID: n8n\'s check of the mode\'s pattern', byId('Spring sale'), 'A template ID is a number'],
	])('refuses a template that is %s, before the node runs', async (_, template, message) => {
		await expect(send({ template, targetType: 'profile', profileId: annaId() })).rejects.toThrow(message);
		expect([await copernica.client.log(), await copernica.client.mailings()]).toEqual([[], []]);
	});

	it('refuses a locator value in a mode Send does not offer (By Name, from a copied node): a template named "1000" is not template 1000', async () => {
		const welcome = templateId('Welcome');
		const { error, log, sent } = await send({ template: { __rl: true, mode: 'name', value: welcome }, targetType: 'profile', profileId: annaId() });
		expect(error?.message).toBe('Template must be chosen From List or By ID, not "name"; nothing was sent [item 0]');
		expect([log, sent]).toEqual([[], []]);
	});

	it('refuses a template name from an expression before any request', async () => {
		const { error, log, sent } = await send({ template: 'Spring sale', targetType: 'profile', profileId: annaId() });
		expect(error?.message).toBe('Template must be a Copernica ID (a whole number), not "Spring sale" [item 0]');
		expect([log, sent]).toEqual([[], []]);
	});

	it('the Schedule operation\'s list shows Marketing Suite templates even when the hidden Mailing Type still says Publisher', async () => {
		const { results } = await searchNodeList('searchTemplates', undefined, copernica.credentials, { resource: 'mailing', operation: 'schedule', mailingType: 'publisher' });
		expect(results.map((result) => result.value)).toEqual(mailings().templates.map((template) => String(template.ID)));
	});
});

describe('Mailing → Send to a miniview: Database, Collection and Miniview', () => {
	const orders = () => store().databases[0].collections[0];

	it('a miniview from the list is counted and sent', async () => {
		const open = selectionId('Open orders');
		const { error, sent, output } = await send({
			template: byId(templateId('Welcome')),
			targetType: 'miniview',
			database: databaseByName('Customers'),
			collection: byId(String(orders().ID)),
			targetMiniview: fromList(open),
			maxRecipients: 10,
		});
		expect(error).toBeUndefined();
		expect(sent.map((mailing) => [mailing.targetType, mailing.target])).toEqual([['miniview', Number(open)]]);
		expect(output[0].json).toMatchObject({ targetType: 'miniview', target: open, recipients: sent[0].destinations });
	});

	it('refuses a miniview of another collection, and a collection of another database, before the count and the send', async () => {
		const customers = store().databases[0];
		const other = store().addCollection(customers, 'Returns', [{ name: 'status', type: 'text' }]);
		const open = selectionId('Open orders');
		const wrongCollection = await send({
			template: byId(templateId('Welcome')),
			targetType: 'miniview',
			database: databaseByName('Customers'),
			collection: byId(String(other.ID)),
			targetMiniview: byId(open),
			maxRecipients: 10,
		});
		expect(wrongCollection.error?.message).toBe(`The miniview ${open} is not in the chosen collection ${other.ID}; nothing was sent [item 0]`);
		expect(wrongCollection.log.filter((entry) => entry.endsWith('/subprofiles') || entry.startsWith('POST'))).toEqual([]);

		const newsletter = store().databases.find((database) => database.name === 'Newsletter')!;
		const wrongDatabase = await send({
			template: byId(templateId('Welcome')),
			targetType: 'miniview',
			database: byId(String(newsletter.ID)),
			collection: byId(String(orders().ID)),
			targetMiniview: byId(open),
			maxRecipients: 10,
		});
		expect(wrongDatabase.error?.message).toBe(`The collection ${orders().ID} is not in the chosen database "${newsletter.ID}"; nothing was sent [item 0]`);
		expect(wrongDatabase.sent).toEqual([]);
	});
});

describe('Mailing → Send: a template without a subject or from address', () => {
	it.each([
		['Send', {}],
		['Preview Only', { options: { previewOnly: true } }],
	])('%s: refused after reading the template, nothing sent (Copernica may take the POST and fail the mailing)', async (_, extra) => {
		const draft = templateId('Draft');
		const { error, log, sent } = await send({ template: byId(draft), targetType: 'profile', profileId: String([...store().profiles.values()][0].ID), ...extra });
		expect(error?.message).toBe(`The template ${draft} has no subject and no from address; Copernica would not send it, and nothing was sent [item 0]`);
		expect(log).toEqual([`GET ms/template/${draft}`]);
		expect(sent).toEqual([]);
	});

	it('a subject alone is not enough; with Continue On Fail each item fails, paired, and the template is read once per run', async () => {
		const welcome = mailings().templates.find((template) => template.name === 'Welcome')!;
		welcome.fromEmail = ' ';
		const items = [1, 2].map((n) => ({ n }));
		const { output, log, sent } = await send({ template: byId(String(welcome.ID)), targetType: 'profile', profileId: String([...store().profiles.values()][0].ID) }, items, 'continueRegularOutput');
		expect(output.map((item) => [item.json.error, item.pairedItem])).toEqual([0, 1].map((item) => [`The template ${welcome.ID} has no from address; Copernica would not send it, and nothing was sent [item ${item}]`, { item }]));
		expect(sent).toEqual([]);
		expect(log.filter((entry) => entry.startsWith('GET ms/template/'))).toHaveLength(1);
	});
});

describe('Mailing → Send: a database By ID past 2^53', () => {
	it('is refused before any request: the count would name one database and the JSON body, rounded, another', async () => {
		const { error, log, sent } = await send({ template: byId(templateId('Welcome')), targetType: 'database', database: byId('9007199254740993'), maxRecipients: 10 });
		expect(error?.message).toBe('Database must be a Copernica ID (a whole number), not "9007199254740993" [item 0]');
		expect([log, sent]).toEqual([[], []]);
	});
});

describe('Mailing → Send: a database given by name is read once per run', () => {
	it('three items to Customers by name, with Allow Repeats: one GET database/Customers, three sends', async () => {
		const items = [1, 2, 3].map((n) => ({ n }));
		const { error, log, sent } = await send(
			{ template: byId(templateId('Welcome')), targetType: 'database', database: databaseByName('Customers'), maxRecipients: 10, options: { allowRepeats: true } },
			items,
		);
		expect(error).toBeUndefined();
		expect(log.filter((entry) => entry === 'GET database/Customers')).toHaveLength(1);
		expect(sent).toHaveLength(3);
	});
});

describe('Mailing → Send: Publisher Settings must have their types', () => {
	/** January's newsletter to the first profile, with these settings. */
	const sendJanuary = async (publisherSettings: INodeParameters) =>
		await send({
			mailingType: 'publisher',
			document: byId(documentId('Newsletter January')),
			targetType: 'profile',
			profileId: String([...store().profiles.values()][0].ID),
			publisherSettings,
		});
	const REPEAT_WITHOUT_UNIT = /^Publisher Settings → Interval Unit must be set, as text such as day or week, when the mailing repeats/;

	it.each([
		['Test as the string "false"', { test: 'false' }, /^Publisher Settings → test must be true or false, not "false"; nothing was sent/],
		['No Doubles as 1', { nodoubles: 1 }, /^Publisher Settings → nodoubles must be true or false/],
		['Iterations 0', { iterations: 0 }, /^Publisher Settings → Iterations must be a whole number of 1 or more, or -1 for ever, not 0/],
		['Iterations "2 weeks"', { iterations: '2 weeks' }, /^Publisher Settings → Iterations must be a whole number/],
		['Interval Count 1.5', { intervalCount: 1.5, intervalUnit: 'day' }, /^Publisher Settings → Interval Count must be a whole number of 1 or more, not 1.5/],
		['Content Type xml', { contenttype: 'xml' }, /^Publisher Settings → Content Type must be Both, HTML or Text, not "xml"/],
		['a Description that is not text', { description: { a: 1 } }, /^Publisher Settings → Description must be text, not \{"a":1\}; nothing was sent \[item 0\]$/],
		// Without its unit the repeat would be dropped, and the mailing go out once.
		['Interval Count without Interval Unit', { intervalCount: 2, iterations: 3 }, REPEAT_WITHOUT_UNIT],
		['Interval Unit as a number', { intervalCount: 2, intervalUnit: 7, iterations: 3 }, REPEAT_WITHOUT_UNIT],
		['Interval Unit of spaces', { intervalCount: 2, intervalUnit: '   ', iterations: 3 }, REPEAT_WITHOUT_UNIT],
	])('refuses %s before any request', async (_, publisherSettings, message) => {
		const { error, log, sent } = await sendJanuary(publisherSettings);
		expect(error?.message).toMatch(message);
		expect([log, sent]).toEqual([[], []]);
	});

	it('takes Iterations -1 (for ever)', async () => {
		const { error, sent } = await sendJanuary({ iterations: -1, test: false });
		expect(error).toBeUndefined();
		expect(sent).toHaveLength(1);
	});
});
