import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaGetAll } from '../../../shared/transport';
import type { QueryPairs } from '../../../shared/transport';
import { suitePrefix } from '../../../shared/transport/mailingPaths';
import { returnAllOrLimit } from '../common.descriptions';
import { forEachItem } from '../../itemRunner/perItem';
import { listLimitOf } from '../../selection/listWithSelection';
import { requestSettingsOf, singleRequestOptions } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { itemMailingType, mailingTypeParameter } from '../../parameters/mailingType';

/** `GET ms/templates`'s documented filters (`rest-get-ms-templates`); Publisher's list documents none. */
interface TemplateFilters {
	name?: string;
	keyword?: string;
	type?: '' | 'html' | 'json';
	createdBefore?: string;
	createdAfter?: string;
}

const properties: INodeProperties[] = [
	mailingTypeParameter,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { mailingType: ['marketingSuite'] } },
		options: [
			{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '', description: 'Only templates created after this moment' },
			{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '', description: 'Only templates created before this moment' },
			{ displayName: 'Keyword', name: 'keyword', type: 'string', default: '', description: 'Only templates whose name contains this word' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Only the template with this name' },
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Drag and Drop (JSON)', value: 'json' },
					{ name: 'HTML', value: 'html' },
				],
				default: '',
				description: 'Only templates of this kind',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...singleRequestOptions],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['getMany'] } }, properties);

/**
 * Copernica's dates are `YYYY-MM-DD HH:MM:SS` (as `ms/scheduledemailing`'s `start`); the docs
 * name `created_before`/`created_after` without a format, so n8n's date-time is sent that way.
 */
export function copernicaDateTime(value: string): string {
	const text = value.trim();
	const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/.exec(text);
	if (!match) return text;
	const time = match[2] ?? '00:00:00';
	return `${match[1]} ${time.length === 5 ? `${time}:00` : time}`;
}

export function templateFilterQuery(filters: TemplateFilters): QueryPairs {
	const query: QueryPairs = [];
	const add = (key: string, value: string | undefined, format = (text: string) => text) => {
		if (value !== undefined && value.trim() !== '') query.push([key, format(value.trim())]);
	};
	add('name', filters.name);
	add('keyword', filters.keyword);
	add('type', filters.type);
	add('created_before', filters.createdBefore, copernicaDateTime);
	add('created_after', filters.createdAfter, copernicaDateTime);
	return query;
}

/**
 * GET ms/templates (v4 draganddrop/templates) or publisher/templates (v4 html/templates), the
 * prefix from the one map in mailingPaths.ts; every page or Limit. Copernica's entries as they
 * are: the Marketing Suite ones carry `id` (lower case, as documented), Publisher's `ID`.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const suite = itemMailingType(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
		const filters =
			suite === 'marketingSuite' ? (this.getNodeParameter('filters', itemIndex, {}) as TemplateFilters) : {};
		return await copernicaGetAll.call(
			this,
			{
				...requestSettingsOf(options, itemIndex, limiter),
				path: `${await suitePrefix(this, suite)}/templates`,
				query: templateFilterQuery(filters),
				action: `listing the ${suite === 'marketingSuite' ? 'Marketing Suite' : 'Publisher'} templates`,
			},
			listLimitOf(this, itemIndex),
		);
	});
}
