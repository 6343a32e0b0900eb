import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['database'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the databases of the account, page after page',
				action: 'Get many databases',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
