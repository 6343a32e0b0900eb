import { randomBytes } from 'node:crypto';

import { useEmulator } from '../harness/fixture';
import { n8nLogSince, n8nLogSize } from '../harness/n8nLog';
import { expectNoSecrets } from '../harness/runWithoutLeaks';
import { TriggerHarness } from '../harness/triggerEngine';
import { useTriggers } from '../harness/triggerFixture';

/**
 * The trigger talks to Copernica with the same credential as the node: the token (and the REST v4
 * JWT) are in no static data, output item, error or log line, whatever Copernica echoes.
 */
const copernica = useEmulator(undefined, `cop_${randomBytes(12).toString('hex')}+/=`);
const { parameters } = useTriggers(copernica);

const started: TriggerHarness[] = [];
afterEach(async () => {
	await Promise.all(started.splice(0).map(async (harness) => await harness.stop()));
});

async function triggerWith(credentials: typeof copernica.credentials | typeof copernica.v4Credentials): Promise<TriggerHarness> {
	const harness = await TriggerHarness.start({ parameters: parameters({ options: { includeRaw: true } }), credentials });
	started.push(harness);
	return harness;
}

function secrets(): string[] {
	return [copernica.token, copernica.v4Credentials.jwt];
}

async function updateAnna(): Promise<void> {
	const [anna] = await copernica.client.profilesWhere('Customers', 'customerid', 'C-1001');
	const [webhook] = await copernica.client.webhooks();
	await copernica.client.deliver(webhook.ID, { type: 'update', profile: Number(anna.ID), database: Number(webhook.database), fields: { city: 'Gouda' } });
}

describe('Copernica Trigger keeps the credential secret', () => {
	it.each(['v3', 'v4'])('REST %s: publish, a verified call and unpublish leave the token nowhere', async (version) => {
		const logFrom = n8nLogSize();
		const harness = await triggerWith(version === 'v3' ? copernica.credentials : copernica.v4Credentials);
		await harness.activate();
		expect(await copernica.client.webhooks()).toHaveLength(1);
		await updateAnna();
		await copernica.client.settleDeliveries();
		expect(await harness.executionsSettled()).toHaveLength(1);
		await harness.deactivate();
		expect(await copernica.client.webhooks()).toEqual([]);
		expectNoSecrets(JSON.stringify(harness.staticData), secrets());
		expectNoSecrets(JSON.stringify(harness.executions), secrets());
		expectNoSecrets(await n8nLogSince(logFrom), secrets());
	});

	it('a refusal of POST webhooks that echoes the token shows Copernica\'s words with the token hidden', async () => {
		await copernica.client.setFaults([
			{ method: 'POST', path: 'webhooks', status: 400, contentType: 'application/json', body: JSON.stringify({ error: { message: `Invalid handler for ${copernica.token}` } }) },
		]);
		const harness = await triggerWith(copernica.credentials);
		const error = await harness.activate().then(
			() => undefined,
			(caught: Error & { description?: string }) => caught,
		);
		expect(error?.message).toContain('Invalid handler for **hidden**');
		expectNoSecrets(`${error?.message} ${error?.description} ${JSON.stringify(error)}`, secrets());
	});
});
