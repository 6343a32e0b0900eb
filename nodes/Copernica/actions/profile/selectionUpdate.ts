import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createdProfileId } from '../../../shared/helpers/createdProfile';
import { addMissingFields } from '../../../shared/helpers/fieldValues';
import { isDateValue } from '../../../shared/helpers/fieldTypes';
import { simplifyProfile } from '../../../shared/helpers/profileOutput';
import {
	checkCreateFindsItsProfile,
	checkSelectionShape,
	resolveSelection,
	selectionQuery,
	valuesImpliedBySelection,
} from '../../../shared/helpers/selection';
import type { Selection, SelectionConditionInput } from '../../../shared/helpers/selection';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import type { QueryPairs } from '../../../shared/transport';
import { createSchemaCache } from '../../../shared/transport/databaseSchema';
import type { RequestSettings, SchemaLookup } from '../../../shared/transport/databaseSchema';
import type { RequestLimiter } from '../../../shared/transport/requestLimiter';
import { databaseOf } from '../../../shared/locators/databaseLocator';
import { countMatches, maxMatchesOf, previewMatches } from '../../selection/selectionGuards';
import type { SelectionTarget } from '../../selection/selectionGuards';
import type { SelectionUpdateOptions } from '../../selection/selectionUpdateOptions';
import { forEachItem } from '../../itemRunner/perItem';
import { concurrencyOf, requestSettingsOf } from '../../parameters/requestOptions';
import { createSameSelectionQueue, selectionKey } from '../../selection/sameSelectionQueue';
import { checkRequestedFields, requestedFields } from '../../parameters/fieldsToSet';
import { profileBody, requestedInterests } from './profileValues';

/**
 * `PUT database/{id}/profiles` with a selection: the engine of Update Profiles and of Create or
 * Update, which differ only in where the selection comes from. Everything that can be refused
 * is refused before the PUT.
 */

/** How an operation turns an item into a selection and whether it creates. */
export interface SelectionUpdateKind {
	/** The item's conditions; `fields` are the values it sets, as given (Create or Update matches on them). */
	conditionsOf(context: IExecuteFunctions, itemIndex: number, fields: Record<string, unknown>): SelectionConditionInput[];
	createOf(context: IExecuteFunctions, itemIndex: number): boolean;
	backgroundOf(context: IExecuteFunctions, itemIndex: number): boolean;
}

/** One item's update, checked against its database and ready to send. */
interface PreparedUpdate {
	database: string;
	/** `database/{database}/profiles`, where the count, the preview and the PUT go. */
	profilesPath: string;
	selection: Selection;
	query: QueryPairs;
	body: IDataObject;
	create: boolean;
	background: boolean;
	maxMatches?: number;
	preview: boolean;
	transport: RequestSettings;
}

/**
 * Reads and checks one item's parameters. Mistakes that need no look-up are refused before the
 * first request; the rest after reading the database's fields and interests (once per database).
 */
async function prepareUpdate(
	context: IExecuteFunctions,
	kind: SelectionUpdateKind,
	itemIndex: number,
	schemaOf: SchemaLookup,
	limiter: RequestLimiter,
): Promise<PreparedUpdate> {
	const database = databaseOf(context, itemIndex);
	const options = context.getNodeParameter('options', itemIndex, {}) as SelectionUpdateOptions;
	const create = kind.createOf(context, itemIndex);
	const background = kind.backgroundOf(context, itemIndex);
	const fieldsAsked = requestedFields(context, itemIndex);
	const conditions = kind.conditionsOf(context, itemIndex, fieldsAsked.values);

	const rules = { allowEmptyValues: options.allowEmptyValues === true };
	const shaped = conditions.some((condition) => isDateValue(condition.value)) ? undefined : checkSelectionShape(conditions, rules);
	const maxMatches = maxMatchesOf(context, options);
	const transport = requestSettingsOf(options, itemIndex, limiter);
	const schema = await schemaOf(database, transport);
	let fields = checkRequestedFields(fieldsAsked, schema.fields);
	// A date from n8n's date picker (Create or Update matching on a date) has its Copernica form only now.
	const selection = resolveSelection(
		shaped ?? checkSelectionShape(kind.conditionsOf(context, itemIndex, fields), rules),
		schema.fields,
		'database',
		rules,
	);
	if (create) {
		fields = addMissingFields(fields, valuesImpliedBySelection(selection));
		checkCreateFindsItsProfile(selection, fields);
	}
	const interests = requestedInterests(
		context,
		itemIndex,
		schema.interests.map((interest) => interest.name),
	);
	const body = profileBody(fields, interests);

	const query: QueryPairs = selectionQuery(selection);
	if (create) query.push(['create', '1']);
	if (background) query.push(['async', '1']);

	return {
		database,
		profilesPath: pathOf('database', database, 'profiles'),
		selection,
		query,
		body,
		create,
		background,
		maxMatches,
		preview: options.preview === true,
		transport,
	};
}

function targetOf(update: PreparedUpdate): SelectionTarget {
	return { path: update.profilesPath, selection: update.selection, transport: update.transport, entities: 'profiles' };
}

/** Preview: the profiles the selection matches and the body the PUT would send; nothing changed. */
async function previewUpdate(context: IExecuteFunctions, update: PreparedUpdate): Promise<IDataObject> {
	const { matches, entries } = await previewMatches(context, targetOf(update), simplifyProfile);
	return {
		preview: true,
		database: update.database,
		selection: update.selection.expressions,
		matches,
		wouldCreate: update.create && matches === 0,
		wouldSend: update.body,
		profiles: entries,
	};
}

/** The PUT itself, and the output item that reports it. */
async function sendUpdate(context: IExecuteFunctions, update: PreparedUpdate): Promise<IDataObject> {
	if (update.preview) return await previewUpdate(context, update);
	const result: IDataObject = { database: update.database, selection: update.selection.expressions };
	if (update.maxMatches !== undefined) {
		result.matches = await countMatches(context, targetOf(update), update.maxMatches);
	}
	const response = await copernicaRequest.call(context, {
		...update.transport,
		method: 'PUT',
		path: update.profilesPath,
		query: update.query,
		body: update.body,
		action: 'updating profiles',
		// A create goes out only when its profile matches the selection (checkCreateFindsItsProfile):
		// a retry then updates what the first try created, so it cannot create twice (retry.ts).
		mayCreate: false,
	});
	const profileId = createdProfileId(response);
	const uncertain = update.create && !update.background && response.earlierAttemptMayHaveBeenHandled === true;
	if (uncertain && profileId === undefined) {
		return { ...result, ...(await uncertainCreation(context, update)), async: false, statusCode: response.statusCode };
	}
	return {
		...result,
		created: profileId !== undefined,
		// This try created a profile; the lost one may still have created one too (it may have been
		// handled after the retry looked): say so rather than vouch for a single profile.
		...(uncertain ? { creationUncertain: true } : {}),
		profileId: profileId ?? null,
		async: update.background,
		statusCode: response.statusCode,
	};
}

/**
 * The PUT was retried after a try Copernica may have handled (a dropped connection, a timeout,
 * a 503), and the retry updated rather than created: the profile it updated may be the one the
 * lost try created, or one that was there before. Nobody can tell, so the output says so, and
 * gives the ID of the profile the selection matches now (one look-up with the same selection).
 */
async function uncertainCreation(context: IExecuteFunctions, update: PreparedUpdate): Promise<IDataObject> {
	const uncertain = { created: null, creationUncertain: true };
	try {
		const { matches, entries } = await previewMatches(context, targetOf(update), simplifyProfile);
		const id = matches === 1 ? Number(entries[0]?.ID) : Number.NaN;
		return { ...uncertain, profileId: Number.isInteger(id) ? id : null, ...(matches > 1 ? { matchesNow: matches } : {}) };
	} catch (error) {
		// The write succeeded: a failed look-up must not turn it into a failed item.
		return { ...uncertain, profileId: null, lookUpError: error instanceof Error ? error.message : String(error) };
	}
}

/**
 * Runs the update for every item. Items run in parallel (Parallel Requests), except items with
 * the same selection, which take turns so that a create happens once and the last item's values win.
 */
export async function runSelectionUpdates(
	this: IExecuteFunctions,
	kind: SelectionUpdateKind,
): Promise<INodeExecutionData[]> {
	const schemaOf = createSchemaCache(this);
	const inTurn = createSameSelectionQueue();
	const concurrency = concurrencyOf(this.getNodeParameter('options', 0, {}) as SelectionUpdateOptions);

	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const update = await prepareUpdate(this, kind, itemIndex, schemaOf, limiter);
			const key = selectionKey(update.database, update.selection);
			return await inTurn(key, async () => await sendUpdate(this, update));
		},
		concurrency,
	);
}
