import { randomBytes } from 'node:crypto';

/**
 * The webhook URLs the trigger compares: n8n's URL, the handler registered with Copernica (the
 * URL plus a registration tag of its own, webhookLifecycle.ts), and their paths. Tolerant of a
 * value that is no URL (state written by hand, an answer of Copernica's): it then compares as text.
 */
const REGISTRATION_PARAMETER = 'copernicaRegistration';

/** `url` with a new registration tag. */
export function taggedHandler(url: string): string {
	const tagged = new URL(url);
	tagged.searchParams.set(REGISTRATION_PARAMETER, randomBytes(8).toString('hex'));
	return tagged.toString();
}

/** The registration tag of a handler (empty when it has none). */
export function registrationTagOf(handler: string): string {
	try {
		return new URL(handler).searchParams.get(REGISTRATION_PARAMETER) ?? '';
	} catch {
		return '';
	}
}

/** A handler without its registration tag, to compare with a URL n8n gives. */
export function untagged(handler: string): string {
	try {
		const url = new URL(handler);
		url.searchParams.delete(REGISTRATION_PARAMETER);
		return url.toString();
	} catch {
		return handler;
	}
}

export function sameUrl(a: string, b: string): boolean {
	try {
		return new URL(a).toString() === new URL(b).toString();
	} catch {
		return a === b;
	}
}

/** The URL's path, or undefined when it is no URL. */
export function pathnameOf(url: string): string | undefined {
	try {
		return new URL(url).pathname;
	} catch {
		return undefined;
	}
}
