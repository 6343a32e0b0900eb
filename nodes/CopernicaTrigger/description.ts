import type { INodeProperties } from 'n8n-workflow';

import { collectionParameter } from '../shared/locators/collectionLocator';
import { databaseLocator } from '../shared/locators/databaseLocator';
import { DEFAULT_DNS_RESOLVER } from './verification/publicKeys';
import { DEFAULT_EVENT, EVENTS, valuesOfKind } from './events';

/** The Copernica Trigger's parameters: one event per node, where it happens, and how calls are checked. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Copernica calls only webhook addresses on a domain validated in Copernica (Configuration → Validated domains). Use this n8n\'s own domain; n8n Cloud\'s cannot be validated.',
		name: 'domainNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		required: true,
		default: DEFAULT_EVENT,
		options: EVENTS.map(({ name, value, description }) => ({ name, value, description })),
		description: 'What happens in Copernica that starts the workflow',
	},
	{
		...databaseLocator,
		description: 'The database whose profiles (or subprofiles) are watched; events of other databases never start the workflow',
		displayOptions: { show: { event: [...valuesOfKind('profile'), ...valuesOfKind('subprofile')] } },
	},
	{
		...collectionParameter,
		description: 'The collection whose subprofiles are watched, such as orders',
		displayOptions: { show: { event: valuesOfKind('subprofile') } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Changes Made By',
				name: 'callers',
				type: 'options',
				default: 'all',
				options: [
					{ name: 'Marketing Suite or Publisher', value: 'all' },
					{ name: 'Marketing Suite', value: 'ms' },
					{ name: 'Publisher', value: 'publisher' },
				],
				description: 'Which of Copernica\'s applications the change must come from (Copernica\'s "callers")',
			},
			{
				displayName: 'DNS-over-HTTPS Resolver',
				name: 'dnsResolver',
				type: 'string',
				// Read as saved: in webhook() an expression would be evaluated against the unverified call.
				noDataExpression: true,
				default: DEFAULT_DNS_RESOLVER,
				placeholder: DEFAULT_DNS_RESOLVER,
				description:
					"Where Copernica's public signing key is looked up (a JSON DNS-over-HTTPS endpoint, such as Google's or Cloudflare's). Webhook processors must be able to reach it.",
			},
			{
				displayName: 'Include Raw Fields',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add `raw`: every variable of the call as Copernica sent it',
			},
			{
				displayName: 'Verify Signature',
				name: 'verifySignature',
				type: 'boolean',
				noDataExpression: true,
				default: true,
				description:
					'Whether to check that each call comes from your Copernica account (its signature, digest, date and account) and answer any other with HTTP 401. Turning this off lets anyone who knows the URL start the workflow.',
			},
		],
	},
];
