import axios from 'axios';
import type { AxiosInstance } from 'axios';

import type { FaultRule, LogEntry } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';

/** A profile as the emulator's control API returns it (Copernica's shape). */
export interface EmulatedProfile {
	ID: string;
	fields: Record<string, string>;
	interests: string[];
	modified: string;
	removed: string | false;
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
}
