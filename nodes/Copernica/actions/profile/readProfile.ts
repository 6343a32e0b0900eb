import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyProfile } from '../../helpers/profileOutput';
import { copernicaRequest, pathOf } from '../../transport';
import type { RequestSettings } from '../../transport/databaseSchema';

/** Simplify for the operations that output one profile (Get, Create, Update, Add/Set Interests). */
export const simplifyProfileParameter: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return the profile as one flat object (ID, its fields, its interests) instead of the raw data',
};

/**
 * GET profile/{id}, as the item's output: after a write it shows the profile as Copernica now
 * holds it, so the next node maps from real values rather than from what was sent.
 */
export async function readProfile(
	context: IExecuteFunctions,
	itemIndex: number,
	profileId: string | number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const { body } = await copernicaRequest.call(context, {
		...settings,
		method: 'GET',
		path: pathOf('profile', profileId),
		action: `reading profile ${profileId}`,
	});
	const profile = (body ?? {}) as IDataObject;
	const simplify = context.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? simplifyProfile(profile) : profile;
}
