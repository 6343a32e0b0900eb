import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaGetAll, copernicaRequest, pathOf } from '../../../shared/transport';
import type { RequestSettings } from '../../../shared/transport/databaseSchema';
import { sharedPromise } from '../../../shared/transport/sharedPromise';
import type { MailingSuite } from '../../../shared/transport/mailingPaths';
import { suitePrefix } from '../../../shared/transport/mailingPaths';
import { forEachId } from '../../itemRunner/byId';
import type { Entity } from '../../parameters/idParameter';
import { profileIdParameter, subprofileIdParameter } from '../../parameters/idParameter';
import { singleRequestOptionsCollection } from '../../parameters/requestOptions';
import { listLimitOf } from '../../selection/listWithSelection';
import { returnAllOrLimit } from '../common.descriptions';

/**
 * Profile and Subprofile → Get Received Mailings: `GET profile/{id}/ms/destinations` and
 * `profile/{id}/publisher/destinations` (copernica-mailings.md §4.2 "Per profile"; on REST v4
 * the `draganddrop/` and `html/` prefixes, §4.1, via suitePrefix), and the same below
 * `subprofile/{id}/`. One output item per destination (one message sent to the profile),
 * 1,000 a page until all or Limit are read.
 *
 * Docs silent, and what the node does:
 * - `subprofile/{id}/…/destinations` is not on the "Per profile" list, which names only
 *   `subprofile/{id}/ms/emailings`; the node asks the path of the same form as the profile's.
 * - The order of the list is not documented: Both gives the Marketing Suite destinations first,
 *   then the Publisher ones, each in Copernica's order, and Limit counts over both.
 * - The destination's fields (`{ID, timestampsent, profile, subprofile, mailing}`) say nothing of
 *   which suite sent it, so the node adds `mailingType` (`marketingSuite` or `publisher`).
 * - Include Mailing Details: the mailings of `profile/{id}/ms/emailings` (§4.2 "Per profile",
 *   all pages; Publisher `profile/{id}/publisher/emailings`) joined by ID, so the details cost a
 *   list, not a request per destination. That list's default filters are not documented for
 *   this path (`GET ms/emailings` lists only sent mailings by default, Publisher's only non-test
 *   ones), so a mailing it leaves out is read by its ID (`ms/emailing/{id}`), once per run.
 */

export type MailingTypeChoice = MailingSuite | 'both';

const SUITES: Record<MailingTypeChoice, MailingSuite[]> = {
	marketingSuite: ['marketingSuite'],
	publisher: ['publisher'],
	both: ['marketingSuite', 'publisher'],
};

const includeDetailsParameter: INodeProperties = {
	displayName: 'Include Mailing Details',
	name: 'includeMailingDetails',
	type: 'boolean',
	default: false,
	description:
		'Whether to add each mailing\'s subject, template or document, sender and target as mailingDetails. Costs one list per suite (1,000 mailings a page), and one request for a mailing that list leaves out.',
};

export const mailingTypeParameter: INodeProperties = {
	displayName: 'Mailing Type',
	name: 'mailingType',
	type: 'options',
	default: 'both',
	options: [
		{ name: 'Both', value: 'both', description: 'Marketing Suite destinations first, then Publisher ones' },
		{ name: 'Marketing Suite', value: 'marketingSuite', description: 'Drag-and-drop template mailings' },
		{ name: 'Publisher', value: 'publisher', description: 'HTML document mailings' },
	],
	description: 'Which of Copernica\'s mailing tools sent the mailings to list',
};

function mailingTypeOf(context: IExecuteFunctions, itemIndex: number): MailingSuite[] {
	const chosen = String(context.getNodeParameter('mailingType', itemIndex, 'both')) as MailingTypeChoice;
	const suites = SUITES[chosen];
	if (!suites) {
		throw new ParameterProblem(`Mailing Type: unknown choice "${chosen}"`, 'Choose Marketing Suite, Publisher or Both.');
	}
	return suites;
}

const ID_PARAMETER: Record<Entity, INodeProperties> = { profile: profileIdParameter, subprofile: subprofileIdParameter };

/** The operation's parameters, shown for `entity` → Get Received Mailings. */
export function receivedMailingsDescription(entity: Entity): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [entity], operation: ['getReceivedMailings'] } }, [
		ID_PARAMETER[entity],
		mailingTypeParameter,
		...returnAllOrLimit,
		includeDetailsParameter,
		singleRequestOptionsCollection,
	]);
}

/** The mailings, by ID, that `path`'s list holds; a mailing it lacks is read by its ID (once per run). */
function createMailingDetails(context: IExecuteFunctions) {
	const byId = new Map<string, Promise<IDataObject>>();
	return async (listPath: string, prefix: string, ids: string[], settings: RequestSettings): Promise<Map<string, IDataObject>> => {
		const listed = await copernicaGetAll.call(context, { ...settings, path: listPath, action: 'reading the mailings sent' });
		const details = new Map(listed.map((mailing) => [String(mailing.id ?? mailing.ID), mailing]));
		for (const id of new Set(ids)) {
			if (details.has(id)) continue;
			const read = sharedPromise(byId, `${prefix}/${id}`, async () => {
				const { body } = await copernicaRequest.call(context, {
					...settings,
					method: 'GET',
					path: `${prefix}/${pathOf('emailing', id)}`,
					action: `reading mailing ${id}`,
				});
				return (body ?? {}) as IDataObject;
			});
			details.set(id, await read);
		}
		return details;
	};
}

/** Per item the destinations of the chosen suites, each with its `mailingType` (and, if asked, `mailingDetails`). */
export async function executeReceivedMailings(this: IExecuteFunctions, entity: Entity): Promise<INodeExecutionData[]> {
	const detailsOf = createMailingDetails(this);
	return await forEachId.call(this, entity, async (id, itemIndex, settings) => {
		const suites = mailingTypeOf(this, itemIndex);
		const withDetails = this.getNodeParameter('includeMailingDetails', itemIndex, false) === true;
		let remaining = listLimitOf(this, itemIndex);
		const received: IDataObject[] = [];
		for (const suite of suites) {
			if (remaining <= 0) break;
			const prefix = await suitePrefix(this, suite);
			const destinations = await copernicaGetAll.call(
				this,
				{ ...settings, path: `${pathOf(entity, id)}/${prefix}/destinations`, action: `reading the mailings ${entity} ${id} received` },
				remaining,
			);
			remaining -= destinations.length;
			const details =
				withDetails && destinations.length > 0
					? await detailsOf(`${pathOf(entity, id)}/${prefix}/emailings`, prefix, destinations.map((destination) => String(destination.mailing)), settings)
					: undefined;
			for (const destination of destinations) {
				const output: IDataObject = { ...destination, mailingType: suite };
				if (details) output.mailingDetails = details.get(String(destination.mailing)) ?? null;
				received.push(output);
			}
		}
		return received;
	});
}
