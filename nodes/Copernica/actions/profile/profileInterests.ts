import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { interestsToAdd } from '../../../shared/helpers/interests';
import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import { profileIdOf } from '../../parameters/idParameter';
import { confirmProfileInDatabase, createDatabaseIdLookup } from './profileInDatabase';
import { runProfileWrites } from './profileWrite';

/**
 * Add Interests and Set Interests: `profile/{id}/interests` with a list of interest names.
 * Copernica documents the two methods differently: POST adds the listed interests and leaves
 * the others as they are; PUT switches on the listed ones and every other one off.
 */

/** The interest names; each operation says what they do (`description`), ending with n8n's dropdown sentence. */
export function interestNamesParameter(displayName: string, description: string): INodeProperties {
	const names: INodeProperties = {
		displayName,
		name: 'interests',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getInterests',
			loadOptionsDependsOn: ['database.value'],
		},
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	};
	return { ...names, description };
}

/** What a Set Interests with no interests means: the profile ends with none. Refused unless asked for. */
export const allowNoInterestsOption: INodeProperties = {
	displayName: 'Allow Switching All Off',
	name: 'allowNone',
	type: 'boolean',
	default: false,
	description:
		'Whether an empty list of interests may switch off every interest of the profile. Off, an empty list (often an expression that found nothing) stops the item.',
};

export async function sendProfileInterests(
	this: IExecuteFunctions,
	method: 'POST' | 'PUT',
): Promise<INodeExecutionData[]> {
	const databaseIdOf = createDatabaseIdLookup(this);
	return await runProfileWrites.call(this, async ({ itemIndex, database, schema, settings }) => {
		const profileId = profileIdOf(this, itemIndex);
		const raw = this.getNodeParameter('interests', itemIndex, []) as unknown;
		const asked = (Array.isArray(raw) ? raw : String(raw ?? '').split(',')).filter(
			(name) => String(name).trim() !== '',
		);
		const allowNone = this.getNodeParameter('options.allowNone', itemIndex, false) as boolean;
		if (asked.length === 0 && (method === 'POST' || !allowNone)) {
			throw new ParameterProblem(
				'No interests chosen',
				method === 'POST'
					? 'Choose at least one interest to add.'
					: 'Choose the interests the profile should have. To switch every interest off, turn on Options → Allow Switching All Off.',
			);
		}
		const names = interestsToAdd(
			asked,
			(await schema()).interests.map((interest) => interest.name),
		);
		// Like Update: profile/{id}/interests changes the profile whichever database it is in.
		await confirmProfileInDatabase(this, profileId, database, await databaseIdOf(database, settings), settings);
		await copernicaRequest.call(this, {
			...settings,
			method,
			path: pathOf('profile', profileId, 'interests'),
			body: names,
			// Both are idempotent: adding or setting the same names twice ends the same way.
			mayCreate: false,
			action: `${method === 'POST' ? 'adding interests to' : 'setting the interests of'} profile ${profileId}`,
		});
		return profileId;
	});
}
