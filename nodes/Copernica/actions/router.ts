import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ParameterProblem } from '../../shared/helpers/parameterProblem';
import type { CopernicaType } from './node.type';
import * as database from './database/Database.resource';
import * as mailing from './mailing/Mailing.resource';
import * as profile from './profile/Profile.resource';
import * as selection from './selection/Selection.resource';
import * as subprofile from './subprofile/Subprofile.resource';
import * as template from './template/Template.resource';

/**
 * Sends the run to the chosen resource's operation. A ParameterProblem that reaches here came
 * from an option read once for the whole run, from the first item (Parallel Requests, Batching),
 * before any request: it stops the run as a NodeOperationError naming that item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		return await route.call(this);
	} catch (error) {
		throw asRunError(this, error);
	}
}

/** A ParameterProblem as the run's NodeOperationError; every other error as it is. */
function asRunError(context: IExecuteFunctions, error: unknown): unknown {
	if (!(error instanceof ParameterProblem)) return error;
	return new NodeOperationError(context.getNode(), `${error.message} [item 0]`, {
		itemIndex: 0,
		description: error.description,
	});
}

async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter<CopernicaType>('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const copernica = { resource, operation } as CopernicaType;

	switch (copernica.resource) {
		case 'database':
			return [await database[copernica.operation].execute.call(this)];
		case 'mailing':
			return [await mailing[copernica.operation].execute.call(this)];
		case 'profile':
			return [await profile[copernica.operation].execute.call(this)];
		case 'selection':
			return [await selection[copernica.operation].execute.call(this)];
		case 'subprofile':
			return [await subprofile[copernica.operation].execute.call(this)];
		case 'template':
			return [await template[copernica.operation].execute.call(this)];
		default:
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" of resource "${resource}" is not supported`,
			);
	}
}
