import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { databaseLocator, databaseOf } from '../../../shared/locators/databaseLocator';
import { apiVersionOf } from '../../../shared/transport';
import { forEachItem } from '../../itemRunner/perItem';
import { requestSettingsOf, singleRequestOptionsCollection } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { createInDatabase, requiredName } from './createInDatabase';

const properties: INodeProperties[] = [
	{ ...databaseLocator, description: 'The Copernica database to add the interest to' },
	{
		displayName: 'Name',
		name: 'interestName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. newsletter',
		description: 'The name of the new interest',
	},
	{
		displayName: 'Group',
		name: 'group',
		type: 'string',
		default: '',
		placeholder: 'e.g. mailings',
		description: 'The group the interest is shown in; empty for none',
	},
	{
		displayName: 'Description',
		name: 'interestDescription',
		type: 'string',
		default: '',
		description: 'What the interest means. REST v4 only: with a REST v3 credential a description is refused, since v3 would drop it.',
	},
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['database'], operation: ['createInterest'] } }, properties);

/** POST database/{id}/interests (`name`, `group`; `description` on v4); the output is the new interest as Copernica lists it. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const database = databaseOf(this, itemIndex);
		const name = requiredName(this.getNodeParameter('interestName', itemIndex, ''), 'interest');
		const body: IDataObject = { name, group: String(this.getNodeParameter('group', itemIndex, '') ?? '').trim() };
		const describe = String(this.getNodeParameter('interestDescription', itemIndex, '') ?? '').trim();
		if (describe !== '') {
			if ((await apiVersionOf(this)) !== 'v4') {
				throw new ParameterProblem('Description: only REST v4 keeps an interest\'s description', 'Use a REST v4 credential, or leave Description empty.');
			}
			body.description = describe;
		}
		const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
		return await createInDatabase(this, {
			database,
			list: 'interests',
			segment: 'interest',
			name,
			body,
			settings: { ...requestSettingsOf(options, itemIndex, limiter), itemIndex },
		});
	});
}
