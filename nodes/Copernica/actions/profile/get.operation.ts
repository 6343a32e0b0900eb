import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { simplifyProfile } from '../../helpers/profileOutput';
import { updateDisplayOptions } from '../../helpers/updateDisplayOptions';
import { copernicaRequest, pathOf } from '../../transport';
import { forEachItem } from '../perItem';
import { profileIdOf, profileIdParameter } from '../profileIdParameter';
import { DEFAULT_PARALLEL_REQUESTS, requestSettingsOf, singleRequestOptionsCollection } from '../requestOptions';
import type { RequestOptionValues } from '../requestOptions';

const properties: INodeProperties[] = [
	profileIdParameter,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the profile as one flat object (ID, its fields, its interests) instead of the raw data',
	},
	singleRequestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['profile'], operation: ['get'] } }, properties);

/** GET profile/{id}: one profile by its ID, from any database. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const profileId = profileIdOf(this, itemIndex);
			const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
			const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
			const { body } = await copernicaRequest.call(this, {
				...requestSettingsOf(options, itemIndex, limiter),
				method: 'GET',
				path: pathOf('profile', profileId),
				action: `reading profile ${profileId}`,
			});
			const profile = (body ?? {}) as IDataObject;
			return simplify ? simplifyProfile(profile) : profile;
		},
		{ parallel: DEFAULT_PARALLEL_REQUESTS },
	);
}
