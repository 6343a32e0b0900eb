import type { INodeProperties } from 'n8n-workflow';

import { databaseLocator } from '../common.descriptions';
import * as updateProfiles from './updateProfiles.operation';

export { updateProfiles };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['profile'] } },
		options: [
			{
				name: 'Update Profiles',
				value: 'updateProfiles',
				description: 'Update every profile that matches a selection, or create one if none matches',
				action: 'Update profiles matching a selection',
			},
		],
		default: 'updateProfiles',
	},
	{ ...databaseLocator, displayOptions: { show: { resource: ['profile'] } } },
	...updateProfiles.description,
];
