import type { INodeParameters } from 'n8n-workflow';

import { runCopernicaNode, searchNodeList } from '../harness/engine';
import { useEmulator } from '../harness/fixture';
import { schemaViolations, shippedSchema } from '../harness/outputSchema';

/**
 * Template → Get Many through n8n's engine: Marketing Suite templates (Welcome, Spring sale,
 * Draft) and Publisher's Newsletter layout with its documents, on REST v3 (`ms/`,
 * `publisher/`) and v4 (`draganddrop/`, `html/`); and the editor's template lists.
 */
const copernica = useEmulator();

const mailings = () => copernica.emulator.mailings;

const getMany = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'template',
	operation: 'getMany',
	mailingType: 'marketingSuite',
	returnAll: true,
	...extra,
});

async function apiLog() {
	return (await copernica.client.log()).filter((entry) => entry.path !== 'authenticate');
}

function fitsSchema(items: Array<{ json: unknown }>) {
	const schema = shippedSchema('template', 'getMany');
	expect(schema).toBeDefined();
	expect(items.flatMap((item) => schemaViolations(item.json, schema!))).toEqual([]);
}

describe.each([
	['v3', 'ms', 'publisher'],
	['v4', 'draganddrop', 'html'],
])('Template → Get Many on REST %s', (version, ms, publisher) => {
	const credentials = () => (version === 'v3' ? copernica.credentials : copernica.v4Credentials);

	it(`Marketing Suite: GET ${ms}/templates, Copernica's entries as documented`, async () => {
		const { output, error } = await runCopernicaNode({ parameters: getMany(), credentials: credentials() });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.name)).toEqual(['Welcome', 'Spring sale', 'Draft']);
		expect(output[0].json).toEqual({
			id: expect.any(String),
			name: 'Welcome',
			from_address: { name: 'Web shop', email: 'shop@example.com' },
			subject: 'Welcome to the shop',
			type: 'html',
			archived: false,
			directory: 'Onboarding',
		});
		fitsSchema(output);
		const log = await apiLog();
		expect(log.map((entry) => [entry.version, entry.method, entry.path])).toEqual([[version, 'GET', `${ms}/templates`]]);
	});

	it(`Publisher: GET ${publisher}/templates`, async () => {
		const { output, error } = await runCopernicaNode({ parameters: getMany({ mailingType: 'publisher' }), credentials: credentials() });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{ ID: expect.any(String), name: 'Newsletter layout', description: 'Monthly newsletter', created: expect.any(String) },
		]);
		fitsSchema(output);
		expect((await apiLog()).map((entry) => entry.path)).toEqual([`${publisher}/templates`]);
	});

	it('the editor\'s lists: templates of the chosen Mailing Type, Publisher documents under their template', async () => {
		const templates = await searchNodeList('searchTemplates', 'spring', credentials(), { mailingType: 'marketingSuite' });
		const spring = mailings().templates.find((template) => template.name === 'Spring sale')!;
		expect(templates.results).toEqual([{ name: `Spring sale (${spring.ID})`, value: String(spring.ID) }]);
		const layouts = await searchNodeList('searchTemplates', undefined, credentials(), { mailingType: 'publisher' });
		expect(layouts.results.map((result) => result.name)).toEqual([expect.stringMatching(/^Newsletter layout \(\d+\)$/)]);
		const documents = await searchNodeList('searchDocuments', undefined, credentials());
		expect(documents.results).toEqual(
			mailings().documents.map((document) => ({ name: `Newsletter layout › ${document.name} (${document.ID})`, value: String(document.ID) })),
		);
		const paths = (await apiLog()).map((entry) => entry.path.replace(/\d+/, 'N'));
		expect(paths).toEqual([`${ms}/templates`, `${publisher}/templates`, `${publisher}/templates`, `${publisher}/template/N/documents`]);
	});
});

describe('Template → Get Many', () => {
	it('sends the documented filters, the dates as YYYY-MM-DD HH:MM:SS, and only for the Marketing Suite', async () => {
		const { output } = await runCopernicaNode({
			parameters: getMany({
				filters: { keyword: 'a', type: 'json', createdAfter: '2025-11-30T10:00:00', createdBefore: '2025-12-02' },
			}),
			credentials: copernica.credentials,
		});
		expect(output.map((item) => item.json.name)).toEqual(['Spring sale', 'Draft']);
		const [request] = await apiLog();
		expect(request.query.slice(0, 4)).toEqual([
			['keyword', 'a'],
			['type', 'json'],
			['created_before', '2025-12-02 00:00:00'],
			['created_after', '2025-11-30 10:00:00'],
		]);
		await copernica.client.clearLog();
		await runCopernicaNode({ parameters: getMany({ mailingType: 'publisher', filters: { name: 'x' } }), credentials: copernica.credentials });
		expect((await apiLog())[0].query.map(([key]) => key)).toEqual(['start', 'limit', 'total', 'access_token']);
	});

	it('Return All reads past 1,000 templates; Limit reads no more than asked', async () => {
		const { templates } = mailings();
		for (let index = 1; index <= 1200; index++) templates.push({ ...templates[0], ID: mailings().newId('template'), name: `Filler ${index}` });
		const all = await runCopernicaNode({ parameters: getMany(), credentials: copernica.credentials });
		expect(all.output).toHaveLength(3 + 1200);
		expect((await apiLog()).map((entry) => Object.fromEntries(entry.query).start)).toEqual(['0', '1000']);
		await copernica.client.clearLog();
		const two = await runCopernicaNode({ parameters: getMany({ returnAll: false, limit: 2 }), credentials: copernica.credentials });
		expect(two.output).toHaveLength(2);
		expect(Object.fromEntries((await apiLog())[0].query)).toMatchObject({ start: '0', limit: '2' });
	});

	it('Copernica failing: its words, one error item per input item with Continue On Fail', async () => {
		await copernica.client.setFaults([{ status: 400, body: JSON.stringify({ error: { message: 'Invalid access for this method' } }), contentType: 'application/json' }]);
		const { output, error } = await runCopernicaNode({
			parameters: getMany({ options: { retries: 0 } }),
			credentials: copernica.credentials,
			input: [{ n: 1 }, { n: 2 }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1]);
		expect(output[0].json.error).toContain('Invalid access for this method');
	});
});
