import { webhookJson } from './routes/webhooks';
import type { CopernicaEmulator } from './server';
import type { Forgery } from './signing';
import { FORGERIES, foreignKeyIdOf, publicKeyRecord } from './signing';
import type { Payload } from './webhookPayload';
import { MAILING_TRIGGERS } from './webhookPayload';

/**
 * The control API's webhook part (under /__emulator/): what Copernica's UI and its mailings
 * would do, and what tests need to see. test/harness/emulatorClient.ts has a method for each.
 *
 * - GET webhooks: every registered webhook, with its database and collection.
 * - PUT webhooks/domains `["example.com", …]`: the validated domains (until the next reset).
 * - PUT webhooks/separator `{"separator":"_"}`: X-Copernica-ID as `account_1` (until the next reset).
 * - POST webhooks/mailing `{"trigger":"open","fields":{…},"database"?:id}`: a mailing event → `{"queued":n}`.
 * - POST webhooks/{id}/deliver `{"payload":{…},"forgery"?:…,"header"?:…}`: one call of any payload → `{"queued":1}`.
 * - GET deliveries: the delivery log; POST deliveries/settle: the log once nothing is pending; DELETE deliveries.
 * - GET keys: `{keyId, record, foreignKeyId, dohUrl}`; POST keys/rotate `{"keyId"?:…}`: a new key pair → the same shape.
 * - GET doh/requests: `{"<name>": count}`; DELETE doh/requests.
 */

export interface ControlAnswer {
	status: number;
	body?: unknown;
}

const refuse = (message: string): ControlAnswer => ({ status: 400, body: { error: { message } } });

function keys(emulator: CopernicaEmulator): ControlAnswer {
	const { key } = emulator.webhooks;
	return {
		status: 200,
		body: { keyId: key.keyId, record: publicKeyRecord(key), foreignKeyId: foreignKeyIdOf(key.keyId), dohUrl: emulator.dohUrl },
	};
}

/** Undefined: not a webhook control path. */
export async function webhookControl(
	emulator: CopernicaEmulator,
	method: string,
	path: string,
	body: unknown,
): Promise<ControlAnswer | undefined> {
	const { webhooks: deliveries } = emulator;
	const store = () => emulator.store;
	const object = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	const route = `${method} ${path}`;
	switch (route) {
		case 'GET webhooks':
			return {
				status: 200,
				body: [...store().webhooks.values()].map((webhook) => ({
					...webhookJson(webhook),
					database: webhook.database === undefined ? undefined : String(webhook.database),
					collection: webhook.collection === undefined ? undefined : String(webhook.collection),
				})),
			};
		case 'PUT webhooks/domains': {
			const domains = Array.isArray(body) ? body : object.domains;
			if (!Array.isArray(domains) || domains.some((domain) => typeof domain !== 'string')) {
				return refuse('Send an array of domain names');
			}
			store().validatedDomains = domains as string[];
			return { status: 204 };
		}
		case 'PUT webhooks/separator':
			if (object.separator !== '-' && object.separator !== '_') return refuse('separator must be - or _');
			deliveries.separator = object.separator;
			return { status: 204 };
		case 'POST webhooks/mailing': {
			const trigger = String(object.trigger);
			if (!MAILING_TRIGGERS.includes(trigger)) return refuse(`trigger must be one of ${MAILING_TRIGGERS.join(', ')}`);
			const database = object.database === undefined ? undefined : Number(object.database);
			const queued = deliveries.mailing(store().webhooks.values(), trigger, (object.fields ?? {}) as Payload, database);
			return { status: 200, body: { queued } };
		}
		case 'GET deliveries':
			return { status: 200, body: deliveries.log };
		case 'POST deliveries/settle':
			await deliveries.settle();
			return { status: 200, body: deliveries.log };
		case 'DELETE deliveries':
			deliveries.log.length = 0;
			return { status: 204 };
		case 'GET keys':
			return keys(emulator);
		case 'POST keys/rotate':
			deliveries.rotate(typeof object.keyId === 'string' && object.keyId !== '' ? object.keyId : undefined);
			return keys(emulator);
		case 'GET doh/requests':
			return { status: 200, body: Object.fromEntries(deliveries.doh.requests) };
		case 'DELETE doh/requests':
			deliveries.doh.clearCounts();
			return { status: 204 };
	}
	const deliver = /^webhooks\/(\d+)\/deliver$/.exec(path);
	if (deliver && method === 'POST') {
		const webhook = store().webhooks.get(Number(deliver[1]));
		if (!webhook) return { status: 404, body: { error: { message: `No webhook ${deliver[1]}` } } };
		const forgery = object.forgery as Forgery | undefined;
		if (forgery !== undefined && !FORGERIES.includes(forgery)) return refuse(`forgery must be one of ${FORGERIES.join(', ')}`);
		if (!object.payload || typeof object.payload !== 'object') return refuse('payload must be an object');
		deliveries.deliver(webhook, object.payload as Payload, forgery, typeof object.header === 'string' ? object.header : undefined);
		return { status: 200, body: { queued: 1 } };
	}
	return undefined;
}
