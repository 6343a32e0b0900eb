import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../helpers/updateDisplayOptions';
import { forEachItem } from '../perItem';
import { profileIdOf, profileIdParameter } from '../profileIdParameter';
import { DEFAULT_PARALLEL_REQUESTS, requestSettingsOf, singleRequestOptionsCollection } from '../requestOptions';
import type { RequestOptionValues } from '../requestOptions';
import { readProfile, simplifyProfileParameter } from './readProfile';

const properties: INodeProperties[] = [profileIdParameter, simplifyProfileParameter, singleRequestOptionsCollection];

export const description = updateDisplayOptions({ show: { resource: ['profile'], operation: ['get'] } }, properties);

/** GET profile/{id}: one profile by its ID, from any database. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(
		this,
		async (itemIndex, limiter) => {
			const profileId = profileIdOf(this, itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as RequestOptionValues;
			return await readProfile(this, itemIndex, profileId, requestSettingsOf(options, itemIndex, limiter));
		},
		{ parallel: DEFAULT_PARALLEL_REQUESTS },
	);
}
