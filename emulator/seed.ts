import { Store } from './store';
import type { FieldSpec } from './store';

/** What an emulated account starts with: databases, their fields and interests, profiles. */

export interface SeedDatabase {
	name: string;
	description?: string;
	fields: FieldSpec[];
	interests?: Array<{ name: string; group?: string }>;
	profiles?: Array<{ fields: Record<string, unknown>; interests?: string[] }>;
	collections?: SeedCollection[];
}

export interface SeedCollection {
	name: string;
	fields: FieldSpec[];
	/** Each under the profile at that index of the database's `profiles`. */
	subprofiles?: Array<{ profile: number; fields: Record<string, unknown> }>;
}

export interface Seed {
	databases: SeedDatabase[];
	/** Empty filler databases after the real ones, to test paging past 1,000 entries. */
	fillerDatabases?: number;
	/** The account's validated domains (default DEFAULT_VALIDATED_DOMAINS). */
	validatedDomains?: string[];
}

/** A user who did the setup of copernica-webhooks.md §3.1 for handlers on this machine. */
export const DEFAULT_VALIDATED_DOMAINS = ['localhost', '127.0.0.1'];

export function storeFromSeed(seed: Seed): Store {
	const store = new Store();
	for (const spec of seed.databases) {
		const database = store.addDatabase(spec.name, spec.fields, spec.interests ?? [], spec.description);
		const profiles = (spec.profiles ?? []).map((profile) =>
			store.createProfile(database, profile.fields, profile.interests ?? []),
		);
		for (const collectionSpec of spec.collections ?? []) {
			const collection = store.addCollection(database, collectionSpec.name, collectionSpec.fields);
			for (const subprofile of collectionSpec.subprofiles ?? []) {
				store.createSubprofile(profiles[subprofile.profile], collection, subprofile.fields);
			}
		}
	}
	for (let index = 1; index <= (seed.fillerDatabases ?? 0); index++) {
		store.addDatabase(`Filler ${String(index).padStart(4, '0')}`, [{ name: 'email', type: 'email' }]);
	}
	store.validatedDomains = [...(seed.validatedDomains ?? DEFAULT_VALIDATED_DOMAINS)];
	// The seed's writes happened before any webhook existed.
	store.takeChanges();
	return store;
}

/** A small shop's customer database, used by the example workflow and most tests. */
export function sampleSeed(): Seed {
	return {
		databases: [
			{
				name: 'Customers',
				description: 'Customers of the web shop',
				fields: [
					{ name: 'customerid', type: 'text' },
					{ name: 'email', type: 'email' },
					{ name: 'firstname', type: 'text' },
					{ name: 'lastname', type: 'text' },
					{ name: 'city', type: 'text' },
					{ name: 'age', type: 'integer' },
					{ name: 'segment', type: 'select', value: 'regular\ngold\nsilver' },
				],
				interests: [
					{ name: 'newsletter', group: 'mailings' },
					{ name: 'offers', group: 'mailings' },
					{ name: 'football', group: 'sports' },
					{ name: 'baseball', group: 'sports' },
				],
				collections: [
					{
						name: 'Orders',
						fields: [
							{ name: 'orderid', type: 'text' },
							{ name: 'status', type: 'text' },
							{ name: 'total', type: 'float' },
						],
						subprofiles: [
							{ profile: 0, fields: { orderid: 'O-1', status: 'paid', total: 25.5 } },
							{ profile: 0, fields: { orderid: 'O-2', status: 'open', total: 12 } },
							{ profile: 1, fields: { orderid: 'O-3', status: 'open', total: 80 } },
						],
					},
				],
				profiles: [
					{
						fields: { customerid: 'C-1001', email: 'anna@example.com', firstname: 'Anna', lastname: 'de Vries', city: 'Amsterdam', age: 34, segment: 'regular' },
						interests: ['newsletter'],
					},
					{
						fields: { customerid: 'C-1002', email: 'bram@example.com', firstname: 'Bram', lastname: 'Jansen', city: 'Utrecht', age: 51, segment: 'gold' },
						interests: ['newsletter', 'football'],
					},
					{
						fields: { customerid: 'C-1003', email: 'chloe@example.org', firstname: 'Chloé', lastname: 'Bakker', city: 'Rotterdam', age: 27, segment: 'regular' },
						interests: [],
					},
					{
						fields: { customerid: 'C-1004', email: 'daan@example.org', firstname: 'Daan', lastname: 'Visser', city: 'Amsterdam', age: 42, segment: 'regular' },
						interests: ['offers'],
					},
				],
			},
			{
				name: 'Newsletter',
				description: 'Newsletter sign-ups',
				fields: [
					{ name: 'email', type: 'email' },
					{ name: 'name', type: 'text' },
				],
				interests: [{ name: 'weekly' }, { name: 'monthly' }],
				profiles: [{ fields: { email: 'erik@example.net', name: 'Erik' }, interests: ['weekly'] }],
			},
		],
	};
}
