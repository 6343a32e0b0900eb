import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterProblem } from '../../shared/helpers/parameterProblem';
import type { Entity } from '../parameters/idParameter';
import { SIMPLIFY, simplifyParameter } from './readBack';

/**
 * What the read operations output, as n8n's guideline for tool nodes that return more than ten
 * fields asks: Simplified (one flat object), Raw (Copernica's own shape) or Selected Fields (the
 * ID and the fields named, so an AI agent gets only what it needs). Node version 1.1; version 1
 * keeps its Simplify switch, so saved workflows run as before.
 */
export type OutputMode = 'simple' | 'raw' | 'fields';

/** The Simplify switch for version 1, the Output choice and its field list for version 1.1. */
export function outputParameters(entity: Entity, plural: boolean): INodeProperties[] {
	const what = plural ? `each ${entity}` : `the ${entity}`;
	const flat = entity === 'profile' ? 'ID, its fields, its interests' : 'ID, its fields, the ID of its profile';
	return [
		{
			...simplifyParameter[entity],
			description: `Whether to return ${what} as one flat object (${flat}) instead of the raw data`,
			displayOptions: { show: { '@version': [1] } },
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simple',
			options: [
				{ name: 'Simplified', value: 'simple', description: `One flat object: ${flat}` },
				{ name: 'Raw', value: 'raw', description: `The ${entity} as Copernica returns it` },
				{ name: 'Selected Fields', value: 'fields', description: 'The ID and the fields you name' },
			],
			displayOptions: { show: { '@version': [1.1] } },
		},
		{
			displayName: 'Fields',
			name: 'outputFields',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. email, firstname',
			description: `Names of the fields to return, separated by commas; the ID is always included${entity === 'subprofile' ? ', and the ID of the profile' : ''}`,
			displayOptions: { show: { '@version': [1.1], output: ['fields'] } },
		},
	];
}

/** The item's output mode: version 1's Simplify, or version 1.1's Output. */
export function outputModeOf(context: IExecuteFunctions, itemIndex: number): OutputMode {
	if (context.getNode().typeVersion < 1.1) return context.getNodeParameter('simplify', itemIndex, true) === false ? 'raw' : 'simple';
	const output = String(context.getNodeParameter('output', itemIndex, 'simple'));
	if (output !== 'simple' && output !== 'raw' && output !== 'fields') {
		throw new ParameterProblem(`Output: unknown choice "${output}"`, 'Choose Simplified, Raw or Selected Fields.');
	}
	return output;
}

/** The names Selected Fields asks for; none is refused before any request. */
function outputFieldsOf(context: IExecuteFunctions, itemIndex: number): string[] {
	const names = String(context.getNodeParameter('outputFields', itemIndex, ''))
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	if (names.length === 0) {
		throw new ParameterProblem('Output: no fields named', 'Name the fields to return, separated by commas, or choose Simplified.');
	}
	return [...new Set(names)];
}

/**
 * Shapes what Copernica answered for this item. Selected Fields only names fields the entity has
 * (compared case-insensitively, as Copernica compares names): a misspelt one is refused, not
 * left out without a word. `known` lists the fields when they are known before the request.
 */
export function outputShaper(
	context: IExecuteFunctions,
	itemIndex: number,
	entity: Entity,
	known?: string[],
): (entry: IDataObject) => IDataObject {
	const mode = outputModeOf(context, itemIndex);
	if (mode === 'raw') return (entry) => entry;
	if (mode === 'simple') return SIMPLIFY[entity];
	const wanted = outputFieldsOf(context, itemIndex);
	const checkAgainst = (fieldNames: string[]) => {
		const byLowerCase = new Map(fieldNames.map((name) => [name.toLowerCase(), name]));
		return wanted.map((name) => {
			const found = byLowerCase.get(name.toLowerCase());
			if (found === undefined) {
				throw new ParameterProblem(
					`Output: the ${entity === 'profile' ? 'database' : 'collection'} has no field "${name}"`,
					`Use the names of its fields: ${fieldNames.join(', ') || '(none)'}.`,
				);
			}
			return found;
		});
	};
	const fromSchema = known === undefined ? undefined : checkAgainst(known);
	return (entry) => {
		const fields = entry.fields && typeof entry.fields === 'object' ? (entry.fields as IDataObject) : {};
		const names = fromSchema ?? checkAgainst(Object.keys(fields));
		const picked: IDataObject = { ID: entry.ID };
		for (const name of names) picked[name] = fields[name];
		// Set last, as Simplified does, so a field of the same name cannot hide them.
		picked.ID = entry.ID;
		if (entity === 'subprofile') picked.profile = entry.profile;
		return picked;
	};
}

/**
 * A list's Output and its shaper. Selected Fields are checked against the database's (or
 * collection's) fields, read only for that choice, before any entry is read.
 */
export async function listShaper(
	context: IExecuteFunctions,
	itemIndex: number,
	entity: Entity,
	fieldsOf: () => Promise<Array<{ name: string }>>,
): Promise<{ output: OutputMode; shape: (entry: IDataObject) => IDataObject }> {
	const output = outputModeOf(context, itemIndex);
	const known = output === 'fields' ? (await fieldsOf()).map((field) => field.name) : undefined;
	return { output, shape: outputShaper(context, itemIndex, entity, known) };
}
