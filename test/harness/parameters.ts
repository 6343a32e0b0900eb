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

/** Node parameters for Get Many. */
export function getManyProfiles(options: {
	database?: INodeParameters;
	conditions?: Condition[];
	returnAll?: boolean;
	limit?: number;
	simplify?: boolean;
	extra?: INodeParameters;
}): INodeParameters {
	return {
		resource: 'profile',
		operation: 'getMany',
		database: options.database ?? databaseByName('Customers'),
		returnAll: options.returnAll ?? false,
		limit: options.limit ?? 50,
		selection: {
			conditions: (options.conditions ?? []).map(({ field, operator, value }) => ({
				field,
				operator: operator ?? 'equals',
				value,
			})),
		},
		simplify: options.simplify ?? true,
		options: options.extra ?? {},
	};
}
