import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { loadNodePackage, PROJECT_ROOT } from '../harness/nodePackage';
import { property } from '../harness/properties';

/** How the node presents itself in n8n's editor, as n8n's loader sees it. */

async function description() {
	return (await loadNodePackage()).nodeType('copernica').description;
}

/** `icons/n8n-nodes-copernica/dist/icons/x.svg` → the file in this project. */
function iconFile(iconUrl: string): string {
	return path.join(PROJECT_ROOT, iconUrl.split('/').slice(2).join('/'));
}

describe('node description', () => {
	it('is versions 1 and 1.1 (new nodes 1.1), usable as an AI tool, with a subtitle and the Copernica API credential', async () => {
		const node = await description();
		expect(node).toMatchObject({
			displayName: 'Copernica',
			name: 'copernica',
			version: [1, 1.1],
			defaultVersion: 1.1,
			usableAsTool: true,
			credentials: [{ name: 'copernicaApi', required: true }],
		});
		expect(node.subtitle).toMatch(/\$parameter\["operation"\]/);
	});

	it('has light and dark icons that n8n resolves to files of the package', async () => {
		const nodePackage = await loadNodePackage();
		const node = await description();
		const credential = nodePackage.credentialType('copernicaApi');
		for (const owner of [node, credential] as Array<{ iconUrl?: { light: string; dark: string } }>) {
			expect(owner.iconUrl?.light).not.toBe(owner.iconUrl?.dark);
			expect(fs.existsSync(iconFile(owner.iconUrl!.light))).toBe(true);
			expect(fs.existsSync(iconFile(owner.iconUrl!.dark))).toBe(true);
		}
	});

	it('offers every operation in n8n\'s wording, the upsert with n8n\'s upsert description', async () => {
		const { properties } = await description();
		expect(property(properties, 'resource').options).toEqual([
			{ name: 'Database', value: 'database' },
			{ name: 'Mailing', value: 'mailing' },
			{ name: 'Profile', value: 'profile' },
			{ name: 'Selection', value: 'selection' },
			{ name: 'Subprofile', value: 'subprofile' },
			{ name: 'Template', value: 'template' },
		]);
		const operationsOf = (resource: string) =>
			properties.find((candidate) => candidate.name === 'operation' && candidate.displayOptions?.show?.resource?.includes(resource))
				?.options;
		expect(operationsOf('database')).toEqual([
			expect.objectContaining({ name: 'Create Field', value: 'createField', action: 'Create a field in a database' }),
			expect.objectContaining({ name: 'Create Interest', value: 'createInterest', action: 'Create an interest in a database' }),
			expect.objectContaining({ name: 'Get', value: 'get', action: 'Get a database' }),
			expect.objectContaining({ name: 'Get Many', value: 'getMany', action: 'Get many databases' }),
		]);
		expect((operationsOf('mailing') as INodePropertyOptions[]).map((option) => [option.name, option.value, option.action])).toEqual([
			['Get', 'get', 'Get a mailing'],
			['Get Events', 'getEvents', 'Get the events of mailings'],
			['Get Many', 'getMany', 'Get many mailings'],
			['Get Statistics', 'getStatistics', 'Get the statistics of a mailing'],
			['Schedule', 'schedule', 'Schedule a mailing'],
			['Send', 'send', 'Send a mailing'],
		]);
		const maxRecipients = properties.filter((candidate) => candidate.name === 'maxRecipients');
		expect(maxRecipients.map((candidate) => [candidate.required, candidate.default, candidate.displayOptions?.show?.targetType])).toEqual([
			[true, 0, ['view', 'miniview', 'database', 'collection']],
			[true, 0, ['view', 'miniview', 'database', 'collection']],
		]);
		expect(property(properties, 'mailingType').options).toEqual([
			expect.objectContaining({ name: 'Marketing Suite', value: 'marketingSuite' }),
			expect.objectContaining({ name: 'Publisher', value: 'publisher' }),
		]);
		expect(operationsOf('profile')).toEqual([
			expect.objectContaining({ name: 'Add Interests', value: 'addInterests', action: 'Add interests to a profile' }),
			expect.objectContaining({ name: 'Create', value: 'create', action: 'Create a profile' }),
			expect.objectContaining({
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a profile and as an AI tool refuse more than one match unless max matches is set',
				description: 'Create a new profile, or update the current one if it already exists (upsert)',
			}),
			expect.objectContaining({ name: 'Delete', value: 'delete', action: 'Delete a profile' }),
			expect.objectContaining({ name: 'Get', value: 'get', action: 'Get a profile' }),
			expect.objectContaining({ name: 'Get Many', value: 'getMany', action: 'Get many profiles' }),
			expect.objectContaining({ name: 'Get Received Mailings', value: 'getReceivedMailings', action: 'Get the mailings a profile received' }),
			expect.objectContaining({ name: 'Set Interests', value: 'setInterests', action: 'Set the interests of a profile' }),
			expect.objectContaining({ name: 'Unsubscribe', value: 'unsubscribe', action: 'Unsubscribe a profile' }),
			expect.objectContaining({ name: 'Update', value: 'update', action: 'Update a profile' }),
			expect.objectContaining({ name: 'Update Profiles', value: 'updateProfiles', action: 'Update profiles matching a selection and as an AI tool at most one unless max matches is set' }),
		]);
		expect((operationsOf('subprofile') as INodePropertyOptions[]).map((option) => [option.name, option.value, option.action])).toEqual([
			['Create', 'create', 'Create a subprofile'],
			['Delete', 'delete', 'Delete a subprofile'],
			['Get', 'get', 'Get a subprofile'],
			['Get Many', 'getMany', 'Get many subprofiles'],
			['Get Received Mailings', 'getReceivedMailings', 'Get the mailings a subprofile received'],
			['Unsubscribe', 'unsubscribe', 'Unsubscribe a subprofile'],
			['Update', 'update', 'Update a subprofile'],
			['Update Many', 'updateMany', 'Update subprofiles matching a selection and as an AI tool at most one unless max matches is set'],
		]);
		expect((operationsOf('selection') as INodePropertyOptions[]).map((option) => [option.name, option.value, option.action])).toEqual([
			['Get Many', 'getMany', 'Get many selections'],
			['Get Profiles', 'getProfiles', 'Get profiles of a selection'],
			['Rebuild', 'rebuild', 'Rebuild a selection'],
		]);
		expect((operationsOf('template') as INodePropertyOptions[]).map((option) => [option.name, option.value, option.action])).toEqual([
			['Get Many', 'getMany', 'Get many templates'],
		]);
		const getMany = properties.filter(
			(candidate) =>
				candidate.displayOptions?.show?.operation?.includes('getMany') &&
				candidate.displayOptions?.show?.resource?.includes('profile'),
		);
		expect(getMany.map((candidate) => candidate.displayName)).toEqual(
			expect.arrayContaining(['Return All', 'Limit', 'Selection', 'Simplify']),
		);
		expect(property(getMany, 'limit')).toMatchObject({ default: 50, displayOptions: { show: { returnAll: [false] } } });
	});

	it('offers the field mapper wherever fields are set: matching only in Create or Update', async () => {
		const { properties } = await description();
		const mappers = properties
			.filter((candidate) => candidate.type === 'resourceMapper')
			.map((mapper) => [
				`${mapper.displayOptions?.show?.resource?.[0]} ${mapper.displayOptions?.show?.operation?.[0]}`,
				mapper.typeOptions?.resourceMapper?.mode,
				mapper.typeOptions?.resourceMapper?.resourceMapperMethod,
				mapper.typeOptions?.resourceMapper?.addAllFields,
			]);
		expect(mappers.sort()).toEqual([
			['profile create', 'add', 'getMappingFields', false],
			['profile update', 'add', 'getMappingFields', false],
			['profile updateProfiles', 'add', 'getMappingFields', false],
			['profile upsert', 'upsert', 'getMappingFields', false],
			['subprofile create', 'add', 'getCollectionMappingFields', false],
			['subprofile update', 'add', 'getCollectionMappingFields', false],
			['subprofile updateMany', 'add', 'getCollectionMappingFields', false],
		]);
	});

	it('picks the database from a searchable list, by ID or by name', async () => {
		const database = property((await description()).properties, 'database');
		expect(database.type).toBe('resourceLocator');
		expect(database.modes?.map((mode) => mode.name)).toEqual(['list', 'id', 'name']);
		expect(database.modes?.[0].typeOptions).toEqual({ searchListMethod: 'searchDatabases', searchable: true });
	});

	it('offers the nine operators in plain words, stored as words', async () => {
		const selection = property((await description()).properties, 'selection');
		const condition = (selection.options as Array<{ values: INodeProperties[] }>)[0].values;
		const operator = property(condition, 'operator');
		const options = operator.options as Array<{ name: string; value: string; description: string }>;
		expect(options.map((option) => option.description)).toEqual(
			['==', '!=', '!=: Copernica documents <> as the same, but != is the form known to work', '<', '>', '<=', '>=', '=~', '!~'].map(
				(symbol) => `Sent as ${symbol}`,
			),
		);
		expect(options.every((option) => /^[A-Z][a-z]/.test(option.name) && !option.value.startsWith('='))).toBe(true);
		expect(property(condition, 'field').typeOptions).toMatchObject({
			loadOptionsMethod: 'getSelectionFields',
			loadOptionsDependsOn: ['database.value'],
		});
	});

	it('explains what Create If No Match and Process in Background do', async () => {
		const { properties } = await description();
		expect(property(properties, 'createIfNoMatch').description).toMatch(/next run finds and updates it instead of creating another/);
		expect(property(properties, 'processInBackground').description).toMatch(/no profile ID/);
	});
});

describe('the node never reads the token', () => {
	it('no file under nodes/ mentions the credential\'s token field or builds an access_token parameter', () => {
		const sources = fs
			.readdirSync(path.join(PROJECT_ROOT, 'nodes'), { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.ts'))
			.map((file) => fs.readFileSync(path.join(PROJECT_ROOT, 'nodes', file), 'utf8'));
		expect(sources.length).toBeGreaterThan(10);
		expect(sources.filter((source) => /accessToken|access_token=['"`]|\$credentials/.test(source))).toEqual([]);
	});
});

describe('read operations by version', () => {
	it.each([
		['profile', 'get'],
		['profile', 'getMany'],
		['subprofile', 'get'],
		['subprofile', 'getMany'],
		['selection', 'getProfiles'],
	])('%s → %s: Simplify in version 1, Output (Simplified, Raw, Selected Fields) in 1.1', async (resource, operation) => {
		const { properties } = await description();
		const of = (name: string) =>
			properties.find((candidate) => candidate.name === name && candidate.displayOptions?.show?.operation?.includes(operation) && candidate.displayOptions?.show?.resource?.includes(resource));
		expect(of('simplify')?.displayOptions?.show?.['@version']).toEqual([1]);
		const output = of('output');
		expect(output?.displayOptions?.show?.['@version']).toEqual([1.1]);
		expect(output?.options?.map((option) => ('name' in option ? option.name : ''))).toEqual(['Simplified', 'Raw', 'Selected Fields']);
		expect(of('outputFields')?.displayOptions?.show).toMatchObject({ '@version': [1.1], output: ['fields'] });
	});
});

describe('Get Received Mailings', () => {
	it.each(['profile', 'subprofile'])('%s: the ID, Mailing Type (Both by default), Return All, Limit and Include Mailing Details (off)', async (resource) => {
		const { properties } = await description();
		const shown = properties.filter(
			(candidate) => candidate.displayOptions?.show?.operation?.includes('getReceivedMailings') && candidate.displayOptions?.show?.resource?.includes(resource),
		);
		expect(shown.map((candidate) => candidate.name)).toEqual([`${resource}Id`, 'mailingType', 'returnAll', 'limit', 'includeMailingDetails', 'options']);
		const mailingType = property(shown, 'mailingType');
		expect(mailingType.default).toBe('both');
		expect(property(shown, 'includeMailingDetails').default).toBe(false);
		expect(mailingType.options?.map((option) => ('value' in option ? option.value : ''))).toEqual(['both', 'marketingSuite', 'publisher']);
	});
});
