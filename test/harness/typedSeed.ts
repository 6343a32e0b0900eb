import type { Seed } from '../../emulator/seed';

/**
 * A database with a field of every type a selection treats differently (integer, float,
 * select, date, datetime, text, email, a text field of 10 characters), for the tests of how
 * Copernica casts what it reads.
 * Five profiles, two of them with 0 points: the ones `points==n/a` would hit.
 */
export const TYPED_DATABASE = 'Members';

export function typedSeed(): Seed {
	return {
		databases: [
			{
				name: TYPED_DATABASE,
				fields: [
					{ name: 'email', type: 'email' },
					{ name: 'name', type: 'text' },
					{ name: 'points', type: 'integer' },
					{ name: 'balance', type: 'float' },
					{ name: 'segment', type: 'select', value: 'regular\nVIP\ngold' },
					{ name: 'birthdate', type: 'date' },
					{ name: 'lastorder', type: 'datetime' },
					{ name: 'status', type: 'text' },
					{ name: 'nickname', type: 'text', length: 10 },
				],
				profiles: [
					{ fields: { email: 'anna@example.com', name: 'Anna', points: 0, balance: 0, segment: 'regular', birthdate: '1990-05-01', lastorder: '2026-01-10 10:00:00' } },
					{ fields: { email: 'bram@example.com', name: 'Bram', points: 1, balance: 1.5, segment: 'VIP', birthdate: '1985-11-30', lastorder: '2026-02-01 09:30:00' } },
					{ fields: { email: 'chloe@example.com', name: 'Chloé', points: 0, balance: 10, segment: 'gold', birthdate: '2001-02-28', lastorder: '2025-12-24 18:00:00' } },
					{ fields: { email: 'daan@example.com', name: 'Daan', points: 250, balance: 99.99, segment: 'regular', birthdate: '1977-07-07', lastorder: '2026-03-03 08:00:00' } },
					{ fields: { email: 'eva@example.com', name: 'Eva', points: 12, balance: 3, segment: 'VIP', birthdate: '1999-12-31', lastorder: '2026-01-01 00:00:00' } },
				],
			},
		],
	};
}
