import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { copernicaGetAll, copernicaRequest, pathOf } from '../../../shared/transport';
import type { QueryPairs } from '../../../shared/transport';
import type { MailingSuite } from '../../../shared/transport/mailingPaths';
import { suitePrefix } from '../../../shared/transport/mailingPaths';
import { forEachItem } from '../../itemRunner/perItem';
import { DEFAULT_PARALLEL_REQUESTS, requestSettingsOf, singleRequestOptions } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { listLimitOf } from '../../selection/listWithSelection';
import { itemMailingType } from '../../parameters/mailingType';

/**
 * What the Mailing operations share: the Mailing Type (Marketing Suite or Publisher, whose
 * paths start with `ms/` and `publisher/` on REST v3 and `draganddrop/` and `html/` on v4,
 * mailingPaths.ts), the mailing ID, and Copernica's date-time format.
 */

export const mailingIdParameter: INodeProperties = {
	displayName: 'Mailing ID',
	name: 'mailingId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234',
	description: 'The ID of the mailing, as Get Many lists it',
};

/** The item's Mailing Type: an unknown value (from an expression) is refused, never read as Marketing Suite. */
export function suiteOfItem(context: IExecuteFunctions, itemIndex: number): MailingSuite {
	return itemMailingType(context, itemIndex);
}

/** A whole-number ID from a parameter, refused before any request when it is anything else. */
export function requiredId(value: unknown, displayName: string): string {
	const id = String(value ?? '').trim();
	// Past 2^53 a number is rounded on its way into a JSON body: it would name another entity.
	if (!/^\d+$/.test(id) || !Number.isSafeInteger(Number(id))) {
		throw new ParameterProblem(
			`${displayName} must be a Copernica ID (a whole number), not ${JSON.stringify(value)}`,
			`Give the ${displayName} as a number. Nothing was sent.`,
		);
	}
	return id;
}

/** `{suite}/…segments` for this credential's REST version. */
export async function suitePath(context: IExecuteFunctions, suite: MailingSuite, ...segments: Array<string | number>): Promise<string> {
	return `${await suitePrefix(context, suite)}/${pathOf(...segments)}`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date or date and time as Copernica writes it, `YYYY-MM-DD HH:MM:SS`. The wall-clock time is
 * taken as written (an offset such as `+01:00` or `Z` is dropped, not converted): Copernica's
 * docs do not say which time zone these parameters are in, so the node does not guess one.
 * Anything else is refused, since Copernica reads an unreadable date as no bound at all.
 */
export function copernicaDateTime(value: unknown, displayName: string): string {
	const text = (value && typeof value === 'object' && 'toISO' in value ? String((value as { toISO: () => string }).toISO()) : String(value ?? '')).trim();
	const match = DATE_TIME.exec(text);
	const [, year, month, day, hour = '00', minute = '00', second = '00'] = match ?? [];
	const date = match ? new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second))) : undefined;
	if (!date || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
		throw new ParameterProblem(
			`${displayName} must be a date and time such as 2026-03-31 14:00:00, not ${JSON.stringify(value)}`,
			`Give ${displayName} as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (an ISO date-time works too). Copernica would read anything else as no date. Nothing was sent.`,
		);
	}
	return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** `name=YYYY-MM-DD HH:MM:SS` for each date option that is set. */
export function dateQuery(options: Record<string, unknown>, names: Record<string, [string, string]>): QueryPairs {
	return Object.entries(names)
		.filter(([option]) => options[option] !== undefined && options[option] !== '')
		.map(([option, [parameter, displayName]]) => [parameter, copernicaDateTime(options[option], displayName)]);
}

/** Begin Time and End Time, for the statistics and the events. */
export const timeWindowOptions: INodeProperties[] = [
	{
		displayName: 'Begin Time',
		name: 'beginTime',
		type: 'dateTime',
		default: '',
		description: 'Only what happened from this moment on (sent as begintime, YYYY-MM-DD HH:MM:SS, as written: Copernica does not document its time zone)',
	},
	{
		displayName: 'End Time',
		name: 'endTime',
		type: 'dateTime',
		default: '',
		description: 'Only what happened up to this moment (sent as endtime)',
	},
];

export const TIME_WINDOW: Record<string, [string, string]> = {
	beginTime: ['begintime', 'Begin Time'],
	endTime: ['endtime', 'End Time'],
};

/** What one item asks of a mailing path: below `{suite}/`, its query, and what the node is doing, in words. */
export interface MailingRequest {
	segments: Array<string | number>;
	query?: QueryPairs;
	action: string;
}

type Ask = (itemIndex: number, options: IDataObject) => MailingRequest;

function optionsOf(context: IExecuteFunctions, itemIndex: number): RequestOptionValues & IDataObject {
	return context.getNodeParameter('options', itemIndex, {}) as RequestOptionValues & IDataObject;
}

/** Get and Get Statistics: one GET per item, its answer as the item (with `extra` in front). */
export async function readMailingPath(
	this: IExecuteFunctions,
	ask: Ask,
	extra: (itemIndex: number) => IDataObject = () => ({}),
	shape: (body: unknown) => unknown = (body) => body,
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const suite = suiteOfItem(this, itemIndex);
			const options = optionsOf(this, itemIndex);
			const { segments, query, action } = ask(itemIndex, options);
			const { body } = await copernicaRequest.call(this, {
				...requestSettingsOf(options, itemIndex, limiter),
				method: 'GET',
				path: await suitePath(this, suite, ...segments),
				query,
				action,
			});
			return { ...extra(itemIndex), ...((shape(body) ?? {}) as IDataObject) };
		},
		{ parallel: DEFAULT_PARALLEL_REQUESTS },
	);
}

/** Get Many and Get Events: every page of 1,000 of a list (or Limit), one item per entry. */
export async function listMailingPath(this: IExecuteFunctions, ask: Ask): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex, limiter) => {
		const suite = suiteOfItem(this, itemIndex);
		const options = optionsOf(this, itemIndex);
		const { segments, query, action } = ask(itemIndex, options);
		const limit = listLimitOf(this, itemIndex);
		return await copernicaGetAll.call(
			this,
			{ ...requestSettingsOf(options, itemIndex, limiter), path: await suitePath(this, suite, ...segments), query, action },
			limit,
		);
	});
}

/** An operation's Options: its own first, then retries and timeout. */
export function optionsWith(own: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options: [...own, ...singleRequestOptions] };
}
