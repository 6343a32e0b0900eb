import { isInsideApi, redirectTarget } from '../../nodes/shared/transport/redirect';

const BASE = 'https://api.copernica.com/v3';
const REQUEST = 'https://api.copernica.com/v3/database/Customers/profiles?fields%5B%5D=a%3D%3Db';

function inside(location: string | undefined): boolean {
	return isInsideApi(redirectTarget(location, REQUEST), BASE);
}

describe('isInsideApi: where a 303 may point', () => {
	it('into the configured API: absolute, host-relative, request-relative', () => {
		expect(['https://api.copernica.com/v3/profile/1', '/v3/profile/1', 'profile/1', '../../profile/1', 'https://API.copernica.com/v3/x', 'https://api.copernica.com:443/v3/x'].map(inside)).toEqual(
			Array(6).fill(true),
		);
	});

	it('anywhere else', () => {
		const outside = [
			'https://api.copernica.com.evil/v3/profile/1',
			'https://evil.com/https://api.copernica.com/v3/',
			'//evil.host/v3/profile/1',
			'///evil.host/v3/profile/1',
			'http://api.copernica.com/v3/profile/1',
			'https://api.copernica.com:8443/v3/profile/1',
			'https://api.copernica.com/v3evil/profile/1',
			'https://api.copernica.com/v4/profile/1',
			'https://api.copernica.com/v3/../sso',
			'/v3/%2e%2e/sso',
			'https://user@api.copernica.com/v3/profile/1',
			'javascript:alert(1)',
			'https://sso.copernica.com/login',
			'',
			'   ',
			undefined,
			'http://[::1',
		];
		expect(outside.filter(inside)).toEqual([]);
	});
});
