import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { updateDisplayOptions } from '../../../shared/helpers/updateDisplayOptions';
import { locatorModes } from '../../../shared/locators/locatorModes';
import { copernicaDateTime, optionsWith, suiteOfItem } from './mailingCommon';
import { sendMailings } from './mailingSend';
import { safetyOptions, targetProperties } from './mailingTarget';

/**
 * What a mailing sends, as a resource locator: From List (every template of the Mailing Type,
 * or every Publisher document, from Template → Get Many's lists; templateSearch.ts) or By ID.
 * Not by name: Copernica's template names need not be unique, and a mailing sent from the wrong
 * one cannot be called back.
 */
function sourceLocator(kind: 'template' | 'document', description: string): INodeProperties {
	const Kind = kind === 'template' ? 'Template' : 'Document';
	return {
		displayName: Kind,
		name: kind,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description,
		modes: locatorModes({ noun: kind, searchListMethod: kind === 'template' ? 'searchTemplates' : 'searchDocuments', idExample: kind === 'template' ? '1' : '5', nameExample: '' }).filter(
			(mode) => mode.name !== 'name',
		),
	};
}

export const sourceProperties: INodeProperties[] = [
	sourceLocator('template', 'The drag-and-drop template to send; it needs a subject and a from address on a configured sender domain'),
];

const properties: INodeProperties[] = [
	{ ...sourceProperties[0], displayOptions: { show: { mailingType: ['marketingSuite'] } } },
	{ ...sourceLocator('document', 'The Publisher document to send (listed as template › document)'), displayOptions: { show: { mailingType: ['publisher'] } } },
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
			{ displayName: 'Interval Unit', name: 'intervalUnit', type: 'string', default: '', placeholder: 'e.g. day', description: "The interval.unit as Copernica takes it (its docs do not list the units); required with Interval Count" },
			{ displayName: 'Iterations', name: 'iterations', type: 'number', default: 1, description: 'How often a repeated mailing goes out; -1 for ever' },
			{ displayName: 'No Doubles', name: 'nodoubles', type: 'boolean', default: true, description: 'Whether an email address that appears twice receives the mailing once' },
			{ displayName: 'Personalized', name: 'personalized', type: 'boolean', default: true },
			{ displayName: 'Start', name: 'start', type: 'dateTime', default: '', description: 'When to send (YYYY-MM-DD HH:MM:SS as written); leave this setting out to send now (an empty Start is refused)' },
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

/** Publisher settings that are switches: Copernica reads the string "false" as PHP does, as true. */
const SWITCH_SETTINGS = ['cacheimages', 'embeddedimages', 'nodoubles', 'personalized', 'test'];

/** Publisher settings that are whole numbers; Iterations may be -1 (for ever), Interval Count is 1 or more. */
const NUMBER_SETTINGS: Record<string, { displayName: string; least: number }> = {
	intervalCount: { displayName: 'Interval Count', least: 1 },
	iterations: { displayName: 'Iterations', least: -1 },
};

/**
 * Each setting of the right type, refused before any request otherwise: an expression that gives
 * the string "false" for Test would make a real mailing a test one (or the other way round), and
 * Copernica casts "2 weeks" to 2 without a word.
 */
function checkPublisherSettings(given: IDataObject): void {
	for (const name of SWITCH_SETTINGS) {
		if (name in given && typeof given[name] !== 'boolean') {
			throw new ParameterProblem(
				`Publisher Settings → ${name} must be true or false, not ${JSON.stringify(given[name])}; nothing was sent`,
				'Set it with the switch, or make its expression give a boolean.',
			);
		}
	}
	if ('description' in given && typeof given.description !== 'string') {
		throw new ParameterProblem(`Publisher Settings → Description must be text, not ${JSON.stringify(given.description)}; nothing was sent`, 'Give the Description as text.');
	}
	// An Interval Count without its unit would be dropped, and a repeating mailing would go out once.
	const unit = given.intervalUnit;
	if ((unit !== undefined && (typeof unit !== 'string' || unit.trim() === '')) || (given.intervalCount !== undefined && unit === undefined)) {
		throw new ParameterProblem(
			`Publisher Settings → Interval Unit must be set, as text such as day or week, when the mailing repeats (given ${JSON.stringify(unit ?? null)}); nothing was sent`,
			'Add Interval Unit beside Interval Count, or remove both to send once.',
		);
	}
	if ('contenttype' in given && !['both', 'html', 'text'].includes(given.contenttype as string)) {
		throw new ParameterProblem(
			`Publisher Settings → Content Type must be Both, HTML or Text, not ${JSON.stringify(given.contenttype)}; nothing was sent`,
			'Choose the Content Type from the list, or make its expression give both, html or text.',
		);
	}
	for (const [name, { displayName, least }] of Object.entries(NUMBER_SETTINGS)) {
		const value = given[name];
		if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < least || (name === 'iterations' && value === 0))) {
			throw new ParameterProblem(
				`Publisher Settings → ${displayName} must be a whole number${least === 1 ? ' of 1 or more' : ' of 1 or more, or -1 for ever'}, not ${JSON.stringify(value)}; nothing was sent`,
				`Give ${displayName} as a number.`,
			);
		}
	}
}

/** The Publisher settings as `POST publisher/emailing` takes them: `start` false for now, interval as {count, unit}. */
export function publisherSettingsOf(given: IDataObject): IDataObject {
	checkPublisherSettings(given);
	const { intervalCount, intervalUnit, start, ...rest } = given;
	// Start left out means now (false); Start added but empty (an expression that found nothing) is refused, not read as now.
	if ('start' in given && (start === '' || start === null)) {
		throw new ParameterProblem('Start is empty; nothing was sent', 'Give Start a date and time, or remove the Start setting to send now.');
	}
	const settings: IDataObject = { ...rest, start: start === undefined ? false : copernicaDateTime(start, 'Start') };
	if (typeof intervalUnit === 'string') settings.interval = { count: intervalCount ?? 1, unit: intervalUnit.trim() };
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
