import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { copernicaRequest } from '../../shared/transport';

/**
 * The numeric ID of the credential's Copernica account (`GET identity` → `id`), which every call
 * must name in X-Copernica-ID (copernica-webhooks.md §3.3). Stored with the webhook when it is
 * registered; read again (and kept in memory a while) only when that state is missing.
 */
const IDENTITY_LIFETIME_MS = 10 * 60 * 1000;
/**
 * A failed read is remembered a minute: calls to a trigger without state would otherwise each
 * cost a request with the user's token, and a flood of them could get it rate-limited.
 */
const FAILED_IDENTITY_LIFETIME_MS = 60 * 1000;
const identities = new Map<string, { id: string; expiresAt: number }>();
const failures = new Map<string, { message: string; expiresAt: number }>();

export async function readAccountId(
	context: IHookFunctions | IWebhookFunctions,
	retry?: { maxRetries: number; maxTotalWaitMs: number },
): Promise<string> {
	const response = await copernicaRequest.call(context, { method: 'GET', path: 'identity', action: 'reading the account', retry });
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

/**
 * For a call to a trigger whose state is not at hand: remembered a while, read without retries
 * (the caller is waiting for an answer), a failure remembered a minute.
 */
export async function accountIdOf(context: IWebhookFunctions): Promise<string> {
	const credentialId = context.getNode().credentials?.copernicaApi?.id ?? '';
	const now = Date.now();
	const remembered = identities.get(credentialId);
	if (credentialId !== '' && remembered && remembered.expiresAt > now) return remembered.id;
	const failed = failures.get(credentialId);
	if (credentialId !== '' && failed && failed.expiresAt > now) {
		throw new NodeOperationError(context.getNode(), failed.message);
	}
	try {
		return await readAccountId(context, { maxRetries: 0, maxTotalWaitMs: 0 });
	} catch (error) {
		if (credentialId !== '') failures.set(credentialId, { message: (error as Error).message, expiresAt: now + FAILED_IDENTITY_LIFETIME_MS });
		throw new NodeOperationError(context.getNode(), (error as Error).message);
	}
}
