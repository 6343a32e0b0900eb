import type { INodeProperties } from 'n8n-workflow';

/** The parameter of that name among a node's (or a collection's) properties; fails the test when there is none. */
export function property(properties: INodeProperties[], name: string): INodeProperties {
	const found = properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`No parameter ${name}`);
	return found;
}
