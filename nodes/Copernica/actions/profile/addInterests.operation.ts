import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { profileIdParameter } from '../../parameters/idParameter';
import { interestNamesParameter, sendProfileInterests } from './profileInterests';
import { requestOptionsCollection } from '../../parameters/requestOptions';
import { simplifyParameter } from '../../results/readBack';

const properties: INodeProperties[] = [
	profileIdParameter,
	interestNamesParameter(
		'Interests to Add Names or IDs',
		'Interests to switch on. Every other interest of the profile stays as it is. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	),
	simplifyParameter.profile,
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['profile'], operation: ['addInterests'] } },
	properties,
);

/** POST profile/{id}/interests: adds, never removes. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendProfileInterests.call(this, 'POST');
}
