import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { createdIdOf } from '../../../shared/helpers/createdProfile';
import { ParameterProblem } from '../../../shared/helpers/parameterProblem';
import { copernicaRequest, pathOf } from '../../../shared/transport';
import type { RequestSettings } from '../../../shared/transport/databaseSchema';
import { getList } from '../../../shared/transport/databaseSchema';

/** What Create Field and Create Interest make in a database: `POST database/{id}/{list}`. */
export interface DatabaseCreate {
	database: string;
	list: 'fields' | 'interests';
	/** The Location's segment of the new entry (`database/{id}/field/{new}`). */
	segment: 'field' | 'interest';
	name: string;
	body: IDataObject;
	settings: RequestSettings & { itemIndex: number };
}

/** The name the item gives, refused when empty (Copernica requires it: "Parameter name is required"). */
export function requiredName(value: unknown, what: 'field' | 'interest'): string {
	const name = String(value ?? '').trim();
	if (name === '') throw new ParameterProblem(`No ${what} name given`, `Give the new ${what} a name.`);
	return name;
}

/**
 * POST the entry, then read it back from the database's list (every page): the output is what
 * Copernica now holds, found by the ID of X-Created/Location (by name when Copernica names no
 * ID). The POST is never retried after a try Copernica may have handled (mayCreate). Once the
 * POST has succeeded, a failed read-back says the entry exists, so the item is not run again.
 */
export async function createInDatabase(context: IExecuteFunctions, create: DatabaseCreate): Promise<IDataObject> {
	const { database, list, segment, name, settings } = create;
	const response = await copernicaRequest.call(context, {
		...settings,
		method: 'POST',
		path: pathOf('database', database, list),
		body: create.body,
		mayCreate: true,
		action: `creating ${segment} "${name}" in database "${database}"`,
	});
	const id = createdIdOf(response, segment);
	try {
		const entries = await getList(context, 'database', database, list, (entry) => entry, settings);
		const found =
			entries.find((entry) => id !== undefined && String(entry.ID) === String(id)) ??
			entries.find((entry) => String(entry.name ?? '').toLowerCase() === name.toLowerCase());
		return found ?? { ID: id === undefined ? undefined : String(id), name };
	} catch (error) {
		throw createdButNotRead(context, error, create, id);
	}
}

/** The read-back's failure, saying the entry exists (the NodeApiError keeps Copernica's answer). */
function createdButNotRead(
	context: IExecuteFunctions,
	error: unknown,
	{ segment, name, settings }: DatabaseCreate,
	id: number | undefined,
): NodeApiError | NodeOperationError {
	const said = error instanceof Error ? error.message.replace(/\s*\[item \d+\]$/, '') : String(error);
	const message = `Copernica created ${segment} "${name}"${id === undefined ? '' : ` (ID ${id})`}, but reading it back failed: ${said} [item ${settings.itemIndex}]`;
	const description = `The ${segment} exists. Do not run this item again, or Copernica refuses it (or makes it twice); read it with Database → Get instead.`;
	if (error instanceof NodeApiError) {
		error.message = message;
		error.description = description;
		return error;
	}
	return new NodeOperationError(context.getNode(), message, { itemIndex: settings.itemIndex, description });
}
