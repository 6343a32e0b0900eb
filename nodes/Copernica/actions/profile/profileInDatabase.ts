import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import type { RequestSettings } from '../../../shared/transport/databaseSchema';
import { sharedPromise } from '../../../shared/transport/sharedPromise';

/**
 * `PUT profile/{id}` writes to the profile whichever database the node was given
 * (copernica-api.md §3: the path names only the profile), so an ID from another database would
 * be changed, and reported as a success, while the fields were checked against the chosen
 * one. Before writing, the profile is read (one GET) and its `database` (§3.1, the profile
 * object) compared with the chosen database's ID, looked up once per run with `GET
 * database/{id or name}` (§1.1: the URL takes either; §3 returns the object with its ID). A
 * profile in another database, or a removed one (§3.1: still readable, with `removed` set), is
 * refused and nothing is written. Checking before rather than after is the point: the harm is
 * the write itself.
 */

/** The chosen database's numeric ID, per database parameter, read once per run. */
export function createDatabaseIdLookup(context: IExecuteFunctions) {
	const cache = new Map<string, Promise<string>>();
	return async (database: string, settings: RequestSettings): Promise<string> =>
		await sharedPromise(cache, database.toLowerCase(), async () => {
			const { body } = await copernicaRequest.call(context, {
				...settings,
				method: 'GET',
				path: pathOf('database', database),
				action: `reading database "${database}"`,
			});
			const id = (body as IDataObject | undefined)?.ID;
			if (id === undefined || id === null || String(id).trim() === '') {
				throw new ParameterProblem(
					`Copernica did not say the ID of database "${database}"`,
					'The profile was not changed, as the node could not confirm it belongs to this database. Try again later.',
				);
			}
			return String(id).trim();
		});
}

function isRemoved(removed: unknown): boolean {
	return removed !== undefined && removed !== null && removed !== false && removed !== '' && removed !== '0';
}

/** Reads profile `profileId` and refuses it unless it is a live profile of `database` (whose ID is `databaseId`). */
export async function confirmProfileInDatabase(
	context: IExecuteFunctions,
	profileId: string,
	database: string,
	databaseId: string,
	settings: RequestSettings,
): Promise<void> {
	const { body } = await copernicaRequest.call(context, {
		...settings,
		method: 'GET',
		path: pathOf('profile', profileId),
		action: `reading profile ${profileId} before changing it`,
	});
	const profile = (body ?? {}) as IDataObject;
	const holder = profile.database === undefined || profile.database === null ? '' : String(profile.database).trim();
	if (holder === '') {
		throw new ParameterProblem(
			`Copernica did not say which database profile ${profileId} is in; nothing was changed`,
			'The node writes a profile only once it has confirmed the profile is in the chosen database. Try again later.',
		);
	}
	if (holder !== databaseId) {
		throw new ParameterProblem(
			`Profile ${profileId} is not in database "${database}" (ID ${databaseId}) but in database ${holder}; nothing was changed`,
			`Check the Profile ID and the Database. Copernica would change the profile whichever database is chosen, after the fields were checked against the wrong one. Choose database ${holder}, or the ID of a profile in "${database}".`,
		);
	}
	if (isRemoved(profile.removed)) {
		throw new ParameterProblem(
			`Profile ${profileId} was removed; nothing was changed`,
			'Copernica keeps removed profiles readable, with empty fields. Check the Profile ID, or create the profile again.',
		);
	}
}
