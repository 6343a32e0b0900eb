import { randomBytes } from 'node:crypto';

import { testCredential } from '../harness/credentialTester';
import { useEmulator } from '../harness/fixture';
import { loadNodePackage } from '../harness/nodePackage';

/** The credential: how n8n applies it, and what its Test button says. */
const copernica = useEmulator();

describe('Copernica API credential', () => {
	it('is named copernicaApi, hides the token and defaults to the v3 API', async () => {
		const credential = (await loadNodePackage()).credentialType('copernicaApi');
		expect(credential.displayName).toBe('Copernica API');
		const [token, baseUrl] = credential.properties;
		expect(token).toMatchObject({ name: 'accessToken', type: 'string', typeOptions: { password: true }, required: true });
		expect(baseUrl).toMatchObject({ name: 'baseUrl', default: 'https://api.copernica.com/v3' });
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { qs: { access_token: '={{$credentials.accessToken}}' } },
		});
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
});
