import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { createCollectionResolver, collectionParameter } from '../../../shared/locators/collectionLocator';
import { databaseLocator, databaseOf } from '../../../shared/locators/databaseLocator';
import type { FoundSelection } from '../../../shared/locators/selectionLocator';
import { allSelectionsOf, createSelectionResolver, selectionLocatorProperty } from '../../../shared/locators/selectionLocator';
import { copernicaCount, copernicaRequest, headerOf, pathOf } from '../../../shared/transport';
import type { CopernicaResponse } from '../../../shared/transport';
import type { RequestSettings } from '../../../shared/transport/databaseSchema';
import type { MailingSuite } from '../../../shared/transport/mailingPaths';
import { sharedPromise } from '../../../shared/transport/sharedPromise';
import { requiredId, suitePath } from './mailingCommon';

/**
 * What Send and Schedule share: the target (a profile, subprofile, selection, miniview, database
 * or collection), the recipient count and Max Recipients, Preview Only, and sending a target and
 * template once per run.
 *
 * SAFETY: a mailing cannot be called back. Anything larger than one profile or subprofile is
 * counted first (the target's list with `total`); a count over Max Recipients, a Max Recipients
 * that is missing or not a whole number of 1 or more, and a count Copernica does not give, are
 * each refused before the send. The count is of the moment before the send (a selection's last
 * build; a scheduled mailing's recipients are resolved by Copernica at its start).
 */

export type TargetType = 'profile' | 'subprofile' | 'view' | 'miniview' | 'database' | 'collection';

/** Targets of more than one recipient: counted, and bounded by Max Recipients. */
const MASS_TARGETS: TargetType[] = ['view', 'miniview', 'database', 'collection'];

const show = (...targetType: TargetType[]) => ({ show: { targetType } });

export const targetProperties: INodeProperties[] = [
	{
		displayName: 'Target Type',
		name: 'targetType',
		type: 'options',
		options: [
			{ name: 'Collection', value: 'collection', description: 'Every subprofile of a collection' },
			{ name: 'Database', value: 'database', description: 'Every profile of a database' },
			{ name: 'Miniview', value: 'miniview', description: 'The subprofiles of a selection of a collection' },
			{ name: 'Profile', value: 'profile', description: 'One profile: a mail to one person' },
			{ name: 'Selection', value: 'view', description: 'The profiles of a selection (view) of a database' },
			{ name: 'Subprofile', value: 'subprofile', description: 'One subprofile' },
		],
		default: 'profile',
		description: 'Who receives the mailing (Copernica\'s targettype)',
	},
	{
		displayName: 'Profile ID',
		name: 'profileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1001',
		displayOptions: show('profile'),
	},
	{
		displayName: 'Subprofile ID',
		name: 'subprofileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2001',
		displayOptions: show('subprofile'),
	},
	{
		...databaseLocator,
		description: 'The database whose profiles (or selection, or collection, or miniview) receive the mailing',
		displayOptions: show('database', 'view', 'collection', 'miniview'),
	},
	selectionLocatorProperty({ name: 'targetSelection', displayOptions: show('view'), description: 'The selection (view) whose profiles receive the mailing, as of its last build' }),
	{ ...collectionParameter, displayOptions: show('collection', 'miniview') },
	selectionLocatorProperty({
		name: 'targetMiniview',
		kind: 'miniview',
		displayOptions: show('miniview'),
		description: 'The miniview (a selection of the collection) whose subprofiles receive the mailing, as of its last build',
	}),
	{
		displayName: 'Max Recipients',
		name: 'maxRecipients',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1 },
		default: 0,
		displayOptions: show(...MASS_TARGETS),
		description:
			'Required: the most recipients this mailing may reach. The target is counted first and nothing is sent when it holds more, or when the count cannot be read. There is no default that sends to everyone.',
	},
];

export const safetyOptions: INodeProperties[] = [
	{
		displayName: 'Allow Repeats',
		name: 'allowRepeats',
		type: 'boolean',
		default: false,
		description:
			'Whether input items with the same target and template (or document) in one run each send. Off, the first sends and the others are reported as repeats. A new run of the workflow sends again: Copernica has no way to recognise a repeated request.',
	},
	{
		displayName: 'Preview Only',
		name: 'previewOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return the target, its recipient count and the template (or document) without sending anything. Max Recipients still applies.',
	},
];

/** A target as Copernica's targettype and target take it, with how many it reaches. */
export interface ResolvedTarget {
	targetType: TargetType;
	target: string;
	recipients: number;
}

/** The largest Max Recipients: more than any Copernica database holds. */
const MAX_RECIPIENTS_CEILING = 1_000_000_000;

/** Max Recipients as a whole number of 1 or more; anything else refused before any request. */
export function maxRecipientsOf(given: unknown, targetType: TargetType): number {
	const number = typeof given === 'string' && /^\s*\d+\s*$/.test(given) ? Number(given) : given;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > MAX_RECIPIENTS_CEILING) {
		throw new ParameterProblem(
			`Max Recipients must be a whole number of 1 or more for a mailing to a ${targetType}, not ${JSON.stringify(given)}; nothing was sent`,
			'Set Max Recipients to the most recipients this mailing may reach. The node counts the target first and refuses to send to more; there is no default that sends to everyone.',
		);
	}
	return number;
}

/** Where each mass target's recipients are listed (and counted with total=1). */
function countPath(targetType: TargetType, id: string): string {
	switch (targetType) {
		case 'view':
			return pathOf('view', id, 'profiles');
		case 'miniview':
			return pathOf('miniview', id, 'subprofiles');
		case 'collection':
			return pathOf('collection', id, 'subprofiles');
		default:
			return pathOf('database', id, 'profiles');
	}
}

/**
 * Copernica's target takes IDs: a database given by name is read to learn its ID, and the answer
 * must carry that name. Copernica casts a path ID as PHP does (`12abc` is 12): a name that only
 * starts with digits would otherwise count and mail database 12. Each name is read once per run,
 * however many items send to it (items at the same time share one read).
 */
function createDatabaseIdResolver(context: IExecuteFunctions) {
	const byName = new Map<string, Promise<string>>();
	const read = async (database: string, settings: RequestSettings): Promise<string> => {
		const { body } = await copernicaRequest.call(context, { ...settings, method: 'GET', path: pathOf('database', database), action: `reading database "${database}"` });
		const found = (body ?? {}) as IDataObject;
		if (String(found.name ?? '').toLowerCase() !== database.toLowerCase()) {
			throw new ParameterProblem(
				`No database is named "${database}" (Copernica answered with ${found.name === undefined ? 'no name' : `"${String(found.name)}"`}); nothing was sent`,
				'Pick the database from the list, or give its exact name or its ID.',
			);
		}
		return requiredId(found.ID, 'Database');
	};
	return async (itemIndex: number, settings: RequestSettings): Promise<string> => {
		const database = databaseOf(context, itemIndex);
		const locator = context.getNodeParameter('database', itemIndex, undefined, { extractValue: false }) as { mode?: unknown } | undefined;
		const givenByName = typeof locator === 'object' && locator !== null && locator.mode === 'name';
		if (!givenByName && /^\d+$/.test(database)) return requiredId(database, 'Database');
		return await sharedPromise(byName, database.toLowerCase(), async () => await read(database, settings));
	};
}

/** The refusal of a target that is not where the user chose it. */
function notHeld(what: string, id: string, holder: string, holderId: string, found?: string): ParameterProblem {
	return new ParameterProblem(
		`The ${what} ${id} is ${found ? `in ${holder} ${found}, not` : 'not'} in the chosen ${holder} ${holderId}; nothing was sent`,
		`Pick the ${what} again from the list for this ${holder}, or choose the ${holder} it belongs to.`,
	);
}

/**
 * A selection given by ID must be in the chosen database: after the Database was changed, an ID
 * picked before would otherwise count and mail a selection of another database. `GET view/{id}`
 * names its database (`rest-get-database-views`' shape).
 */
async function checkViewInDatabase(context: IExecuteFunctions, id: string, databaseId: string, settings: RequestSettings): Promise<void> {
	const { body } = await copernicaRequest.call(context, { ...settings, method: 'GET', path: pathOf('view', id), action: `reading view ${id}` });
	const found = String((body as IDataObject | undefined)?.database ?? '');
	if (found !== databaseId) throw notHeld('selection', id, 'database', databaseId, found);
}

/** Resolves each item's target and counts it: a Max Recipients problem is refused before any request. */
export function createTargetResolver(context: IExecuteFunctions) {
	const collectionOf = createCollectionResolver(context);
	const selectionOf = createSelectionResolver(context, 'targetSelection');
	const miniviewOf = createSelectionResolver(context, 'targetMiniview', 'miniview');
	const databaseIdOf = createDatabaseIdResolver(context);
	const miniviews = new Map<string, Promise<FoundSelection[]>>();
	/**
	 * The collection's ID; the resolver checks it is among the database's collections
	 * (collectionLocator.ts). The database is confirmed first: a name Copernica would read as
	 * another database's ID is refused before its collections are trusted.
	 */
	const checkedCollection = async (itemIndex: number, settings: RequestSettings): Promise<string> => {
		await databaseIdOf(itemIndex, settings);
		return requiredId(await collectionOf(itemIndex, settings), 'Collection');
	};
	/** The miniview's ID, checked to be in the collection's miniviews (`collection/{id}/miniviews`, nested ones too; once per run). */
	const checkedMiniview = async (itemIndex: number, settings: RequestSettings): Promise<string> => {
		const collection = await checkedCollection(itemIndex, settings);
		const miniview = requiredId(await miniviewOf(itemIndex, settings), 'Miniview');
		const held = await sharedPromise(miniviews, collection, async () => await allSelectionsOf(context, collection, settings, Number.POSITIVE_INFINITY, 'miniview'));
		if (!held.some((entry) => entry.id === miniview)) throw notHeld('miniview', miniview, 'collection', collection);
		return miniview;
	};
	return async (itemIndex: number, settings: RequestSettings): Promise<ResolvedTarget> => {
		const targetType = context.getNodeParameter('targetType', itemIndex, 'profile') as TargetType;
		if (targetType === 'profile' || targetType === 'subprofile') {
			const name = targetType === 'profile' ? 'profileId' : 'subprofileId';
			const target = requiredId(context.getNodeParameter(name, itemIndex, ''), targetType === 'profile' ? 'Profile ID' : 'Subprofile ID');
			return { targetType, target, recipients: 1 };
		}
		if (!MASS_TARGETS.includes(targetType)) {
			throw new ParameterProblem(`Unknown target type "${String(targetType)}"`, 'Choose a Target Type from the list. Nothing was sent.');
		}
		const maxRecipients = maxRecipientsOf(context.getNodeParameter('maxRecipients', itemIndex, undefined), targetType);
		let target: string;
		if (targetType === 'database') {
			target = await databaseIdOf(itemIndex, settings);
		} else if (targetType === 'collection') {
			target = await checkedCollection(itemIndex, settings);
		} else if (targetType === 'view') {
			target = requiredId(await selectionOf(itemIndex, settings), 'Selection');
			await checkViewInDatabase(context, target, await databaseIdOf(itemIndex, settings), settings);
		} else {
			target = await checkedMiniview(itemIndex, settings);
		}
		const recipients = await copernicaCount.call(context, {
			...settings,
			path: countPath(targetType, target),
			action: `counting the recipients of ${targetType} ${target}`,
		});
		if (recipients > maxRecipients) {
			throw new ParameterProblem(
				`The ${targetType === 'view' ? 'selection' : targetType} ${target} holds ${recipients} recipients, more than Max Recipients (${maxRecipients}); nothing was sent`,
				'Narrow the target, or raise Max Recipients if this many people should receive the mailing.',
			);
		}
		return { targetType, target, recipients };
	};
}

/** The template (Marketing Suite) or document (Publisher) as Copernica describes it, for a preview. */
export async function sourceOf(context: IExecuteFunctions, suite: MailingSuite, id: string, settings: RequestSettings): Promise<IDataObject> {
	const kind = suite === 'publisher' ? 'document' : 'template';
	const { body } = await copernicaRequest.call(context, {
		...settings,
		method: 'GET',
		path: await suitePath(context, suite, kind, id),
		action: `reading ${kind} ${id}`,
	});
	return (body ?? {}) as IDataObject;
}

/**
 * The ID a send answered with. Copernica's docs say only "the id of created request" (a Marketing
 * Suite send: the request's, not the mailing's) or "the created ID" (Publisher), not where
 * (copernica-mailings.md §4.2): X-Created, else the end of Location, else the body (a number, or
 * an object's id/ID). Null when none of them says.
 */
export function createdIdOf(response: CopernicaResponse): string | null {
	const header = headerOf(response, 'x-created');
	if (header && /^\d+$/.test(header.trim())) return header.trim();
	const location = /\/(\d+)\/?$/.exec(headerOf(response, 'location') ?? '')?.[1];
	if (location) return location;
	const { body } = response;
	if (typeof body === 'number' || (typeof body === 'string' && /^\d+$/.test(body.trim()))) return String(body).trim();
	const fromObject = body && typeof body === 'object' ? ((body as IDataObject).id ?? (body as IDataObject).ID) : undefined;
	return fromObject === undefined || fromObject === null ? null : String(fromObject);
}

/** Items of one run that would send the same mailing again: the first item's index per key. */
export function createRepeatGuard() {
	const first = new Map<string, number>();
	return {
		/** The earlier item that sent (or tried to send) this key, or undefined, after which it is this item's. */
		claim(key: string, itemIndex: number): number | undefined {
			const earlier = first.get(key);
			if (earlier === undefined) first.set(key, itemIndex);
			return earlier;
		},
	};
}
