import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import { subprofileIdOf, subprofileIdParameter } from '../../parameters/idParameter';
import { requestOptionsCollection } from '../../parameters/requestOptions';
import { simplifyParameter } from '../../results/readBack';
import { runSubprofileWrites, subprofileFieldProperties } from './subprofileWrite';

const properties: INodeProperties[] = [
	subprofileIdParameter,
	...subprofileFieldProperties('add'),
	simplifyParameter.subprofile,
	requestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['subprofile'], operation: ['update'] } }, properties);

/** PUT subprofile/{id} with `{"fields": …}`: only the fields set are sent. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runSubprofileWrites.call(
		this,
		(itemIndex) => subprofileIdOf(this, itemIndex),
		async ({ fields, settings }, subprofileId) => {
			await copernicaRequest.call(this, {
				...settings,
				method: 'PUT',
				path: pathOf('subprofile', subprofileId!),
				body: { fields },
				action: `updating subprofile ${subprofileId}`,
			});
			return subprofileId!;
		},
	);
}
