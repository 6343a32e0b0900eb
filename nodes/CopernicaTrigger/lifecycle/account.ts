import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { copernicaRequest } from '../../shared/transport';

/**
 * The numeric ID of the credential's Copernica account (`GET identity` → `id`), which every call
 * must name in X-Copernica-ID (copernica-webhooks.md §3.3). Stored with the webhook when it is
 * registered; read again (and kept in memory a while) only when that state is missing.
 */
const IDENTITY_LIFETIME_MS = 10 * 60 * 1000;
const identities = new Map<string, { id: string; expiresAt: number }>();

export async function readAccountId(context: IHookFunctions | IWebhookFunctions): Promise<string> {
	const response = await copernicaRequest.call(context, { method: 'GET', path: 'identity', action: 'reading the account' });
	const id = String((response.body as IDataObject | undefined)?.id ?? '').trim();
	if (/^\d+$/.test(id)) {
		const credentialId = context.getNode().credentials?.copernicaApi?.id ?? '';
		if (credentialId !== '') identities.set(credentialId, { id, expiresAt: Date.now() + IDENTITY_LIFETIME_MS });
	} else {
		throw new NodeOperationError(context.getNode(), 'Copernica did not say which account the access token belongs to', {
			description: 'The trigger checks that every call names this account. Check the credential, then try again.',
		});
	}
	return id;
}

export async function accountIdOf(context: IHookFunctions | IWebhookFunctions): Promise<string> {
	const credentialId = context.getNode().credentials?.copernicaApi?.id ?? '';
	const remembered = identities.get(credentialId);
	if (credentialId !== '' && remembered && remembered.expiresAt > Date.now()) return remembered.id;
	return await readAccountId(context);
}
