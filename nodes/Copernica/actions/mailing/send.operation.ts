import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { copernicaDateTime, optionsWith, suiteOfItem } from './mailingCommon';
import { sendMailings } from './mailingSend';
import { safetyOptions, targetProperties } from './mailingTarget';

export const sourceProperties: INodeProperties[] = [
	{
		displayName: 'Template ID',
		name: 'template',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1',
		description: 'The drag-and-drop template to send; it needs a subject and a from address on a configured sender domain',
	},
];

const properties: INodeProperties[] = [
	{ ...sourceProperties[0], displayOptions: { show: { mailingType: ['marketingSuite'] } } },
	{
		displayName: 'Document ID',
		name: 'document',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5',
		displayOptions: { show: { mailingType: ['publisher'] } },
		description: 'The Publisher document to send',
	},
	...targetProperties,
	{
		displayName: 'Publisher Settings',
		name: 'publisherSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		displayOptions: { show: { mailingType: ['publisher'] } },
		description: "Copernica's settings of a Publisher mailing",
		options: [
			{ displayName: 'Cache Images', name: 'cacheimages', type: 'boolean', default: false, description: 'Whether Copernica caches the images' },
			{
				displayName: 'Content Type',
				name: 'contenttype',
				type: 'options',
				options: [
					{ name: 'Both', value: 'both' },
					{ name: 'HTML', value: 'html' },
					{ name: 'Text', value: 'text' },
				],
				default: 'both',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Embedded Images', name: 'embeddedimages', type: 'boolean', default: false, description: 'Whether the images go inside the mail' },
			{ displayName: 'Interval Count', name: 'intervalCount', type: 'number', default: 1, description: 'With Interval Unit: how often a repeated mailing goes out (interval.count)' },
			{ displayName: 'Interval Unit', name: 'intervalUnit', type: 'string', default: '', placeholder: 'e.g. day', description: "The interval.unit as Copernica takes it (its docs do not list the units); sent only when set" },
			{ displayName: 'Iterations', name: 'iterations', type: 'number', default: 1, description: 'How often a repeated mailing goes out; -1 for ever' },
			{ displayName: 'No Doubles', name: 'nodoubles', type: 'boolean', default: true, description: 'Whether an email address that appears twice receives the mailing once' },
			{ displayName: 'Personalized', name: 'personalized', type: 'boolean', default: true },
			{ displayName: 'Start', name: 'start', type: 'dateTime', default: '', description: 'When to send (YYYY-MM-DD HH:MM:SS as written); now when empty' },
			{
				displayName: 'Test',
				name: 'test',
				type: 'boolean',
				default: false,
				description:
					"Whether it is a test mailing (Copernica's settings.test). Copernica's docs do not say who a test mailing reaches, so the node counts and bounds it like any other send.",
			},
		],
	},
	optionsWith(safetyOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['mailing'], operation: ['send'] } }, properties);

/** The Publisher settings as `POST publisher/emailing` takes them: `start` false for now, interval as {count, unit}. */
export function publisherSettingsOf(given: IDataObject): IDataObject {
	const { intervalCount, intervalUnit, start, ...rest } = given;
	// Start left out means now (false); Start added but empty (an expression that found nothing) is refused, not read as now.
	if ('start' in given && (start === '' || start === null)) {
		throw new ParameterProblem('Start is empty; nothing was sent', 'Give Start a date and time, or remove the Start setting to send now.');
	}
	const settings: IDataObject = { ...rest, start: start === undefined ? false : copernicaDateTime(start, 'Start') };
	if (typeof intervalUnit === 'string' && intervalUnit.trim() !== '') settings.interval = { count: intervalCount ?? 1, unit: intervalUnit.trim() };
	return settings;
}

/**
 * POST {ms}/emailing `{template, target, targettype}` or POST {publisher}/emailing `{document,
 * target, targettype, settings}`; see mailingSend.ts for the counting, Max Recipients, Preview
 * Only and repeats. A new run of the workflow sends again.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendMailings.call(this, (itemIndex) => {
		const suite = suiteOfItem(this, itemIndex);
		// POST ms/emailing answers "the id of created request", not the mailing's (copernica-mailings.md §4.2); Publisher's answers "the created ID".
		if (suite === 'marketingSuite') return { suite, endpoint: 'emailing', extra: {}, createdAs: 'requestId', sourceParameter: 'template' };
		const settings = publisherSettingsOf(this.getNodeParameter('publisherSettings', itemIndex, {}) as IDataObject);
		return { suite, endpoint: 'emailing', extra: { settings }, createdAs: 'mailingId', sourceParameter: 'document' };
	});
}
