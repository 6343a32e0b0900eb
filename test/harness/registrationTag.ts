/**
 * The trigger registers n8n's URL with a tag of each registration's own
 * (`?copernicaRegistration=…`, webhookLifecycle.ts); tests compare handlers without it.
 */
export function untagged(handler: string): string {
	const url = new URL(handler);
	url.searchParams.delete('copernicaRegistration');
	return url.toString();
}

/** The emulator's webhooks with their handlers untagged, for comparing with n8n's URLs. */
export function withUntaggedHandlers<T extends { handler: string }>(webhooks: T[]): T[] {
	return webhooks.map((webhook) => ({ ...webhook, handler: untagged(webhook.handler) }));
}
