import type { INodeProperties } from 'n8n-workflow';

import { databaseLocator } from '../common.descriptions';
import * as deleteProfile from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as updateProfiles from './updateProfiles.operation';

export { deleteProfile as delete, get, getMany, updateProfiles };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['profile'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a profile by its ID',
				action: 'Delete a profile',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a profile by its ID',
				action: 'Get a profile',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the profiles that match a selection, page after page',
				action: 'Get many profiles',
			},
			{
				name: 'Update Profiles',
				value: 'updateProfiles',
				description: 'Update every profile that matches a selection, or create one if none matches',
				action: 'Update profiles matching a selection',
			},
		],
		default: 'updateProfiles',
	},
	{ ...databaseLocator, displayOptions: { show: { resource: ['profile'], operation: ['getMany', 'updateProfiles'] } } },
	...deleteProfile.description,
	...get.description,
	...getMany.description,
	...updateProfiles.description,
];
