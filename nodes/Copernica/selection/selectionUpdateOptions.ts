import type { INodeProperties } from 'n8n-workflow';

import { allowEmptyValuesOption } from '../actions/common.descriptions';
import { requestOptions } from '../parameters/requestOptions';
import type { RequestOptionValues } from '../parameters/requestOptions';

/**
 * Options of the operations that PUT with a selection (Update Profiles, Create or Update,
 * Subprofile → Update Many): the guards of selectionGuards.ts and how requests are sent.
 */

const maxMatchesOption: INodeProperties = {
	displayName: 'Max Matches',
	name: 'maxMatches',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1,
	description:
		'Count the profiles the selection matches first (one extra request) and change nothing when there are more than this. When an AI agent uses the node as a tool and this is not set, 1 applies.',
};

const previewOption: INodeProperties = {
	displayName: 'Preview Only',
	name: 'preview',
	type: 'boolean',
	default: false,
	description:
		'Whether to change nothing and return what the update would do instead: how many profiles the selection matches, the first 100 of them, and the fields and interests that would be sent. Use it to check a selection before running it for real.',
};

export const selectionUpdateOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [allowEmptyValuesOption, maxMatchesOption, previewOption, ...requestOptions],
};

export interface SelectionUpdateOptions extends RequestOptionValues {
	allowEmptyValues?: boolean;
	maxMatches?: number;
	preview?: boolean;
}
