import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { databaseOf } from '../../../shared/locators/databaseLocator';
import { createCollectionResolver } from '../../../shared/locators/collectionLocator';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import type { RequestSettings } from '../../../shared/transport/databaseSchema';
import { sharedPromise } from '../../../shared/transport/sharedPromise';
import { forEachItem } from '../../itemRunner/perItem';
import type { Entity } from '../../parameters/idParameter';
import { idOf, profileIdParameter, subprofileIdParameter } from '../../parameters/idParameter';
import { concurrencyOf, requestOptionsCollection, requestSettingsOf } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { readBack, SIMPLIFY } from '../../results/readBack';
import type { Holder } from '../profile/profileInDatabase';
import { createDatabaseIdLookup, isRemoved, readInHolder } from '../profile/profileInDatabase';

/**
 * Profile and Subprofile → Unsubscribe: `PUT profile/{id}/unsubscribe` (`subprofile/{id}/…`)
 * with an empty body, which runs the unsubscribe behaviour of the profile's database (the
 * subprofile's collection): nothing, remove, or update some fields (copernica-mailings.md §4.2
 * "Unsubscribes"). The PUT answers nothing about what it did, so the node reads the behaviour
 * first (`GET database/{id}/unsubscribe`, `collection/{id}/unsubscribe`, once per run) and the
 * (sub)profile after, and the item says what happened:
 * `{ID, unsubscribed, behavior, fields (update only), removed, profile|subprofile}`.
 *
 * As every write by ID (profileInDatabase.ts), the (sub)profile is read first and refused,
 * with nothing sent, unless it is in the chosen database (collection): the PUT names only the
 * (sub)profile, and the behaviour reported would be another one's.
 *
 * Docs silent, and what the node does:
 * - An already removed (sub)profile: the docs do not say Copernica refuses its unsubscribe. A
 *   removed one receives no mailings, so the node sends nothing and says so
 *   (`unsubscribed: false, removed: true`) instead of failing: a re-run after a `remove`
 *   behaviour does not fail on work that is done.
 * - Whether Copernica also records the unsubscribe in the statistics: not said; nothing to report.
 */

const OWNER: Record<Entity, Holder['owner']> = { profile: 'database', subprofile: 'collection' };

const HARM = (entity: Entity) =>
	`Copernica would run the unsubscribe behaviour of the ${entity}'s own ${OWNER[entity]}, and the node would report the chosen one's.`;

export function unsubscribeDescription(entity: Entity): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [entity], operation: ['unsubscribe'] } }, [
		entity === 'profile' ? profileIdParameter : subprofileIdParameter,
		requestOptionsCollection,
	]);
}

/** `{behavior, fields}` of a database or collection, as Copernica answers `GET …/unsubscribe`. */
interface Behaviour {
	behavior: string;
	fields: IDataObject;
}

function createBehaviourLookup(context: IExecuteFunctions, owner: Holder['owner']) {
	const cache = new Map<string, Promise<Behaviour>>();
	return async (id: string, settings: RequestSettings): Promise<Behaviour> =>
		await sharedPromise(cache, id, async () => {
			const { body } = await copernicaRequest.call(context, {
				...settings,
				method: 'GET',
				path: pathOf(owner, id, 'unsubscribe'),
				action: `reading the unsubscribe behaviour of ${owner} ${id}`,
			});
			const answer = (body ?? {}) as IDataObject;
			const fields = answer.fields && typeof answer.fields === 'object' && !Array.isArray(answer.fields) ? (answer.fields as IDataObject) : {};
			return { behavior: String(answer.behavior ?? 'unknown'), fields };
		});
}

/** The chosen database's ID (profiles) or collection's ID (subprofiles) for the item. */
function createHolderLookup(context: IExecuteFunctions, entity: Entity) {
	if (entity === 'profile') {
		const databaseIdOf = createDatabaseIdLookup(context);
		return async (itemIndex: number, settings: RequestSettings) => {
			const given = databaseOf(context, itemIndex);
			return { given, id: await databaseIdOf(given, settings) };
		};
	}
	const collectionOf = createCollectionResolver(context);
	return async (itemIndex: number, settings: RequestSettings) => {
		const given = String(context.getNodeParameter('collection', itemIndex, '', { extractValue: true }) ?? '').trim();
		return { given, id: await collectionOf(itemIndex, settings) };
	};
}

export async function executeUnsubscribe(this: IExecuteFunctions, entity: Entity): Promise<INodeExecutionData[]> {
	const owner = OWNER[entity];
	const holderOf = createHolderLookup(this, entity);
	const behaviourOf = createBehaviourLookup(this, owner);
	const concurrency = concurrencyOf(this.getNodeParameter('options', 0, {}) as RequestOptionValues);
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const id = idOf(this, itemIndex, entity);
			const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
			const settings = requestSettingsOf(options, itemIndex, limiter);
			const holder = await holderOf(itemIndex, settings);
			const before = await readInHolder(this, id, { entity, owner, ...holder, harm: HARM(entity) }, settings);
			const { behavior, fields } = await behaviourOf(holder.id, settings);
			const said: IDataObject = { ID: String(before.ID ?? id), unsubscribed: false, behavior };
			if (behavior === 'update') said.fields = fields;
			if (isRemoved(before.removed)) return { ...said, removed: true };
			await copernicaRequest.call(this, {
				...settings,
				method: 'PUT',
				path: pathOf(entity, id, 'unsubscribe'),
				action: `unsubscribing ${entity} ${id}`,
			});
			const after = await readBack(this, itemIndex, entity, id, settings, (read) => read);
			const removed = isRemoved(after.removed);
			return { ...said, unsubscribed: true, removed, ...(removed ? {} : { [entity]: SIMPLIFY[entity](after) }) };
		},
		concurrency,
	);
}
