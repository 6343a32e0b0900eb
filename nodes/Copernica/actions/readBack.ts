import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyProfile, simplifySubprofile } from '../helpers/profileOutput';
import { copernicaRequest, pathOf } from '../transport';
import type { RequestSettings } from '../transport/databaseSchema';
import type { Entity } from './idParameter';

/** Simplify for the operations that output one profile or subprofile. */
export const simplifyParameter: Record<Entity, INodeProperties> = {
	profile: {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the profile as one flat object (ID, its fields, its interests) instead of the raw data',
	},
	subprofile: {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the subprofile as one flat object (ID, its fields, the ID of its profile) instead of the raw data',
	},
};

const SIMPLIFY: Record<Entity, (entity: IDataObject) => IDataObject> = {
	profile: simplifyProfile,
	subprofile: simplifySubprofile,
};

/**
 * GET profile/{id} or subprofile/{id}, as the item's output: after a write it shows what
 * Copernica now holds, so the next node maps from real values rather than from what was sent.
 */
export async function readBack(
	context: IExecuteFunctions,
	itemIndex: number,
	entity: Entity,
	id: string | number,
	settings: RequestSettings,
): Promise<IDataObject> {
	const { body } = await copernicaRequest.call(context, {
		...settings,
		method: 'GET',
		path: pathOf(entity, id),
		action: `reading ${entity} ${id}`,
	});
	const read = (body ?? {}) as IDataObject;
	const simplify = context.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? SIMPLIFY[entity](read) : read;
}
