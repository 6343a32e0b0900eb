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

/** Whether Copernica's `removed` says the (sub)profile was removed (it holds a date then). */
export function isRemoved(removed: unknown): boolean {
	return removed !== undefined && removed !== null && removed !== false && removed !== '' && removed !== '0';
}

/** Where a profile (its database) or a subprofile (its collection) must be, as the user chose it. */
export interface Holder {
	entity: 'profile' | 'subprofile';
	owner: 'database' | 'collection';
	/** As the user gave it (an ID or a name), for messages. */
	given: string;
	/** Its numeric ID, as the entity's `database` or `collection` says it. */
	id: string;
	/** Why a wrong holder matters to this operation, one sentence for the error's description. */
	harm: string;
}

/**
 * Reads the (sub)profile and refuses it, writing nothing, unless its `database` (profile,
 * copernica-api.md §3.1) or `collection` (subprofile object, §3.1) is the chosen one. The
 * entity as Copernica answered, removed or not: the caller decides what a removed one means.
 */
export async function readInHolder(
	context: IExecuteFunctions,
	entityId: string,
	holder: Holder,
	settings: RequestSettings,
): Promise<IDataObject> {
	const { entity, owner, given, id } = holder;
	const { body } = await copernicaRequest.call(context, {
		...settings,
		method: 'GET',
		path: pathOf(entity, entityId),
		action: `reading ${entity} ${entityId} before changing it`,
	});
	const read = (body ?? {}) as IDataObject;
	const found = read[owner] === undefined || read[owner] === null ? '' : String(read[owner]).trim();
	if (found === '') {
		throw new ParameterProblem(
			`Copernica did not say which ${owner} ${entity} ${entityId} is in; nothing was changed`,
			`The node writes a ${entity} only once it has confirmed the ${entity} is in the chosen ${owner}. Try again later.`,
		);
	}
	if (found !== id) {
		const Entity = entity === 'profile' ? 'Profile' : 'Subprofile';
		const Owner = owner === 'database' ? 'Database' : 'Collection';
		throw new ParameterProblem(
			`${Entity} ${entityId} is not in ${owner} "${given}" (ID ${id}) but in ${owner} ${found}; nothing was changed`,
			`Check the ${Entity} ID and the ${Owner}. ${holder.harm} Choose ${owner} ${found}, or the ID of a ${entity} in "${given}".`,
		);
	}
	return read;
}

/** Reads profile `profileId` and refuses it unless it is a live profile of `database` (whose ID is `databaseId`). */
export async function confirmProfileInDatabase(
	context: IExecuteFunctions,
	profileId: string,
	database: string,
	databaseId: string,
	settings: RequestSettings,
): Promise<void> {
	const profile = await readInHolder(
		context,
		profileId,
		{
			entity: 'profile',
			owner: 'database',
			given: database,
			id: databaseId,
			harm: 'Copernica would change the profile whichever database is chosen, after the fields were checked against the wrong one.',
		},
		settings,
	);
	if (isRemoved(profile.removed)) {
		throw new ParameterProblem(
			`Profile ${profileId} was removed; nothing was changed`,
			'Copernica keeps removed profiles readable, with empty fields. Check the Profile ID, or create the profile again.',
		);
	}
}
