import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createdProfileId } from '../../../shared/helpers/createdProfile';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import { profileBody, profileValueProperties, profileValuesOf } from './profileValues';
import { runProfileWrites } from './profileWrite';
import { requestOptionsCollection } from '../../parameters/requestOptions';
import { simplifyParameter } from '../../results/readBack';

const properties: INodeProperties[] = [...profileValueProperties('add'), simplifyParameter.profile, requestOptionsCollection];

export const description = updateDisplayOptions({ show: { resource: ['profile'], operation: ['create'] } }, properties);

/**
 * POST database/{id}/profiles: always a new profile, even when one with the same values exists
 * (Create or Update is the operation that looks first). A POST that reached Copernica is never
 * sent again (transport/retry.ts), so a dropped connection cannot make two profiles.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runProfileWrites.call(this, async ({ itemIndex, database, schema, settings }) => {
		const { fields, interests } = profileValuesOf(this, itemIndex, await schema());
		const body = profileBody(fields, interests, 'the new profile would be empty');
		const response = await copernicaRequest.call(this, {
			...settings,
			method: 'POST',
			path: pathOf('database', database, 'profiles'),
			body,
			action: 'creating a profile',
		});
		const profileId = createdProfileId(response);
		if (profileId === undefined) {
			throw new NodeOperationError(this.getNode(), `Copernica created the profile but did not say its ID [item ${itemIndex}]`, {
				itemIndex,
				description:
					'The profile exists. Do not run this item again, or it is created twice; find it with Get Many instead.',
			});
		}
		return profileId;
	}, true);
}
