import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../helpers/parameterProblem';
import { simplifyProfile } from '../../helpers/profileOutput';
import { updateDisplayOptions } from '../../helpers/updateDisplayOptions';
import { copernicaRequest, pathOf } from '../../transport';
import { forEachItem } from '../perItem';
import { DEFAULT_PARALLEL_REQUESTS, retryPolicyOf, singleRequestOptions, timeoutOf } from '../requestOptions';
import type { RequestOptionValues } from '../requestOptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Profile ID',
		name: 'profileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1001',
		description: 'The numeric ID of the profile',
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the profile as one flat object (ID, its fields, its interests) instead of the raw data',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: singleRequestOptions,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['profile'], operation: ['get'] } }, properties);

/** GET profile/{id}: one profile by its ID, from any database. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const profileId = String(this.getNodeParameter('profileId', itemIndex, '') ?? '').trim();
			if (!/^\d+$/.test(profileId)) {
				throw new ParameterProblem(
					profileId === '' ? 'No profile ID given' : `"${profileId}" is not a profile ID`,
					'A profile ID is a number, such as 1001: the ID field of a profile from Get Many or Update Profiles.',
				);
			}
			const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
			const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
			const { body } = await copernicaRequest.call(this, {
				method: 'GET',
				path: pathOf('profile', profileId),
				retry: retryPolicyOf(options),
				timeoutMs: timeoutOf(options),
				itemIndex,
				limiter,
				action: `reading profile ${profileId}`,
			});
			const profile = (body ?? {}) as IDataObject;
			return simplify ? simplifyProfile(profile) : profile;
		},
		{ parallel: DEFAULT_PARALLEL_REQUESTS },
	);
}
