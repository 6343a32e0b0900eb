import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The JSON Web Tokens of Copernica's REST API v4 (copernica-api.md §1.3): an access token is
 * exchanged at the authentication endpoint for a JWT, valid 24 hours, sent as a Bearer token.
 * The emulator signs its own (HS256) and reads `exp` back, as Copernica does.
 */

function base64url(data: Buffer | string): string {
	return Buffer.from(data).toString('base64url');
}

export type JwtState = 'valid' | 'invalid' | 'expired';

export class JwtIssuer {
	private readonly secret = randomBytes(32);

	/** Serial number of the last JWT issued, and of the last one made to expire early. */
	private issued = 0;
	private expiredUpTo = 0;

	/** How long the JWTs issued from now on live; tests shorten it (the control API's `PUT jwts`). */
	ttlSeconds: number;

	constructor(private readonly defaultTtlSeconds: number) {
		this.ttlSeconds = defaultTtlSeconds;
	}

	/** Back to the lifetime the emulator was started with. */
	resetLifetime(): void {
		this.ttlSeconds = this.defaultTtlSeconds;
	}

	issue(subject: string, now = Date.now()): string {
		const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const claims = { sub: subject, jti: ++this.issued, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + this.ttlSeconds };
		const payload = base64url(JSON.stringify(claims));
		return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
	}

	check(jwt: string, now = Date.now()): JwtState {
		const [header, payload, signature] = jwt.split('.');
		if (!header || !payload || !signature) return 'invalid';
		const expected = Buffer.from(this.sign(`${header}.${payload}`));
		const given = Buffer.from(signature);
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
		try {
			const { exp, jti } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number; jti?: number };
			if (typeof jti === 'number' && jti <= this.expiredUpTo) return 'expired';
			return typeof exp === 'number' && exp * 1000 > now ? 'valid' : 'expired';
		} catch {
			return 'invalid';
		}
	}

	/** Every JWT issued so far counts as expired from now on, whatever its `exp` says (as after a revocation). */
	expireIssued(): void {
		this.expiredUpTo = this.issued;
	}

	private sign(data: string): string {
		return createHmac('sha256', this.secret).update(data).digest('base64url');
	}
}
