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

	constructor(private readonly ttlSeconds: number) {}

	issue(subject: string, now = Date.now()): string {
		const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const payload = base64url(
			JSON.stringify({ sub: subject, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + this.ttlSeconds }),
		);
		return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
	}

	check(jwt: string, now = Date.now()): JwtState {
		const [header, payload, signature] = jwt.split('.');
		if (!header || !payload || !signature) return 'invalid';
		const expected = Buffer.from(this.sign(`${header}.${payload}`));
		const given = Buffer.from(signature);
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
		try {
			const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
			return typeof exp === 'number' && exp * 1000 > now ? 'valid' : 'expired';
		} catch {
			return 'invalid';
		}
	}

	private sign(data: string): string {
		return createHmac('sha256', this.secret).update(data).digest('base64url');
	}
}
