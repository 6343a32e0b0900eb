import { isSecureUrl } from '../../nodes/shared/helpers/secureUrl';

/** Where the token or a JWT may go: https, or plain http only to this machine. */
describe('isSecureUrl', () => {
	it.each([
		'https://api.copernica.com/v3',
		'HTTPS://rest.copernica.com/v4',
		'https://203.0.113.9:8443/v3',
		'http://127.0.0.1:4010/v3',
		'http://127.45.6.7/v3',
		'http://127.1/v3',
		'http://localhost:8080/authenticate',
		'http://LOCALHOST/v3',
		'http://[::1]:4010/v4',
		'  https://api.copernica.com/v3  ',
	])('allows %s', (address) => {
		expect(isSecureUrl(address)).toBe(true);
	});

	it.each([
		'http://api.copernica.com/v3',
		'http://127.0.0.1.example.com/v3',
		'http://localhost.example.com/v3',
		'http://127.0.0.1@example.com/v3',
		'http://0.0.0.0/v3',
		'http://10.0.0.1/v3',
		'http://[::ffff:127.0.0.1]/v3',
		'http://[::2]/v3',
		'ftp://127.0.0.1/v3',
		'//api.copernica.com/v3',
		'api.copernica.com/v3',
		'',
	])('refuses %s', (address) => {
		expect(isSecureUrl(address)).toBe(false);
	});
});

describe('isUnderBaseUrl', () => {
	it.each([
		['/v3/database/a%2Fb/fields', true],
		['/v3/database/x/', true],
		['/v3', true],
		['/v3evil', false],
		['/v3/..%2Fv4', false],
		['/v3/%2E%2E/v4', false],
		['/v3/%2e%2E%5Clogin', false],
		['/v3/..;/login', false],
		['/v3//evil.com', false],
		['/v3/%E0%A4%A', false],
	])('%s → %s', async (path, inside) => {
		const { isUnderBaseUrl } = await import('../../nodes/shared/helpers/secureUrl');
		expect(isUnderBaseUrl(`https://api.copernica.com${path}`, 'https://api.copernica.com/v3')).toBe(inside);
	});
});
