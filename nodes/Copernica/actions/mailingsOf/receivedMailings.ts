import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaGetAll, pathOf } from '../../../shared/transport';
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
 */

export type MailingTypeChoice = MailingSuite | 'both';

const SUITES: Record<MailingTypeChoice, MailingSuite[]> = {
	marketingSuite: ['marketingSuite'],
	publisher: ['publisher'],
	both: ['marketingSuite', 'publisher'],
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
		singleRequestOptionsCollection,
	]);
}

/** Per item the destinations of the chosen suites, each with its `mailingType`. */
export async function executeReceivedMailings(this: IExecuteFunctions, entity: Entity): Promise<INodeExecutionData[]> {
	return await forEachId.call(this, entity, async (id, itemIndex, settings) => {
		const suites = mailingTypeOf(this, itemIndex);
		let remaining = listLimitOf(this, itemIndex);
		const received: IDataObject[] = [];
		for (const suite of suites) {
			if (remaining <= 0) break;
			const destinations = await copernicaGetAll.call(
				this,
				{
					...settings,
					path: `${pathOf(entity, id)}/${await suitePrefix(this, suite)}/destinations`,
					action: `reading the mailings ${entity} ${id} received`,
				},
				remaining,
			);
			received.push(...destinations.map((destination) => ({ ...destination, mailingType: suite })));
			remaining -= destinations.length;
		}
		return received;
	});
}
