import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createdProfileId } from '../../../shared/helpers/createdProfile';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import { profileIdOf, profileIdParameter } from '../../parameters/idParameter';
import { requestOptionsCollection } from '../../parameters/requestOptions';
import { simplifyParameter } from '../../results/readBack';
import { runSubprofileWrites, subprofileFieldProperties } from './subprofileWrite';

const properties: INodeProperties[] = [
	{ ...profileIdParameter, description: 'The numeric ID of the profile the new subprofile belongs to' },
	...subprofileFieldProperties('add'),
	simplifyParameter.subprofile,
	requestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['subprofile'], operation: ['create'] } }, properties);

/**
 * POST profile/{id}/subprofiles/{collection}, with the fields as a flat object (Copernica's
 * format for this call). A POST that reached Copernica is never sent again.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runSubprofileWrites.call(
		this,
		(itemIndex) => profileIdOf(this, itemIndex),
		async ({ itemIndex, collection, fields, settings }, profileId) => {
			const response = await copernicaRequest.call(this, {
				...settings,
				method: 'POST',
				path: pathOf('profile', profileId!, 'subprofiles', collection),
				body: fields,
				action: `creating a subprofile of profile ${profileId}`,
			});
			const subprofileId = createdProfileId(response);
			if (subprofileId === undefined) {
				throw new NodeOperationError(
					this.getNode(),
					`Copernica created the subprofile but did not say its ID [item ${itemIndex}]`,
					{
						itemIndex,
						description: 'The subprofile exists. Do not run this item again, or it is created twice; find it with Get Many instead.',
					},
				);
			}
			return subprofileId;
		},
		true,
	);
}
