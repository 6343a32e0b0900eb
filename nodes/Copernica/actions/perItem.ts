import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ParameterProblem } from '../helpers/parameterProblem';
import { redactText } from '../transport/redact';

/** Any failure as the n8n error a user should see for this item, without secrets. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof ParameterProblem) {
		return new NodeOperationError(context.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.description,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	const message = redactText(error instanceof Error ? error.message : String(error));
	return new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, { itemIndex });
}

/**
 * Runs one operation for every input item: one output item each, paired with its input.
 * With continue-on-fail a failing item becomes an error item and the next item goes on;
 * without it the first failure stops the run, naming its item.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	run: (itemIndex: number) => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			results.push({ json: await run(itemIndex), pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			// Only `error` and `details`, so n8n recognises the item for the node's error output.
			results.push({
				json: { error: nodeError.message, details: nodeError.description ?? null },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return results;
}
