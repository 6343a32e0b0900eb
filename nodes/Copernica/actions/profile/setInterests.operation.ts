import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { profileIdParameter } from '../../parameters/idParameter';
import { allowNoInterestsOption, interestNamesParameter, sendProfileInterests } from './profileInterests';
import { requestOptionsCollection } from '../../parameters/requestOptions';
import { simplifyParameter } from '../../results/readBack';

const properties: INodeProperties[] = [
	profileIdParameter,
	interestNamesParameter(
		'Interests Names or IDs',
		'The interests the profile has afterwards: these are switched on, and every other interest of the profile is switched off. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	),
	simplifyParameter.profile,
	{ ...requestOptionsCollection, options: [allowNoInterestsOption, ...(requestOptionsCollection.options ?? [])] },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['profile'], operation: ['setInterests'] } },
	properties,
);

/** PUT profile/{id}/interests: overwrites; interests not listed are switched off. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendProfileInterests.call(this, 'PUT');
}
