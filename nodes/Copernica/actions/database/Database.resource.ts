import type { INodeProperties } from 'n8n-workflow';

import * as createField from './createField.operation';
import * as createInterest from './createInterest.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { createField, createInterest, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['database'] } },
		options: [
			{
				name: 'Create Field',
				value: 'createField',
				description: 'Add a field to a database',
				action: 'Create a field in a database',
			},
			{
				name: 'Create Interest',
				value: 'createInterest',
				description: 'Add an interest to a database',
				action: 'Create an interest in a database',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a database with all its fields, interests and collections',
				action: 'Get a database',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the databases of the account, page after page',
				action: 'Get many databases',
			},
		],
		default: 'getMany',
	},
	...createField.description,
	...createInterest.description,
	...get.description,
	...getMany.description,
];
