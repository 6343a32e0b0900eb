import type { INodeProperties } from 'n8n-workflow';

import * as profile from './profile/Profile.resource';

/** The node's parameters: the resource, then each resource's operations and their fields. */
export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Profile', value: 'profile' }],
		default: 'profile',
	},
	...profile.description,
];
