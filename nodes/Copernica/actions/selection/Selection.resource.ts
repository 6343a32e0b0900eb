import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as getProfiles from './getProfiles.operation';
import * as rebuild from './rebuild.operation';

export { getMany, getProfiles, rebuild };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['selection'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List a database's selections (views), nested ones included",
				action: 'Get many selections',
			},
			{
				name: 'Get Profiles',
				value: 'getProfiles',
				description: 'List the profiles of a selection as of its last build, page after page',
				action: 'Get profiles of a selection',
			},
			{
				name: 'Rebuild',
				value: 'rebuild',
				description:
					'Ask Copernica to rebuild a selection from its rules. Copernica rebuilds in the background; the profiles may change shortly after.',
				action: 'Rebuild a selection',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getProfiles.description,
	...rebuild.description,
];
