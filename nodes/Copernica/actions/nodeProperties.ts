import type { INodeProperties } from 'n8n-workflow';

import * as database from './database/Database.resource';
import * as mailing from './mailing/Mailing.resource';
import * as profile from './profile/Profile.resource';
import * as selection from './selection/Selection.resource';
import * as subprofile from './subprofile/Subprofile.resource';
import * as template from './template/Template.resource';

/** The node's parameters: the resource, then each resource's operations and their fields. */
export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Database', value: 'database' },
			{ name: 'Mailing', value: 'mailing' },
			{ name: 'Profile', value: 'profile' },
			{ name: 'Selection', value: 'selection' },
			{ name: 'Subprofile', value: 'subprofile' },
			{ name: 'Template', value: 'template' },
		],
		default: 'profile',
	},
	...database.description,
	...mailing.description,
	...profile.description,
	...selection.description,
	...subprofile.description,
	...template.description,
];
