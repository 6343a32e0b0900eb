import axios from 'axios';
import type { AxiosInstance, AxiosResponse } from 'axios';

import type { StoredDestination, StoredEvent, StoredMailing, StoredScheduledMailing } from '../../emulator/mailingStore';
import type { FaultRule, LogEntry } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';
import type { Forgery } from '../../emulator/signing';
import type { DeliveryEntry } from '../../emulator/webhookDelivery';
import type { Payload } from '../../emulator/webhookPayload';

export type { DeliveryEntry } from '../../emulator/webhookDelivery';
export type { Forgery } from '../../emulator/signing';
export type { StoredDestination as EmulatedDestination, StoredEvent as EmulatedEvent, StoredScheduledMailing as EmulatedScheduledMailing } from '../../emulator/mailingStore';

/** A mailing as the control API lists it: as stored, with the number of its destinations. */
export type EmulatedMailing = Omit<StoredMailing, 'destinations'> & { destinations: number };

/** A profile as the emulator's control API returns it (Copernica's shape). */
export interface EmulatedProfile {
	ID: string;
	fields: Record<string, string>;
	interests: string[];
	modified: string;
	removed: string | false;
}

/** A registered webhook as the control API lists it: GET webhook/{id}'s shape plus its scope. */
export interface EmulatedWebhook {
	ID: string;
	handler: string;
	trigger: string;
	callers: string[];
	database?: string;
	collection?: string;
}

/** The signing key as published: its DNS name, the TXT record's text, the forgeries' look-alike name, the DoH URL. */
export interface EmulatedKey {
	keyId: string;
	record: string;
	foreignKeyId: string;
	dohUrl: string;
}

/**
 * The emulator's control API (/__emulator/), over HTTP, so tests and scripts work the same
 * whether the emulator runs in the same process or in another one.
 */
export class EmulatorClient {
	private readonly http: AxiosInstance;

	constructor(origin: string) {
		this.http = axios.create({ baseURL: `${origin}/__emulator/`, validateStatus: () => true });
	}

	async log(): Promise<LogEntry[]> {
		return (await this.http.get<LogEntry[]>('log')).data;
	}

	/** Requests that could change data: anything but GET. */
	async writes(): Promise<LogEntry[]> {
		return (await this.log()).filter((entry) => entry.method !== 'GET');
	}

	async clearLog(): Promise<void> {
		await this.http.delete('log');
	}

	async setFaults(rules: FaultRule[]): Promise<void> {
		await this.http.put('faults', rules);
	}

	async reset(seed?: Seed): Promise<void> {
		await this.http.post('reset', seed ?? '');
	}

	/** Requests seen, the most in flight at once, and REST v4 JWTs issued since the last reset. */
	async stats(): Promise<{ requests: number; maxInFlight: number; meanAnswerMs: number; jwtsIssued: number }> {
		return (await this.http.get('stats')).data;
	}

	/** Makes every REST v4 JWT issued so far expire now, as a revocation on Copernica's side would. */
	async expireJwts(): Promise<void> {
		await this.http.post('jwts/expire');
	}

	/** How REST v4 answers a JWT it refuses: 401 (the default) or 400 "Invalid access token" (until the next reset). */
	async setJwtRefusal(status: 400 | 401): Promise<void> {
		await this.http.put('jwts/refusal', { status });
	}

	/** How long REST v4 JWTs issued from now on live (until the next reset). */
	async setJwtLifetime(ttlSeconds: number): Promise<void> {
		await this.http.put('jwts', { ttlSeconds });
	}

	async profiles(database: string): Promise<EmulatedProfile[]> {
		const response = await this.http.get<EmulatedProfile[]>(`profiles/${encodeURIComponent(database)}`);
		if (response.status !== 200) throw new Error(`No database ${database} in the emulator`);
		return response.data;
	}

	/** Live profiles whose field has the given value. */
	async profilesWhere(database: string, field: string, value: string): Promise<EmulatedProfile[]> {
		return (await this.profiles(database)).filter(
			(profile) => profile.removed === false && profile.fields[field] === value,
		);
	}

	/** Adds `count` profiles to the database at once (`{n}` in a text value becomes 1…count); no webhook hears of them. Their first and last IDs. */
	async addProfiles(database: string | number, count: number, fields: Record<string, unknown> = {}): Promise<{ count: number; first: number; last: number }> {
		return (await this.expect(200, this.http.post(`profiles/${encodeURIComponent(String(database))}`, { count, fields }))).data;
	}

	/** Sets the emulator's clock (`YYYY-MM-DD HH:MM:SS`): what is sent next is sent then. */
	async setClock(now: string): Promise<void> {
		await this.expect(204, this.http.put('clock', { now }));
	}

	/** Every mailing sent or scheduled (Marketing Suite and Publisher), oldest first: a refused send adds none. */
	async mailings(): Promise<EmulatedMailing[]> {
		return (await this.expect(200, this.http.get<EmulatedMailing[]>('mailings'))).data;
	}

	/** The ID of the mailing a Marketing Suite send created, from the request ID it answered with (X-Created); throws when none. */
	async mailingOfRequest(request: number | string): Promise<string> {
		const mailing = (await this.mailings()).find((candidate) => candidate.request !== undefined && String(candidate.request) === String(request));
		if (!mailing) throw new Error(`No mailing was sent by request ${request}`);
		return String(mailing.ID);
	}

	/** A mailing's destinations, one per recipient. */
	async mailingDestinations(id: number | string): Promise<StoredDestination[]> {
		return (await this.expect(200, this.http.get<StoredDestination[]>(`mailings/${id}/destinations`))).data;
	}

	/** A mailing's events, or with no ID every event (REST unsubscribes, which no mailing caused, included). */
	async mailingEvents(id?: number | string): Promise<StoredEvent[]> {
		return (await this.expect(200, this.http.get<StoredEvent[]>(id === undefined ? 'mailings/events' : `mailings/${id}/events`))).data;
	}

	/** The mailings of POST ms/scheduledemailing, each with the mailing it became once sent. */
	async scheduledMailings(): Promise<StoredScheduledMailing[]> {
		return (await this.expect(200, this.http.get<StoredScheduledMailing[]>('mailings/scheduled'))).data;
	}

	/** Sends a scheduled mailing now, as its start would (the store's clock never reaches a start to come by itself). */
	async sendScheduledMailing(id: number | string): Promise<EmulatedMailing> {
		return (await this.expect(200, this.http.post<EmulatedMailing>(`mailings/scheduled/${id}/send`))).data;
	}

	/** The configured sender domains a send's from address must be on (default `example.com`; until the next reset). */
	async setSenderDomains(domains: string[]): Promise<void> {
		await this.expect(204, this.http.put('mailings/senderdomains', domains));
	}

	/** Every registered webhook (Copernica has no list endpoint; this is the emulator's view). */
	async webhooks(): Promise<EmulatedWebhook[]> {
		return (await this.http.get<EmulatedWebhook[]>('webhooks')).data;
	}

	/** The account's validated domains, replacing the default localhost and 127.0.0.1 (until the next reset). */
	async setValidatedDomains(domains: string[]): Promise<void> {
		await this.expect(204, this.http.put('webhooks/domains', domains));
	}

	/** X-Copernica-ID as `account-1` (the default) or `account_1` (until the next reset). */
	async setAccountSeparator(separator: '-' | '_'): Promise<void> {
		await this.expect(204, this.http.put('webhooks/separator', { separator }));
	}

	/** The delivery log so far (calls may still be pending). */
	async deliveries(): Promise<DeliveryEntry[]> {
		return (await this.http.get<DeliveryEntry[]>('deliveries')).data;
	}

	/** Waits until every queued webhook call has settled; the delivery log then. */
	async settleDeliveries(): Promise<DeliveryEntry[]> {
		return (await this.expect(200, this.http.post<DeliveryEntry[]>('deliveries/settle'))).data;
	}

	async clearDeliveries(): Promise<void> {
		await this.http.delete('deliveries');
	}

	/** A mailing event (open, click, delivery, bounce, failure) to every webhook of that trigger; `fields` replace or add variables. How many calls were queued. */
	async fireMailingEvent(trigger: string, fields: Payload = {}, database?: number | string): Promise<number> {
		return (await this.expect(200, this.http.post<{ queued: number }>('webhooks/mailing', { trigger, fields, database }))).data.queued;
	}

	/** One call of any payload to webhook `id`, signed, or forged as asked (`header`: which header missingHeader and headerNotSigned hit). */
	async deliver(id: number | string, payload: Payload, options: { forgery?: Forgery; header?: string } = {}): Promise<void> {
		await this.expect(200, this.http.post(`webhooks/${id}/deliver`, { payload, ...options }));
	}

	async signingKey(): Promise<EmulatedKey> {
		return (await this.http.get<EmulatedKey>('keys')).data;
	}

	/** A new key pair under the same keyId (the old key no longer published), or under `keyId`. */
	async rotateKey(keyId?: string): Promise<EmulatedKey> {
		return (await this.expect(200, this.http.post<EmulatedKey>('keys/rotate', { keyId }))).data;
	}

	/** DoH requests per name (lower case, no final dot) since the last reset or clearDohRequests(). */
	async dohRequests(): Promise<Record<string, number>> {
		return (await this.http.get<Record<string, number>>('doh/requests')).data;
	}

	async clearDohRequests(): Promise<void> {
		await this.http.delete('doh/requests');
	}

	/** The answer, or an error with the control API's message when its status is not `status`. */
	private async expect<T>(status: number, answer: Promise<AxiosResponse<T>>): Promise<AxiosResponse<T>> {
		const response = await answer;
		if (response.status !== status) throw new Error(`Emulator control API: ${response.status} ${JSON.stringify(response.data)}`);
		return response;
	}
}
