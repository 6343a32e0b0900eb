import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isEmpty } from '../../helpers/fieldValues';
import type { FieldValues } from '../../helpers/fieldValues';
import { ParameterProblem } from '../../helpers/parameterProblem';
import { createCollectionFieldsCache } from '../../transport/databaseSchema';
import type { RequestSettings } from '../../transport/databaseSchema';
import { checkRequestedFields, fieldsToSetProperties, nothingGiven, requestedFields } from '../fieldsToSet';
import type { FieldSource } from '../fieldsToSet';
import { forEachItem } from '../perItem';
import { concurrencyOf, requestSettingsOf } from '../requestOptions';
import type { RequestOptionValues } from '../requestOptions';
import { createCollectionResolver } from './collectionParameter';
import { readBack, readBackCreated } from '../readBack';

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
