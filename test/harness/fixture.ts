import { randomBytes } from 'node:crypto';

import { CopernicaEmulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';
import type { CopernicaCredentials } from './engine';
import { EmulatorClient } from './emulatorClient';

export interface EmulatorFixture {
	emulator: CopernicaEmulator;
	client: EmulatorClient;
	credentials: CopernicaCredentials;
	/** The access token of this run: made up at run time, so it is in no file. */
	token: string;
}

/**
 * One emulator per test file on a free loopback port, reset to the sample data (or `seed`)
 * before every test. Returns a holder filled in by beforeAll.
 */
export function useEmulator(seed?: () => Seed): EmulatorFixture {
	const token = `cop_${randomBytes(12).toString('hex')}`;
	const fixture = { token } as EmulatorFixture;
	beforeAll(async () => {
		fixture.emulator = new CopernicaEmulator({ tokens: [token], seed: seed?.() });
		const baseUrl = await fixture.emulator.start();
		fixture.client = new EmulatorClient(fixture.emulator.origin);
		fixture.credentials = { accessToken: token, baseUrl };
	});
	beforeEach(() => {
		fixture.emulator.reset(seed?.());
	});
	afterAll(async () => {
		await fixture.emulator.stop();
	});
	return fixture;
}
