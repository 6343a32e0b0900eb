import type { IDataObject } from 'n8n-workflow';

import { copernicaFlag } from '../../../shared/helpers/copernicaFlag';

/**
 * A selection (view) as Simplify gives it: its ID, name and description, where it sits (the
 * database or the view it refines, and the path of names down to it), whether it has rules and
 * nested selections, and when Copernica last built it. Raw is Copernica's own entry
 * (`rest-get-database-views`: `parent-type`, `has-children`, `last-built`, `intentions`, …).
 */
export function simplifySelection(entry: IDataObject, path?: string): IDataObject {
	const simple: IDataObject = {
		ID: String(entry.ID ?? ''),
		name: String(entry.name ?? ''),
		description: String(entry.description ?? ''),
		parentType: String(entry['parent-type'] ?? ''),
		parentId: String(entry['parent-id'] ?? ''),
		// Copernica's values are strings ("true", "false"): read as flags, never by truthiness.
		hasChildren: copernicaFlag(entry['has-children']),
		hasRules: copernicaFlag(entry['has-rules']),
		lastBuilt: String(entry['last-built'] ?? ''),
	};
	if (path !== undefined) simple.path = path;
	return simple;
}
