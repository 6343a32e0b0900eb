import { useEmulator } from '../harness/fixture';
import { getManyProfiles, updateProfiles } from '../harness/parameters';
import { runWithoutLeaks } from '../harness/runWithoutLeaks';

/**
 * 303 See Other (copernica-api.md §4.1: older API versions answer it to every PUT, with a
 * Location pointing at the updated entity) is success only when Location points into the
 * configured API. Anywhere else, an SSO page or another host, the run fails and says where.
 */
const copernica = useEmulator();

const UPDATE_ANNA = updateProfiles({ conditions: [{ field: 'customerid', value: 'C-1001' }], fields: { city: 'Haarlem' } });

async function answer303(location: string | undefined) {
	await copernica.client.setFaults([
		{ method: 'PUT', status: 303, body: '', contentType: 'text/plain', headers: location === undefined ? {} : { Location: location } },
	]);
	return await runWithoutLeaks({ parameters: UPDATE_ANNA, credentials: copernica.credentials }, [copernica.token]);
}

describe('a 303 into the API is success', () => {
	it.each([
		['an absolute Location under the base URL', () => `${copernica.emulator.baseUrl}/profile/1001`],
		['a Location relative to the host', () => '/v3/profile/1001'],
		['a Location relative to the request', () => '../../profile/1001'],
	])('%s', async (_what, location) => {
		const { output, error } = await answer303(location());
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ statusCode: 303 });
	});
});

describe('a 303 anywhere else is an error that says where it led', () => {
	it.each([
		['a single sign-on page on another host', 'https://sso.example.com/login?next=x', 'https://sso.example.com/login'],
		['a protocol-relative address', '//evil.host/v3/profile/1001', 'http://evil.host/v3/profile/1001'],
		['a host that only starts like the API host', () => `http://127.0.0.1.nip.io:${new URL(copernica.emulator.origin).port}/v3/profile/1`, undefined],
		['the same host over another scheme', () => `${copernica.emulator.baseUrl.replace('http:', 'https:')}/profile/1001`, undefined],
		['a path that only starts like the base path', '/v3evil/profile/1001', undefined],
		['a path that climbs out of the base path', '/v3/../login', undefined],
		['an encoded climb out of the base path', '/v3/%2e%2e/login', undefined],
		['another API version on the same host', '/v4/profile/1001', undefined],
		['credentials in the address', () => `http://user:pw@127.0.0.1:${new URL(copernica.emulator.origin).port}/v3/profile/1`, undefined],
		['no Location at all', undefined, 'nowhere (no Location header)'],
	])('%s', async (_what, location, shown) => {
		const { output, error } = await answer303(typeof location === 'function' ? location() : location);
		expect(output).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Copernica's address answered 303 See Other, redirecting outside the API to .+ \[item 0\]$/);
		if (shown !== undefined) expect(error?.message).toContain(`to ${shown} [item 0]`);
		expect(error?.description).toMatch(/may not have reached Copernica.*Check the API Base URL/);
		// Not retried: a redirect is an answer, not a failure to answer.
		expect((await copernica.client.writes()).length).toBe(1);
	});

	it('never shows the query of the address, where a login page may echo the access token', async () => {
		const { error } = await answer303(`https://sso.example.com/login?access_token=${copernica.token}&next=%2Fv3`);
		expect(error?.message).toContain('to https://sso.example.com/login [item 0]');
		expect(error?.message).not.toContain('next');
	});
});

describe('what the second hostile review found', () => {
	it('a 303 whose Location carries the token (raw or URL-encoded) leaves it in no run data, error or log', async () => {
		for (const location of [
			`https://sso.example.com/cb/${copernica.token}`,
			`https://sso.example.com/login/https%3A%2F%2Fapi%3Faccess_token%3D${encodeURIComponent(copernica.token)}`,
		]) {
			const { error } = await answer303(location);
			expect(error?.message).toMatch(/^Copernica's address answered 303 See Other, redirecting outside the API to https:\/\/sso\.example\.com\//);
		}
	});

	it('a 303 to a read is no answer: Get Many fails instead of returning nothing', async () => {
		await copernica.client.setFaults([
			{ method: 'GET', path: 'database/Customers/profiles', status: 303, body: '', contentType: 'text/plain', headers: { Location: '/v3/database/Customers/profiles' } },
		]);
		const { output, error } = await runWithoutLeaks(
			{ parameters: getManyProfiles({ returnAll: true }), credentials: copernica.credentials },
			[copernica.token],
		);
		expect(output).toEqual([]);
		expect(error?.message).toBe('Copernica answered HTTP 303 [item 0]');
	});

	it.each(['/v3/..%2Fv4/profile/1', '/v3/%2E%2E/login', '/v3/..;/login', '/v3//evil.example/x'])(
		'a Location that climbs out once decoded (%s) is outside the API',
		async (location) => {
			const { error } = await answer303(location);
			expect(error?.message).toMatch(/redirecting outside the API/);
		},
	);
});
