import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../shared/helpers/parameterProblem';

/** The numeric ID of one profile or subprofile (Get, Update, Delete, Add/Set Interests). */
export type Entity = 'profile' | 'subprofile';

const PARAMETER: Record<Entity, { displayName: string; name: string; placeholder: string; source: string }> = {
	profile: {
		displayName: 'Profile ID',
		name: 'profileId',
		placeholder: 'e.g. 1001',
		source: 'the ID field of a profile from Get Many or Update Profiles',
	},
	subprofile: {
		displayName: 'Subprofile ID',
		name: 'subprofileId',
		placeholder: 'e.g. 2001',
		source: 'the ID field of a subprofile from Get Many or Create',
	},
};

function idParameter(entity: Entity): INodeProperties {
	const { displayName, name, placeholder } = PARAMETER[entity];
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description: `The numeric ID of the ${entity}`,
	};
}

/** The item's ID; anything but a number is refused before a request is sent. */
export function idOf(context: IExecuteFunctions, itemIndex: number, entity: Entity): string {
	return checkedId(givenId(context, itemIndex, entity), entity);
}

/** The item's profile ID where it is optional (Subprofile → Get Many): undefined when left empty. */
export function optionalProfileIdOf(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const id = givenId(context, itemIndex, 'profile');
	return id === '' ? undefined : checkedId(id, 'profile');
}

function givenId(context: IExecuteFunctions, itemIndex: number, entity: Entity): string {
	return String(context.getNodeParameter(PARAMETER[entity].name, itemIndex, '') ?? '').trim();
}

function checkedId(id: string, entity: Entity): string {
	const { source } = PARAMETER[entity];
	if (!/^\d+$/.test(id)) {
		throw new ParameterProblem(
			id === '' ? `No ${entity} ID given` : `"${id}" is not a ${entity} ID`,
			`A ${entity} ID is a number, such as ${PARAMETER[entity].placeholder.slice(5)}: ${source}.`,
		);
	}
	return id;
}

export const profileIdParameter = idParameter('profile');
export const subprofileIdParameter = idParameter('subprofile');

export function profileIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return idOf(context, itemIndex, 'profile');
}

export function subprofileIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return idOf(context, itemIndex, 'subprofile');
}
