import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isEmpty } from '../../../shared/helpers/fieldValues';
import type { FieldValues } from '../../../shared/helpers/fieldValues';
import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { createCollectionFieldsCache } from '../../../shared/transport/databaseSchema';
import type { RequestSettings } from '../../../shared/transport/databaseSchema';
import { checkRequestedFields, fieldsToSetProperties, nothingGiven, requestedFields } from '../../parameters/fieldsToSet';
import type { FieldSource } from '../../parameters/fieldsToSet';
import { forEachItem } from '../../itemRunner/perItem';
import { concurrencyOf, requestSettingsOf } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { createCollectionResolver } from '../../../shared/locators/collectionLocator';
import { readBack, readBackCreated } from '../../results/readBack';

/**
 * Create and Update of one subprofile: the fields are checked against the collection (read
 * once per run), the write is sent, and the subprofile is read back as the output.
 */

export function subprofileFieldProperties(mode: FieldSource['mode']): INodeProperties[] {
	return fieldsToSetProperties({
		loadOptionsMethod: 'getCollectionFields',
		resourceMapperMethod: 'getCollectionMappingFields',
		dependsOn: 'collection.value',
		mode,
	});
}

export function nothingToSet(): ParameterProblem {
	return new ParameterProblem(
		'Nothing to set',
		'Add at least one field of the collection under Fields to Set. Without one the write would change nothing.',
	);
}

export interface SubprofileWrite {
	itemIndex: number;
	collection: string;
	/** The item's fields, checked against the collection; never empty. */
	fields: FieldValues;
	settings: RequestSettings;
}

export async function runSubprofileWrites(
	this: IExecuteFunctions,
	idOf: (itemIndex: number) => string | undefined,
	write: (item: SubprofileWrite, id: string | undefined) => Promise<string | number>,
	/** Create: the subprofile exists once written, and a failed read-back says so (readBackCreated). */
	creates = false,
): Promise<INodeExecutionData[]> {
	const fieldsOf = createCollectionFieldsCache(this);
	const collectionOf = createCollectionResolver(this);
	const concurrency = concurrencyOf(this.getNodeParameter('options', 0, {}) as RequestOptionValues);
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const id = idOf(itemIndex);
			const asked = requestedFields(this, itemIndex);
			if (nothingGiven(asked)) throw nothingToSet();
			const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
			const settings = requestSettingsOf(options, itemIndex, limiter);
			const collection = await collectionOf(itemIndex, settings);
			const fields = checkRequestedFields(asked, await fieldsOf(collection, settings), 'collection');
			if (isEmpty(fields)) throw nothingToSet();
			const subprofileId = await write({ itemIndex, collection, fields, settings }, id);
			return await (creates ? readBackCreated : readBack)(this, itemIndex, 'subprofile', subprofileId, settings);
		},
		concurrency,
	);
}
