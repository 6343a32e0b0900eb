import type { INodePropertyMode } from 'n8n-workflow';

/** What differs between the locators' modes: the noun, the list's search method, the examples. */
export interface LocatorModesOf {
	noun: string;
	searchListMethod: string;
	idExample: string;
	nameExample: string;
}

/** The three modes every Copernica locator has: From List (searchable), By ID (a number), By Name. */
export function locatorModes({ noun, searchListMethod, idExample, nameExample }: LocatorModesOf): INodePropertyMode[] {
	const mode = (displayName: string, name: string, type: INodePropertyMode['type']): INodePropertyMode => ({ displayName, name, type });
	const list = mode('From List', 'list', 'list');
	const byId = mode('By ID', 'id', 'string');
	const byName = mode('By Name', 'name', 'string');
	return [
		{ ...list, placeholder: `Select a ${noun}...`, typeOptions: { searchListMethod, searchable: true } },
		{
			...byId,
			placeholder: `e.g. ${idExample}`,
			validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: `A ${noun} ID is a number` } }],
		},
		{ ...byName, placeholder: `e.g. ${nameExample}` },
	];
}
