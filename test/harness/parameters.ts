import type { INodeParameters } from 'n8n-workflow';

/** Node parameters for Update Profiles, as a saved workflow holds them. */

export interface Condition {
	field: string;
	operator?: string;
	value: string;
}

export function databaseByName(name: string): INodeParameters {
	return { __rl: true, mode: 'name', value: name };
}

export function updateProfiles(options: {
	database?: INodeParameters;
	conditions: Condition[];
	fields?: Record<string, string>;
	extra?: INodeParameters;
}): INodeParameters {
	return {
		resource: 'profile',
		operation: 'updateProfiles',
		database: options.database ?? databaseByName('Customers'),
		selection: {
			conditions: options.conditions.map(({ field, operator, value }) => ({
				field,
				operator: operator ?? 'equals',
				value,
			})),
		},
		fieldValues: {
			fields: Object.entries(options.fields ?? {}).map(([name, value]) => ({ name, value })),
		},
		...options.extra,
	};
}
