import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../helpers/parameterProblem';
import { simplifyProfile } from '../../helpers/profileOutput';
import { checkSelectionShape, resolveSelection, selectionQuery } from '../../helpers/selection';
import type { SelectionConditionInput } from '../../helpers/selection';
import { updateDisplayOptions } from '../../helpers/updateDisplayOptions';
import { copernicaGetAll, pathOf } from '../../transport';
import type { QueryPairs } from '../../transport';
import { createSchemaCache } from '../../transport/databaseSchema';
import { allowEmptyValuesOption, returnAllOrLimit, selectionParameter } from '../common.descriptions';
import { databaseOf } from '../databaseParameter';
import { forEachItem } from '../perItem';
import { requestSettingsOf, singleRequestOptions } from '../requestOptions';
import type { RequestOptionValues } from '../requestOptions';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		...selectionParameter,
		required: false,
		description:
			'Only profiles that meet every condition (AND); leave empty for every profile. Conditions on fields the database does not have are refused, because Copernica would ignore them and return every profile.',
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return each profile as one flat object (ID, its fields, its interests) instead of the raw data',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			allowEmptyValuesOption,
			{
				displayName: 'Order By Name or ID',
				name: 'orderBy',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getSelectionFields', loadOptionsDependsOn: ['database.value'] },
				default: 'id',
				description:
					'The field to sort on. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Order Direction',
				name: 'orderDirection',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
				default: 'asc',
			},
			...singleRequestOptions,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['profile'], operation: ['getMany'] } },
	properties,
);

interface GetManyOptions extends RequestOptionValues {
	allowEmptyValues?: boolean;
	orderBy?: string;
	orderDirection?: 'asc' | 'desc';
}

/** Built-in sort keys Copernica knows besides the database's fields. */
const BUILT_IN_ORDER = ['id', 'modified', 'random'];

/**
 * GET database/{id}/profiles: the profiles a selection matches (every profile without one),
 * 1,000 a page until all or Limit are read, in the order asked. One list per input item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const schemaOf = createSchemaCache(this);

	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const database = databaseOf(this, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', itemIndex, 50) as number);
		const conditions = this.getNodeParameter('selection.conditions', itemIndex, []) as SelectionConditionInput[];
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const options = this.getNodeParameter('options', itemIndex, {}) as GetManyOptions;
		const orderBy = String(options.orderBy ?? 'id').trim() || 'id';

		// An empty selection reads every profile: harmless for a read, so it is allowed here.
		const shaped =
			conditions.length > 0 ? checkSelectionShape(conditions, { allowEmptyValues: options.allowEmptyValues === true }) : [];
		const transport = requestSettingsOf(options, itemIndex, limiter);
		const query: QueryPairs = [];
		const needsFields = shaped.length > 0 || !BUILT_IN_ORDER.includes(orderBy.toLowerCase());
		if (needsFields) {
			const fieldNames = (await schemaOf(database, transport)).fields.map((field) => field.name);
			if (shaped.length > 0) query.push(...selectionQuery(resolveSelection(shaped, fieldNames)));
			const known = [...fieldNames, ...BUILT_IN_ORDER].find((name) => name.toLowerCase() === orderBy.toLowerCase());
			if (known === undefined) {
				throw new ParameterProblem(
					`Order By: the database has no field "${orderBy}"`,
					'Choose a field of the database from the list, or ID or Modified. Copernica would otherwise ignore the order without a word.',
				);
			}
		}
		query.push(['orderby', orderBy], ['order', options.orderDirection === 'desc' ? 'desc' : 'asc']);
		// Simplified output needs only ID, fields and interests: dataonly leaves out the rest.
		if (simplify) query.push(['dataonly', 'true']);

		const profiles = await copernicaGetAll.call(
			this,
			{ ...transport, path: pathOf('database', database, 'profiles'), query, action: 'reading profiles' },
			limit,
		);
		return simplify ? profiles.map(simplifyProfile) : (profiles as IDataObject[]);
	});
}
