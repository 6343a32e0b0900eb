import type { INodeParameters } from 'n8n-workflow';

import type { EmulatorFixture } from './fixture';
import { TriggerHarness } from './triggerEngine';

/**
 * A Copernica Trigger per test, on the file's emulator, stopped after the test. Its Database is
 * the sample's Customers (by name unless a test gives another), its key is looked up at the emulator's DNS-over-HTTPS stand-in.
 */
export interface TriggerSettings {
	event?: string;
	database?: INodeParameters | string;
	collection?: INodeParameters | string;
	options?: INodeParameters;
}

export function byId(value: string): INodeParameters {
	return { __rl: true, mode: 'id', value };
}

export function byName(value: string): INodeParameters {
	return { __rl: true, mode: 'name', value };
}

export { untagged } from './registrationTag';

export function useTriggers(copernica: EmulatorFixture) {
	const started: TriggerHarness[] = [];
	afterEach(async () => {
		await Promise.all(started.splice(0).map(async (harness) => await harness.stop()));
	});

	const parameters = (settings: TriggerSettings = {}): INodeParameters => ({
		event: settings.event ?? 'profileUpdated',
		database: typeof settings.database === 'string' ? byId(settings.database) : (settings.database ?? byName('Customers')),
		...(settings.collection !== undefined
			? { collection: typeof settings.collection === 'string' ? byId(settings.collection) : settings.collection }
			: {}),
		options: { dnsResolver: copernica.emulator.dohUrl, ...settings.options },
	});

	return {
		parameters,
		async trigger(settings: TriggerSettings = {}): Promise<TriggerHarness> {
			const harness = await TriggerHarness.start({ parameters: parameters(settings), credentials: copernica.credentials });
			started.push(harness);
			return harness;
		},
	};
}
