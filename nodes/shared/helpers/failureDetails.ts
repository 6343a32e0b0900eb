/**
 * What a failed answer from Copernica (or from the network) says, in words: shared by the node's
 * transport and the credential, which both turn failures into messages without the request
 * (and so without the token).
 */

/** How the credential starts every message about a failed REST v4 exchange of the token for a JWT. */
export const JWT_EXCHANGE_FAILED = 'Copernica did not exchange the access token for a JWT';

/** The readable part of a non-JSON page: its title, else its first words. */
export function summarizePage(page: string): string {
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(page)?.[1];
	const text = (title ?? page.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
	return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Copernica's own words from an error response body, if it sent any. */
export function copernicaMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed.startsWith('{')) {
			try {
				return copernicaMessage(JSON.parse(trimmed));
			} catch {
				return undefined;
			}
		}
		return undefined;
	}
	if (body && typeof body === 'object') {
		const error = (body as { error?: unknown }).error;
		if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
			return (error as { message: string }).message;
		}
		if (typeof error === 'string') return error;
	}
	return undefined;
}

/**
 * The system error code (ECONNREFUSED, …) of a failed request. n8n versions wrap the network
 * error differently (the error itself, its cause, the cause's cause), and some keep only the text.
 */
export function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		const named = typeof message === 'string' ? /\b(E(?:CONN[A-Z]+|TIMEDOUT|NOTFOUND|AI_AGAIN|HOSTUNREACH))\b/.exec(message) : null;
		if (named) return named[1];
		current = cause;
	}
	return undefined;
}
