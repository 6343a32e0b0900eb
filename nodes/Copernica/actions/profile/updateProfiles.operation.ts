import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SelectionConditionInput } from '../../../shared/helpers/selection';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { selectionParameter } from '../common.descriptions';
import { profileValueProperties } from './profileValues';
import { selectionUpdateOptions } from '../../selection/selectionUpdateOptions';
import { runSelectionUpdates } from './selectionUpdate';

const properties: INodeProperties[] = [
	selectionParameter,
	{
		displayName: 'Create If No Match',
		name: 'createIfNoMatch',
		type: 'boolean',
		default: false,
		description:
			'Whether to create a profile when no profile matches the selection. The new profile also gets the values of the selection\'s Equals conditions, so the next run finds and updates it instead of creating another one.',
	},
	{
		displayName: 'Process in Background',
		name: 'processInBackground',
		type: 'boolean',
		default: false,
		description:
			'Whether Copernica should answer at once and update the profiles afterwards. Use it for large selections; the output then has no profile ID and no confirmation that the update finished.',
	},
	...profileValueProperties('add'),
	selectionUpdateOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['profile'], operation: ['updateProfiles'] } },
	properties,
);

/**
 * PUT database/{id}/profiles: changes every profile that matches the selection, or creates
 * one when asked and none matches.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runSelectionUpdates.call(this, {
		conditionsOf: (context, itemIndex) =>
			context.getNodeParameter('selection.conditions', itemIndex, []) as SelectionConditionInput[],
		createOf: (context, itemIndex) => context.getNodeParameter('createIfNoMatch', itemIndex, false) as boolean,
		backgroundOf: (context, itemIndex) => context.getNodeParameter('processInBackground', itemIndex, false) as boolean,
	});
}
