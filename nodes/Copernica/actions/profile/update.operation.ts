import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import { profileIdOf, profileIdParameter } from '../../parameters/idParameter';
import { confirmProfileInDatabase, createDatabaseIdLookup } from './profileInDatabase';
import { profileBody, profileValueProperties, profileValuesOf } from './profileValues';
import { runProfileWrites } from './profileWrite';
import { requestOptionsCollection } from '../../parameters/requestOptions';
import { simplifyParameter } from '../../results/readBack';

const properties: INodeProperties[] = [
	profileIdParameter,
	...profileValueProperties('add'),
	simplifyParameter.profile,
	requestOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['profile'], operation: ['update'] } }, properties);

/**
 * PUT profile/{id}: one profile by its ID; only the fields and interests set are sent, and only
 * once the profile is confirmed to be in the chosen database (profileInDatabase.ts).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const databaseIdOf = createDatabaseIdLookup(this);
	return await runProfileWrites.call(this, async ({ itemIndex, database, schema, settings }) => {
		const profileId = profileIdOf(this, itemIndex);
		const { fields, interests } = profileValuesOf(this, itemIndex, await schema());
		const body = profileBody(fields, interests);
		await confirmProfileInDatabase(this, profileId, database, await databaseIdOf(database, settings), settings);
		await copernicaRequest.call(this, {
			...settings,
			method: 'PUT',
			path: pathOf('profile', profileId),
			body,
			action: `updating profile ${profileId}`,
		});
		return profileId;
	});
}
