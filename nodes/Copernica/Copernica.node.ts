import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties } from './actions/nodeProperties';
import { router } from './actions/router';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class Copernica implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Copernica',
		name: 'copernica',
		icon: { light: 'file:../../icons/copernica.svg', dark: 'file:../../icons/copernica.dark.svg' },
		group: ['output'],
		// 1.1: the read operations' Output (Simplified, Raw, Selected Fields) instead of Simplify.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create, update and read profiles, subprofiles, databases, selections and templates in Copernica Marketing Software',
		defaults: { name: 'Copernica' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'copernicaApi', required: true }],
		properties: nodeProperties,
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
