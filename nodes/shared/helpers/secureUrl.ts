/**
 * Where the credential may send the access token or a JWT: https only, or plain http to this
 * machine (a local test server). Shared by the transport (before any request) and the credential
 * (before it applies a secret or exchanges the token), so both refuse the same URLs.
 */

/** How to fix an http:// address, for the descriptions. */
export const HTTPS_ONLY_HINT =
	'Use the https:// address (for example https://api.copernica.com). Plain http:// is only allowed for a test server on this machine (127.0.0.1, localhost or [::1]).';

/**
 * 127.0.0.0/8, localhost and [::1], as the WHATWG URL parser writes them (it turns `127.1` and
 * `0x7f.0.0.1` into `127.0.0.1`, so those are found too). `localhost.example.com` or
 * `127.0.0.1.example.com` are other hosts.
 */
function isLoopbackHost(hostname: string): boolean {
	if (hostname === 'localhost' || hostname === '[::1]') return true;
	const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
	return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

function parsed(address: string): URL | undefined {
	try {
		return new URL(address.trim());
	} catch {
		return undefined;
	}
}

/** Base URLs are few and asked about for every request: each is parsed once. */
const bases = new Map<string, URL | undefined>();

function parsedBase(address: string): URL | undefined {
	if (!bases.has(address)) {
		if (bases.size > 100) bases.clear();
		bases.set(address, parsed(address));
	}
	return bases.get(address);
}

/**
 * Where a secret must not go, or undefined when it may: `insecure` (not https, nor http to this
 * machine) or `elsewhere` (not under the API Base URL). One parse of the target per request.
 */
export function secretTargetProblem(target: string, baseUrl: string): 'insecure' | 'elsewhere' | undefined {
	const url = parsed(target);
	if (url === undefined || !isSecureUrl(url)) return 'insecure';
	return isUnderBaseUrl(url, baseUrl) ? undefined : 'elsewhere';
}

/** Whether the address is an absolute URL at all (to tell a typo from plain http in messages). */
export function isUrl(address: string): boolean {
	return parsed(address) !== undefined;
}

/** Whether a secret may be sent to this address: https, or http to a loopback host. */
export function isSecureUrl(address: string | URL): boolean {
	const url = typeof address === 'string' ? parsed(address) : address;
	if (url === undefined) return false;
	if (url.protocol === 'https:') return true;
	return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/**
 * Whether `target` lies inside the API at `baseUrl`: the same scheme, host and port, no user
 * info, and a path under the base path. The path must also stay there once a server decodes it:
 * no `.` or `..` segment, even spelt `%2E%2E`, `..%2F` or `..\\` (`/v3/..%2Fv4` is `/v4` to a
 * server that decodes slashes), no `..;` (Tomcat's parameter trick) and no empty segment
 * (`/v3//evil`). An encoded slash inside a name (a database called `a/b`) is fine.
 */
export function isUnderBaseUrl(target: URL | string | undefined, baseUrl: string): boolean {
	const url = typeof target === 'string' ? parsed(target) : target;
	const base = parsedBase(baseUrl);
	if (url === undefined || base === undefined) return false;
	if (url.origin !== base.origin || url.username !== '' || url.password !== '') return false;
	const rawSegments = url.pathname.split('/').slice(1);
	if (rawSegments.slice(0, -1).includes('')) return false;
	let decoded: string;
	try {
		decoded = decodeURIComponent(url.pathname).replace(/\\/g, '/');
	} catch {
		return false;
	}
	if (decoded.split('/').some((segment) => segment === '.' || segment === '..' || segment.startsWith('..;'))) return false;
	const basePath = base.pathname.replace(/\/+$/, '');
	return url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
}
