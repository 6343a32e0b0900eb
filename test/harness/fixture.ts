import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { randomBytes } from 'node:crypto';

import { CopernicaEmulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';
import type { CopernicaV3Credentials, CopernicaV4Credentials } from './engine';
import { EmulatorClient } from './emulatorClient';

export interface EmulatorFixture {
	emulator: CopernicaEmulator;
	client: EmulatorClient;
	/** REST v3: the token as a URL parameter (the credential's default). */
	credentials: CopernicaV3Credentials;
	/**
	 * REST v4: the token exchanged at the emulator's /authenticate for a JWT. A new object before
	 * every test, with no JWT yet; the JWT fetched is kept in it, as n8n keeps it in the credential.
	 */
	v4Credentials: CopernicaV4Credentials;
	/** The access token of this run: made up at run time, so it is in no file. */
	token: string;
}

/**
 * One emulator per test file on a free loopback port, reset to the sample data (or `seed`)
 * before every test. Returns a holder filled in by beforeAll. `token` replaces the made-up
 * access token (tests of encodings use one with characters that encode differently).
 */
export function useEmulator(seed?: () => Seed, token = `cop_${randomBytes(12).toString('hex')}`): EmulatorFixture {
	const fixture = { token } as EmulatorFixture;
	beforeAll(async () => {
		fixture.emulator = new CopernicaEmulator({ tokens: [token], seed: seed?.() });
		const baseUrl = await fixture.emulator.start();
		fixture.client = new EmulatorClient(fixture.emulator.origin);
		fixture.credentials = { accessToken: token, baseUrl };
	});
	beforeEach(() => {
		fixture.emulator.reset(seed?.());
		fixture.v4Credentials = {
			apiVersion: 'v4',
			accessToken: token,
			baseUrlV4: fixture.emulator.baseUrlV4,
			authUrl: fixture.emulator.authenticateUrl,
			jwt: '',
			jwtIssuedFor: '',
		};
	});
	afterAll(async () => {
		await fixture.emulator.stop();
	});
	return fixture;
}

/** The fixture's REST v3 API over plain HTTP: the token as a URL parameter, every status answered. */
export function restApi(fixture: EmulatorFixture): AxiosInstance {
	return axios.create({
		baseURL: fixture.credentials.baseUrl,
		params: { access_token: fixture.token },
		validateStatus: () => true,
	});
}

/** The fixture's REST v4 API over plain HTTP: a JWT from the emulator's /authenticate as the Bearer token, every status answered. */
export async function restApiV4(fixture: EmulatorFixture): Promise<AxiosInstance> {
	const jwt = (await axios.post(fixture.emulator.authenticateUrl, `access_token=${fixture.token}`)).data as string;
	return axios.create({ baseURL: fixture.emulator.baseUrlV4, headers: { Authorization: `Bearer ${jwt}` }, validateStatus: () => true });
}

/** One REST version's API and the first segment of its mailing paths (copernica-mailings.md §4.1: v4 renames `ms/` and `publisher/`). */
export interface VersionedApi {
	api: AxiosInstance;
	ms: 'ms' | 'draganddrop';
	publisher: 'publisher' | 'html';
}

/** For `describe.each`: v3 and v4, each a connect function to call inside a test (v4 fetches its JWT then). */
export function restApiVersions(fixture: EmulatorFixture): Array<[string, () => Promise<VersionedApi>]> {
	return [
		['v3', async () => ({ api: restApi(fixture), ms: 'ms', publisher: 'publisher' })],
		['v4', async () => ({ api: await restApiV4(fixture), ms: 'draganddrop', publisher: 'html' })],
	];
}
