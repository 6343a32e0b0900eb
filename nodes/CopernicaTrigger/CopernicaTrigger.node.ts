import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchCollections, searchDatabases } from '../shared/locators/listSearch';
import { triggerProperties } from './description';
import { checkExists, create, remove } from './lifecycle/webhookLifecycle';
import { receive } from './receive';

export class CopernicaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Copernica Trigger',
		name: 'copernicaTrigger',
		icon: { light: 'file:../../icons/copernica.svg', dark: 'file:../../icons/copernica.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description: 'Starts the workflow when profiles, subprofiles or mailings change in Copernica Marketing Software',
		defaults: { name: 'Copernica Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'copernicaApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchDatabases, searchCollections } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
