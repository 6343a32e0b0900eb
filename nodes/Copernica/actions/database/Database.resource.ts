import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['database'] } },
		options: [
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
	...get.description,
	...getMany.description,
];
