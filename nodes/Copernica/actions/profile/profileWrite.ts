import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createSchemaCache } from '../../../shared/transport/databaseSchema';
import type { DatabaseSchema, RequestSettings } from '../../../shared/transport/databaseSchema';
import { databaseOf } from '../../../shared/locators/databaseLocator';
import { forEachItem } from '../../itemRunner/perItem';
import { concurrencyOf, requestSettingsOf } from '../../parameters/requestOptions';
import type { RequestOptionValues } from '../../parameters/requestOptions';
import { readBack, readBackCreated } from '../../results/readBack';

/**
 * The operations that write one profile and output it (Create, Update, Add Interests, Set
 * Interests): each item's names are checked against its database (read once per run), the
 * write is sent, and the profile is read back so the output is what Copernica now holds.
 */

/** What one item's write needs; it returns the ID of the profile written. */
export interface ProfileWrite {
	itemIndex: number;
	database: string;
	/** The database's fields and interests; ask after the checks that need no request. */
	schema: () => Promise<DatabaseSchema>;
	settings: RequestSettings;
}

export async function runProfileWrites(
	this: IExecuteFunctions,
	write: (item: ProfileWrite) => Promise<string | number>,
	/** Create: the profile exists once written, and a failed read-back says so (readBackCreated). */
	creates = false,
): Promise<INodeExecutionData[]> {
	const schemaOf = createSchemaCache(this);
	const concurrency = concurrencyOf(this.getNodeParameter('options', 0, {}) as RequestOptionValues);
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const database = databaseOf(this, itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
			const settings = requestSettingsOf(options, itemIndex, limiter);
			const schema = async () => await schemaOf(database, settings);
			const profileId = await write({ itemIndex, database, schema, settings });
			return await (creates ? readBackCreated : readBack)(this, itemIndex, 'profile', profileId, settings);
		},
		concurrency,
	);
}
