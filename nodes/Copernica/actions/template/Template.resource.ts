import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the Marketing Suite or Publisher templates of the account',
				action: 'Get many templates',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
