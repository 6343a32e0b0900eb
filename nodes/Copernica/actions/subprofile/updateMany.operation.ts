import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isEmpty } from '../../../shared/helpers/fieldValues';
import { simplifySubprofile } from '../../../shared/helpers/profileOutput';
import { checkSelectionShape, resolveSelection, selectionQuery } from '../../../shared/helpers/selection';
import type { SelectionConditionInput } from '../../../shared/helpers/selection';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import { createCollectionFieldsCache } from '../../../shared/transport/databaseSchema';
import { selectionParameterFor } from '../common.descriptions';
import { checkRequestedFields, nothingGiven, requestedFields } from '../../parameters/fieldsToSet';
import { forEachItem } from '../../itemRunner/perItem';
import { concurrencyOf, requestSettingsOf } from '../../parameters/requestOptions';
import { createSameSelectionQueue, selectionKey } from '../../selection/sameSelectionQueue';
import { countMatches, maxMatchesOf, previewMatches } from '../../selection/selectionGuards';
import type { SelectionTarget } from '../../selection/selectionGuards';
import { selectionUpdateOptions } from '../../selection/selectionUpdateOptions';
import type { SelectionUpdateOptions } from '../../selection/selectionUpdateOptions';
import { createCollectionResolver } from '../../../shared/locators/collectionLocator';
import { nothingToSet, subprofileFieldProperties } from './subprofileWrite';

const properties: INodeProperties[] = [
	{
		...selectionParameterFor('getCollectionSelectionFields', 'collection.value'),
		description:
			'Subprofiles that meet every condition (AND). Conditions on fields the collection does not have are refused before anything is sent, because Copernica would ignore them and change every subprofile.',
	},
	...subprofileFieldProperties('add'),
	selectionUpdateOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subprofile'], operation: ['updateMany'] } },
	properties,
);

/**
 * PUT collection/{id}/subprofiles: changes every subprofile of the collection that matches the
 * selection, with the checks of Update Profiles (the same danger: Copernica ignores conditions
 * on unknown fields and would change the whole collection). Copernica's documentation shows
 * this body both flat and wrapped; the node sends `{"fields": …}`, the form of every other
 * update. Items with the same selection take turns, so the last item's values win.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const fieldsOf = createCollectionFieldsCache(this);
	const collectionOf = createCollectionResolver(this);
	const inTurn = createSameSelectionQueue();
	const concurrency = concurrencyOf(this.getNodeParameter('options', 0, {}) as SelectionUpdateOptions);

	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const options = this.getNodeParameter('options', itemIndex, {}) as SelectionUpdateOptions;
			const conditions = this.getNodeParameter('selection.conditions', itemIndex, []) as SelectionConditionInput[];
			const rules = { allowEmptyValues: options.allowEmptyValues === true };
			const shaped = checkSelectionShape(conditions, rules);
			const maxMatches = maxMatchesOf(this, options);
			const asked = requestedFields(this, itemIndex);
			if (nothingGiven(asked)) throw nothingToSet();
			const transport = requestSettingsOf(options, itemIndex, limiter);
			const collection = await collectionOf(itemIndex, transport);
			const collectionFields = await fieldsOf(collection, transport);
			const selection = resolveSelection(shaped, collectionFields, 'collection', rules);
			const fields = checkRequestedFields(asked, collectionFields, 'collection');
			if (isEmpty(fields)) throw nothingToSet();
			const target: SelectionTarget = {
				path: pathOf('collection', collection, 'subprofiles'),
				selection,
				transport,
				entities: 'subprofiles',
			};
			const result: IDataObject = { collection, selection: selection.expressions };

			return await inTurn(selectionKey(collection, selection), async () => {
				if (options.preview === true) {
					const { matches, entries } = await previewMatches(this, target, simplifySubprofile);
					return { preview: true, ...result, matches, wouldSend: { fields }, subprofiles: entries };
				}
				if (maxMatches !== undefined) result.matches = await countMatches(this, target, maxMatches);
				const response = await copernicaRequest.call(this, {
					...transport,
					method: 'PUT',
					path: target.path,
					query: selectionQuery(selection),
					body: { fields },
					action: 'updating subprofiles',
				});
				return { ...result, statusCode: response.statusCode };
			});
		},
		concurrency,
	);
}
