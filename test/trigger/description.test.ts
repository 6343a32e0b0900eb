import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { loadNodePackage, PROJECT_ROOT } from '../harness/nodePackage';

/** How the Copernica Trigger presents itself, as n8n's loader sees it (n8n-conventions.md, copernica-webhooks.md §2.2). */

async function description() {
	return (await loadNodePackage()).nodeType('copernicaTrigger').description;
}

function property(name: string, properties: INodeProperties[]): INodeProperties {
	const found = properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`No parameter ${name}`);
	return found;
}

describe('Copernica Trigger description', () => {
	it('is a trigger with no inputs, not an AI tool, one POST webhook, the same credential', async () => {
		const node = await description();
		expect(node).toMatchObject({
			displayName: 'Copernica Trigger',
			name: 'copernicaTrigger',
			group: ['trigger'],
			inputs: [],
			version: 1,
			credentials: [{ name: 'copernicaApi', required: true }],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		});
		expect(node.usableAsTool).toBeUndefined();
		const nodeType = (await loadNodePackage()).nodeType('copernicaTrigger');
		expect(Object.keys(nodeType.webhookMethods?.default ?? {}).sort()).toEqual(['checkExists', 'create', 'delete']);
	});

	it('offers the eleven events, Database for (sub)profile events, Collection for subprofile events', async () => {
		const { properties } = await description();
		const event = property('event', properties);
		expect(event.options?.map((option) => ('name' in option ? option.name : ''))).toEqual([
			'Profile Created',
			'Profile Updated',
			'Profile Deleted',
			'Subprofile Created',
			'Subprofile Updated',
			'Subprofile Deleted',
			'Email Delivered',
			'Email Opened',
			'Email Clicked',
			'Email Bounced',
			'Email Failed',
		]);
		expect(property('database', properties).displayOptions?.show?.event).toHaveLength(6);
		expect(property('collection', properties).displayOptions?.show?.event).toEqual(['subprofileCreated', 'subprofileUpdated', 'subprofileDeleted']);
		const options = property('options', properties).options as INodeProperties[];
		expect(options.map((option) => option.displayName)).toEqual(['Changes Made By', 'DNS-over-HTTPS Resolver', 'Include Raw Fields', 'Verify Signature']);
		expect(property('verifySignature', options).default).toBe(true);
	});

	it('ships an output schema for every event it offers', async () => {
		const { properties } = await description();
		for (const option of property('event', properties).options ?? []) {
			const file = path.join(PROJECT_ROOT, 'dist/nodes/CopernicaTrigger/__schema__/v1.0.0', `${String('value' in option ? option.value : '')}.json`);
			expect(fs.existsSync(file)).toBe(true);
		}
	});
});
