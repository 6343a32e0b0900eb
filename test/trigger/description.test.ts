import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { loadNodePackage, PROJECT_ROOT } from '../harness/nodePackage';
import { property } from '../harness/properties';

/** How the Copernica Trigger presents itself, as n8n's loader sees it (n8n-conventions.md, copernica-webhooks.md §2.2). */

async function description() {
	return (await loadNodePackage()).nodeType('copernicaTrigger').description;
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
		const event = property(properties, 'event');
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
		expect(property(properties, 'database').displayOptions?.show?.event).toHaveLength(6);
		expect(property(properties, 'collection').displayOptions?.show?.event).toEqual(['subprofileCreated', 'subprofileUpdated', 'subprofileDeleted']);
		const options = property(properties, 'options').options as INodeProperties[];
		expect(options.map((option) => option.displayName)).toEqual(['Changes Made By', 'DNS-over-HTTPS Resolver', 'Include Raw Fields', 'Verify Signature']);
		expect(property(options, 'verifySignature').default).toBe(true);
	});

	it('ships an output schema for every event it offers', async () => {
		const { properties } = await description();
		for (const option of property(properties, 'event').options ?? []) {
			const file = path.join(PROJECT_ROOT, 'dist/nodes/CopernicaTrigger/__schema__/v1.0.0', `${String('value' in option ? option.value : '')}.json`);
			expect(fs.existsSync(file)).toBe(true);
		}
	});
});
