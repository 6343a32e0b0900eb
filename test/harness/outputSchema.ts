import * as fs from 'node:fs';
import * as path from 'node:path';

import { PROJECT_ROOT } from './nodePackage';

/**
 * The output schemas the package ships (`__schema__/v1.0.0/<resource>/<operation>.json`, shown by
 * n8n 2.x's editor before a node has run), and a check of real output items against them: the
 * subset of JSON Schema those files use (type, properties, additionalProperties, items).
 */

export interface OutputSchema {
	type?: string | string[];
	properties?: Record<string, OutputSchema>;
	additionalProperties?: OutputSchema;
	items?: OutputSchema;
}

const SCHEMA_DIR = path.join(PROJECT_ROOT, 'dist', 'nodes', 'Copernica', '__schema__', 'v1.0.0');

export function shippedSchema(resource: string, operation: string): OutputSchema | undefined {
	const file = path.join(SCHEMA_DIR, resource, `${operation}.json`);
	return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as OutputSchema) : undefined;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

/** Where `value` does not fit `schema`, as `path: expected …, got …`; empty when it fits. */
export function schemaViolations(value: unknown, schema: OutputSchema, at = '$'): string[] {
	const actual = typeOf(value);
	const allowed = schema.type === undefined ? undefined : ([] as string[]).concat(schema.type);
	if (allowed && !allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) {
		return [`${at}: expected ${allowed.join(' or ')}, got ${actual}`];
	}
	if (actual === 'array' && schema.items) {
		return (value as unknown[]).flatMap((entry, index) => schemaViolations(entry, schema.items!, `${at}[${index}]`));
	}
	if (actual !== 'object') return [];
	return Object.entries(value as Record<string, unknown>).flatMap(([key, entry]) => {
		const property = schema.properties?.[key] ?? schema.additionalProperties;
		return property ? schemaViolations(entry, property, `${at}.${key}`) : [];
	});
}

/** The Copernica Trigger's schema of one event (`__schema__/v1.0.0/<event>.json`). */
export function triggerSchema(event: string): OutputSchema | undefined {
	const file = path.join(PROJECT_ROOT, 'dist', 'nodes', 'CopernicaTrigger', '__schema__', 'v1.0.0', `${event}.json`);
	return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as OutputSchema) : undefined;
}

/** Where a trigger item does not fit its event's schema, including keys the schema does not name. */
export function triggerOutputProblems(event: string, item: Record<string, unknown>): string[] {
	const schema = triggerSchema(event);
	if (schema === undefined) return [`no schema shipped for ${event}`];
	const unnamed = Object.keys(item).filter((key) => !(key in (schema.properties ?? {})));
	return [...schemaViolations(item, schema), ...unnamed.map((key) => `$.${key}: not in the schema`)];
}
