import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectionIdByName, requiredCollection } from '../../shared/helpers/collectionName';
import { ParameterProblem } from '../../shared/helpers/parameterProblem';
import { requiredDatabase } from '../../shared/locators/databaseLocator';
import { copernicaRequest, pathOf } from '../../shared/transport';
import { getDatabaseCollections } from '../../shared/transport/databaseSchema';
import { eventNamed } from '../events';
import type { TriggerEvent } from '../events';

/** The webhook the node's settings ask for, as Copernica's POST webhooks takes it (copernica-webhooks.md §3.1). */
export interface DesiredWebhook {
	event: TriggerEvent;
	/** The URL n8n gives the webhook (test or production); Copernica is given it with a registration tag. */
	url: string;
	trigger: string;
	callers: string[];
	databaseId: string | null;
	collectionId: string | null;
}

type TriggerContext = IHookFunctions | IWebhookFunctions;

export function eventOf(context: TriggerContext): TriggerEvent {
	const value = String(context.getNodeParameter('event', ''));
	const event = eventNamed(value);
	if (event === undefined) throw new NodeOperationError(context.getNode(), `Unknown event "${value}"`, { description: 'Choose an event of the list.' });
	return event;
}

export function callersOf(context: TriggerContext): string[] {
	const callers = String(context.getNodeParameter('options.callers', 'all'));
	return callers === 'ms' || callers === 'publisher' ? [callers] : ['ms', 'publisher'];
}

function problemToError(context: TriggerContext, error: unknown): never {
	if (error instanceof ParameterProblem) {
		throw new NodeOperationError(context.getNode(), error.message, { description: error.description });
	}
	throw error;
}

/**
 * The database's ID. POST webhooks takes IDs only, and a webhook call names the database by ID;
 * a database given by name is looked up once (GET database/{name} answers its ID).
 */
export async function databaseIdOf(context: TriggerContext): Promise<string> {
	let given: string;
	try {
		given = requiredDatabase(context.getNodeParameter('database', '', { extractValue: true }));
	} catch (error) {
		problemToError(context, error);
	}
	if (/^\d+$/.test(given)) return given;
	const response = await copernicaRequest.call(context, {
		method: 'GET',
		path: pathOf('database', given),
		action: `looking up database "${given}"`,
	});
	const id = String((response.body as IDataObject | undefined)?.ID ?? '');
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(context.getNode(), `Copernica did not give the ID of database "${given}"`, {
			description: 'Pick the database from the list instead.',
		});
	}
	return id;
}

export async function collectionIdOf(context: TriggerContext, databaseId: string): Promise<string> {
	try {
		const given = requiredCollection(context.getNodeParameter('collection', ''));
		if (given.byId) return given.value;
		return collectionIdByName(await getDatabaseCollections.call(context, databaseId), given.value);
	} catch (error) {
		problemToError(context, error);
	}
}

export async function desiredWebhook(context: IHookFunctions): Promise<DesiredWebhook> {
	const event = eventOf(context);
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave no webhook URL for this trigger');
	const databaseId = event.kind === 'email' ? null : await databaseIdOf(context);
	const collectionId = event.kind === 'subprofile' ? await collectionIdOf(context, databaseId!) : null;
	return { event, url, trigger: event.trigger, callers: callersOf(context), databaseId, collectionId };
}

/** The body of POST webhooks: only what the node means, nothing Copernica would default wrongly. */
export function webhookBody(desired: DesiredWebhook, handler: string): IDataObject {
	const body: IDataObject = { handler, trigger: desired.trigger, callers: desired.callers };
	if (desired.databaseId !== null) body.database = Number(desired.databaseId);
	if (desired.collectionId !== null) body.collection = Number(desired.collectionId);
	return body;
}
