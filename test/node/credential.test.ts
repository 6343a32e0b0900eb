import { randomBytes } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { testCredential } from '../harness/credentialTester';
import { useEmulator } from '../harness/fixture';
import { loadNodePackage } from '../harness/nodePackage';

/** The credential: how n8n applies it, and what its Test button says. */
const copernica = useEmulator();

/** The credential's `authenticate`, called as n8n calls it for any node that uses the credential. */
async function credentialAuthenticate() {
	const credential = (await loadNodePackage()).credentialType('copernicaApi');
	return credential.authenticate as (
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;
}

describe('Copernica API credential', () => {
	it('is named copernicaApi, hides the token and defaults to the v3 API', async () => {
		const credential = (await loadNodePackage()).credentialType('copernicaApi');
		expect(credential.displayName).toBe('Copernica API');
		const property = (name: string) => credential.properties.find((candidate) => candidate.name === name);
		expect(property('accessToken')).toMatchObject({ type: 'string', typeOptions: { password: true }, required: true });
		expect(property('apiVersion')).toMatchObject({ type: 'options', default: 'v3' });
		expect(property('baseUrl')).toMatchObject({
			default: 'https://api.copernica.com/v3',
			displayOptions: { show: { apiVersion: ['v3'] } },
		});
		expect(property('baseUrlV4')).toMatchObject({
			default: 'https://api.copernica.com/v4',
			displayOptions: { show: { apiVersion: ['v4'] } },
		});
		expect(property('authUrl')).toMatchObject({ default: 'https://authenticate.copernica.com' });
		// n8n's mechanism for expiring credentials: a hidden field it refills through preAuthentication.
		expect(property('jwt')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		expect(typeof credential.preAuthentication).toBe('function');
	});

	it('v3 puts the token in the access_token URL parameter; v4 only ever a Bearer JWT', async () => {
		const authenticate = await credentialAuthenticate();
		const url = 'https://api.copernica.com/v3/identity';
		const v3 = await authenticate({ accessToken: 'secret' }, { url });
		expect(v3).toEqual({ url, qs: { access_token: 'secret' } });
		// Without a JWT (or with one for another token) the request is not sent: n8n is told to fetch one first.
		await expect(authenticate({ apiVersion: 'v4', accessToken: 'secret', jwt: '' }, { url: 'https://api.copernica.com/v4/identity' })).rejects.toMatchObject({
			response: { status: 401 },
		});
	});

	it('applies the token or a JWT to https and loopback URLs only, whoever sends the request', async () => {
		const authenticate = await credentialAuthenticate();
		for (const apiVersion of ['v3', 'v4']) {
			const credentials = { apiVersion, accessToken: 'secret', jwt: 'a.b.c' };
			for (const options of [
				{ url: 'http://api.copernica.com/v3/identity' },
				{ baseURL: 'http://api.copernica.com/v3', url: '/identity' },
				{ url: '/identity' },
			]) {
				await expect(authenticate(credentials, options)).rejects.toThrow(/^The API Base URL must start with https:\/\//);
			}
		}
		expect(
			await authenticate({ accessToken: 'secret', baseUrl: 'http://127.0.0.1:9/v3' }, { url: 'http://127.0.0.1:9/v3/identity' }),
		).toMatchObject({ qs: { access_token: 'secret' } });
	});

	it('applies the token or a JWT only to addresses under the credential\'s API Base URL, whoever sends the request', async () => {
		const authenticate = await credentialAuthenticate();
		const v3 = { accessToken: 'secret', baseUrl: 'https://api.copernica.com/v3' };
		for (const options of [
			{ url: 'https://evil.example/steal' },
			{ url: 'https://api.copernica.com/v4/identity' },
			{ url: 'https://api.copernica.com/v3evil/identity' },
			{ url: 'https://api.copernica.com/v3/..%2Fv4/identity' },
			{ url: 'https://api.copernica.com/v3//evil.example' },
			{ baseURL: 'https://evil.example/v3', url: '/identity' },
		]) {
			await expect(authenticate(v3, options)).rejects.toThrow(/^The Copernica credential is only sent to its API Base URL \(https:\/\/api.copernica.com\/v3\)/);
		}
		expect(await authenticate(v3, { baseURL: 'https://api.copernica.com/v3/', url: '/identity' })).toMatchObject({ qs: { access_token: 'secret' } });
		const v4 = { apiVersion: 'v4', accessToken: 'secret', jwt: 'a.b.c', baseUrlV4: 'https://api.copernica.com/v4' };
		await expect(authenticate(v4, { url: 'https://evil.example/v4/identity' })).rejects.toThrow(/only sent to its API Base URL/);
	});

	it('Test: a working token', async () => {
		expect(await testCredential(copernica.credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = await copernica.client.log();
		expect(request).toMatchObject({ method: 'GET', path: 'identity', token: 'valid' });
	});

	it('Test: a base URL with a trailing slash still works', async () => {
		const result = await testCredential({ ...copernica.credentials, baseUrl: `${copernica.credentials.baseUrl}/` });
		expect(result.status).toBe('OK');
	});

	it('Test: a wrong token is reported with Copernica\'s message', async () => {
		const result = await testCredential({ ...copernica.credentials, accessToken: `cop_${randomBytes(8).toString('hex')}` });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Copernica says: Invalid access token. Create a new token in Copernica under Configuration → API access tokens.',
		});
	});

	it('Test: a base URL that is not Copernica\'s API', async () => {
		const result = await testCredential({ ...copernica.credentials, baseUrl: `${copernica.emulator.origin}/nothing-here` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/did not answer like Copernica's REST API/);
	});

	it('Test: nothing listening at the base URL', async () => {
		const result = await testCredential({ ...copernica.credentials, baseUrl: 'http://127.0.0.1:9/v3' });
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
	it('Test, REST v4: a working token is exchanged for a JWT, which reads the account', async () => {
		expect(await testCredential(copernica.v4Credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const log = await copernica.client.log();
		expect(log.map(({ path, auth, token }) => [path, auth, token])).toEqual([
			['authenticate', 'query', 'valid'],
			['identity', 'bearer', 'valid'],
		]);
	});

	it('Test, REST v4: a wrong token is reported with the exchange\'s answer', async () => {
		const result = await testCredential({ ...copernica.v4Credentials, accessToken: `cop_${randomBytes(8).toString('hex')}` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Copernica did not exchange the access token for a JWT: HTTP 400, Invalid access token/);
		expect((await copernica.client.log()).map((entry) => entry.path)).toEqual(['authenticate']);
	});
});
