import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { simplifyProfile, simplifySubprofile } from '../../shared/helpers/profileOutput';
import { copernicaRequest, pathOf } from '../../shared/transport';
import type { RequestSettings } from '../../shared/transport/databaseSchema';
import type { Entity } from '../parameters/idParameter';

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

/** The flat object Simplify (and Output → Simplified) makes of each entity. */
export const SIMPLIFY: Record<Entity, (entity: IDataObject) => IDataObject> = {
	profile: simplifyProfile,
	subprofile: simplifySubprofile,
};

function simplifyOf(context: IExecuteFunctions, itemIndex: number, entity: Entity): (entity: IDataObject) => IDataObject {
	const simplify = context.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? SIMPLIFY[entity] : (read) => read;
}

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
	// The writes read back with Simplify; Get passes the Output choice (outputOption.ts).
	shape: (entity: IDataObject) => IDataObject = simplifyOf(context, itemIndex, entity),
): Promise<IDataObject> {
	const { body } = await copernicaRequest.call(context, {
		...settings,
		method: 'GET',
		path: pathOf(entity, id),
		action: `reading ${entity} ${id}`,
	});
	const read = (body ?? {}) as IDataObject;
	return shape(read);
}

/**
 * The read-back after a create. The entity exists once Copernica answered the create, so a
 * failed read must not look like a failed create: the error says the entity exists and gives
 * its ID, so the item is not run again (which would create it twice).
 */
export async function readBackCreated(
	context: IExecuteFunctions,
	itemIndex: number,
	entity: Entity,
	id: string | number,
	settings: RequestSettings,
): Promise<IDataObject> {
	try {
		return await readBack(context, itemIndex, entity, id, settings);
	} catch (error) {
		throw createdButNotRead(context, error, itemIndex, entity, id);
	}
}

function createdButNotRead(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	entity: Entity,
	id: string | number,
): NodeApiError | NodeOperationError {
	const said = error instanceof Error ? error.message.replace(/\s*\[item \d+\]$/, '') : String(error);
	const message = `Copernica created ${entity} ${id}, but reading it back failed: ${said} [item ${itemIndex}]`;
	const description = `The ${entity} exists: its ID is ${id}. Do not run this item again, or it is created twice; read it with ${entity === 'profile' ? 'Profile' : 'Subprofile'} → Get (ID ${id}) instead.${
		error instanceof NodeApiError && error.description ? ` Why the read failed: ${error.description}` : ''
	}`;
	if (error instanceof NodeApiError) {
		error.message = message;
		error.description = description;
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}
