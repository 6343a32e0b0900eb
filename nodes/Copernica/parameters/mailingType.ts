import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../shared/helpers/parameterProblem';
import type { MailingSuite } from '../../shared/transport/mailingPaths';

/**
 * Marketing Suite (drag-and-drop templates) or Publisher (HTML templates and their documents): one
 * parameter for the Mailing and Template resources. Their paths start with `ms/` and `publisher/` on
 * REST v3 and `draganddrop/` and `html/` on v4 (transport/mailingPaths.ts).
 */
export const mailingTypeParameter: INodeProperties = {
	displayName: 'Mailing Type',
	name: 'mailingType',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Marketing Suite',
			value: 'marketingSuite',
			description: 'Drag-and-drop templates (REST v3 ms/, v4 draganddrop/)',
		},
		{
			name: 'Publisher',
			value: 'publisher',
			description: 'HTML templates with their documents (REST v3 publisher/, v4 html/)',
		},
	],
	default: 'marketingSuite',
};

/** The item's Mailing Type: an unknown value (from an expression) is refused, never read as Marketing Suite. */
export function mailingTypeOf(value: unknown): MailingSuite {
	if (value === 'marketingSuite' || value === 'publisher') return value;
	throw new ParameterProblem(`Mailing Type: unknown choice "${String(value)}"`, 'Choose Marketing Suite or Publisher.');
}

export function itemMailingType(context: IExecuteFunctions, itemIndex: number): MailingSuite {
	return mailingTypeOf(context.getNodeParameter('mailingType', itemIndex, 'marketingSuite'));
}
