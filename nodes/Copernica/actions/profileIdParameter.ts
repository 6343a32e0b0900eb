import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../helpers/parameterProblem';

/** One profile by its numeric ID (Get, Delete). */
export const profileIdParameter: INodeProperties = {
	displayName: 'Profile ID',
	name: 'profileId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1001',
	description: 'The numeric ID of the profile',
};

/** The item's profile ID; anything but a number is refused before a request is sent. */
export function profileIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const profileId = String(context.getNodeParameter('profileId', itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(profileId)) {
		throw new ParameterProblem(
			profileId === '' ? 'No profile ID given' : `"${profileId}" is not a profile ID`,
			'A profile ID is a number, such as 1001: the ID field of a profile from Get Many or Update Profiles.',
		);
	}
	return profileId;
}
