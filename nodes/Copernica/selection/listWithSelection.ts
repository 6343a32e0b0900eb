import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../shared/helpers/parameterProblem';
import { checkSelectionShape, resolveSelection, selectionQuery } from '../../shared/helpers/selection';
import type { FieldOwner, SelectionConditionInput, SelectionField } from '../../shared/helpers/selection';
import { copernicaGetAll } from '../../shared/transport';
import type { QueryPairs } from '../../shared/transport';
import type { RequestSettings } from '../../shared/transport/databaseSchema';
import { allowEmptyValuesOption } from '../actions/common.descriptions';
import { singleRequestOptions, wholeNumberOption } from '../parameters/requestOptions';
import type { RequestOptionValues } from '../parameters/requestOptions';

/**
 * Get Many of profiles and of subprofiles: a selection checked like the updates' (an empty one
 * reads everything, harmless for a read), an order checked against the fields, `dataonly` when
 * the output is simplified, and every page up to the limit.
 */

export interface ListOptions extends RequestOptionValues {
	allowEmptyValues?: boolean;
	orderBy?: string;
	orderDirection?: 'asc' | 'desc';
}

function orderByOption(loadOptionsMethod: string, dependsOn: string): INodeProperties {
	return {
		displayName: 'Order By Name or ID',
		name: 'orderBy',
		type: 'options',
		typeOptions: { loadOptionsMethod, loadOptionsDependsOn: [dependsOn] },
		default: '',
		description:
			'The field to sort on; by ID when left empty. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

const orderDirectionOption: INodeProperties = {
	displayName: 'Order Direction',
	name: 'orderDirection',
	type: 'options',
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: 'asc',
};

/** The Options of a Get Many: empty selection values, the order, retries and timeout. */
export function listOptionsCollection(loadOptionsMethod: string, dependsOn: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			allowEmptyValuesOption,
			orderByOption(loadOptionsMethod, dependsOn),
			orderDirectionOption,
			...singleRequestOptions,
		],
	};
}

/** Built-in sort keys Copernica knows besides the fields. */
const BUILT_IN_ORDER = ['id', 'modified', 'random'];

export interface ListRequest {
	path: string;
	action: string;
	/** Where the fields come from, for messages: "database" or "collection". */
	owner: FieldOwner;
	conditions: SelectionConditionInput[];
	options: ListOptions;
	simplify: boolean;
	/** Entries to read at most (Infinity for Return All). */
	limit: number;
	transport: RequestSettings;
	/** The fields selections and the order are checked against; read only when needed. */
	fields: () => Promise<SelectionField[]>;
}

export async function listWithSelection(context: IExecuteFunctions, request: ListRequest): Promise<IDataObject[]> {
	const { conditions, options } = request;
	const orderBy = String(options.orderBy ?? 'id').trim() || 'id';
	const rules = { allowEmptyValues: options.allowEmptyValues === true };
	const shaped = conditions.length > 0 ? checkSelectionShape(conditions, rules) : [];
	const query: QueryPairs = [];
	const needsFields = shaped.length > 0 || !BUILT_IN_ORDER.includes(orderBy.toLowerCase());
	if (needsFields) {
		const fields = await request.fields();
		if (shaped.length > 0) query.push(...selectionQuery(resolveSelection(shaped, fields, request.owner, rules)));
		const fieldNames = fields.map((field) => field.name);
		const known = [...fieldNames, ...BUILT_IN_ORDER].find((name) => name.toLowerCase() === orderBy.toLowerCase());
		if (known === undefined) {
			throw new ParameterProblem(
				`Order By: the ${request.owner} has no field "${orderBy}"`,
				`Choose a field of the ${request.owner} from the list, or ID or Modified. Copernica would otherwise ignore the order without a word.`,
			);
		}
	}
	query.push(['orderby', orderBy], ['order', options.orderDirection === 'desc' ? 'desc' : 'asc']);
	// Simplified output needs only the ID and the fields: dataonly leaves out the rest.
	if (request.simplify) query.push(['dataonly', 'true']);
	return await copernicaGetAll.call(
		context,
		{ ...request.transport, path: request.path, query, action: request.action },
		request.limit,
	);
}

/** Return All or Limit, as the number of entries to read. */
export function listLimitOf(context: IExecuteFunctions, itemIndex: number): number {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? Number.POSITIVE_INFINITY : wholeNumberOption(context.getNodeParameter('limit', itemIndex, 50), 'limit', 50);
}
