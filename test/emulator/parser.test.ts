import axios from 'axios';

import { useEmulator } from '../harness/fixture';
import { TYPED_DATABASE, typedSeed } from '../harness/typedSeed';

/**
 * Control tests: the emulator reads selections as Copernica's parser does (copernica-api.md
 * §2.3) and casts values to the field's type (§5), so each case below, sent raw, changes more
 * profiles than it names. The node's refusals (test/node/selectionSafety.test.ts) exist because
 * of exactly these.
 */
const copernica = useEmulator(typedSeed);

/** A raw PUT: `fields[]` encoded byte for byte, a marker written into `status`. */
async function putRaw(conditions: string[], extra = ''): Promise<number> {
	const query = conditions.map((condition) => `fields%5B%5D=${encodeURIComponent(condition)}`).join('&');
	const response = await axios.put(
		`${copernica.credentials.baseUrl}/database/${TYPED_DATABASE}/profiles?${query}${extra}&access_token=${copernica.token}`,
		{ fields: { status: 'HIT' } },
		{ validateStatus: () => true },
	);
	return response.status;
}

/** Names of the profiles the PUT changed. */
async function hit(): Promise<string[]> {
	return (await copernica.client.profilesWhere(TYPED_DATABASE, 'status', 'HIT')).map((profile) => profile.fields.name);
}

const EVERYONE = ['Anna', 'Bram', 'Chloé', 'Daan', 'Eva'];

describe('conditions Copernica cannot read are dropped, and the PUT updates every profile', () => {
	it.each([
		['a line break inside the value', 'email==anna@example.com\nx'],
		['a carriage return inside the value', 'email==anna@example.com\rx'],
		['a line break before the operator', 'email\n==anna@example.com'],
		['"<~", an operator run that is not one of the nine', 'points<~5'],
		['">>"', 'points>>5'],
		['"><"', 'points><5'],
		['">!"', 'points>!5'],
		['"=" alone', 'email=anna@example.com'],
		['"~" alone', 'email~anna@example.com'],
	])('%s', async (_case, condition) => {
		expect(await putRaw([condition])).toBe(204);
		expect(await hit()).toEqual(EVERYONE);
	});

	it('but the expression is trimmed as PHP trims it (space, tab, CR, LF, NUL, vertical tab)', async () => {
		expect(await putRaw(['\t\n\0\x0B email==anna@example.com \r\n\0'])).toBe(204);
		expect(await hit()).toEqual(['Anna']);
	});

	it('a two-character operator keeps a value that starts with an operator character (rmuit\'s pattern)', async () => {
		await axios.post(`${copernica.credentials.baseUrl}/database/${TYPED_DATABASE}/profiles?access_token=${copernica.token}`, {
			fields: { name: '=Anna' },
		});
		expect(await putRaw(['name===Anna'])).toBe(204);
		expect(await hit()).toEqual(['=Anna']);
	});
});

describe('values are cast to the field\'s type before comparing', () => {
	it('points==n/a on an integer field matches every profile with 0 points', async () => {
		await putRaw(['points==n/a']);
		expect(await hit()).toEqual(['Anna', 'Chloé']);
	});

	it('points==1.5 on an integer field matches 1 point; points>1abc reads as >1', async () => {
		await putRaw(['points==1.5']);
		expect(await hit()).toEqual(['Bram']);
		await copernica.client.reset(typedSeed());
		await putRaw(['points>1abc']);
		expect(await hit()).toEqual(['Daan', 'Eva']);
	});

	it('points==0x0C is 12 to a person, but PHP reads 0', async () => {
		await putRaw(['points==0x0C']);
		expect(await hit()).toEqual(['Anna', 'Chloé']);
	});

	it('balance!=abc on a float field matches every non-zero balance', async () => {
		await putRaw(['balance!=abc']);
		expect(await hit()).toEqual(['Bram', 'Chloé', 'Daan', 'Eva']);
	});

	it('id>n/a matches every profile', async () => {
		await putRaw(['id>n/a']);
		expect(await hit()).toEqual(EVERYONE);
	});

	it('a date that is not in Copernica\'s form reads as the zero date: lastorder>yesterday matches all', async () => {
		await putRaw(['lastorder>yesterday']);
		expect(await hit()).toEqual(EVERYONE);
		await copernica.client.reset(typedSeed());
		await putRaw(['modified>last week']);
		expect(await hit()).toEqual(EVERYONE);
	});

	it('select fields compare byte for byte: segment!=vip matches the VIPs too', async () => {
		await putRaw(['segment!=vip']);
		expect(await hit()).toEqual(EVERYONE);
	});

	it('text and email compare case-insensitively', async () => {
		await putRaw(['email==ANNA@Example.COM']);
		expect(await hit()).toEqual(['Anna']);
	});

	it('a LIKE pattern of wildcards only matches every profile', async () => {
		await putRaw(['name=~%']);
		expect(await hit()).toEqual(EVERYONE);
		await copernica.client.reset(typedSeed());
		await putRaw(['name=~____']);
		expect(await hit()).toEqual(['Anna', 'Bram', 'Daan']);
	});
});

describe('writes are cast silently too', () => {
	it('a select value that is not a choice is stored as "", so create=1 with segment==Platinum creates on every run', async () => {
		for (let run = 0; run < 2; run++) {
			const query = `fields%5B%5D=${encodeURIComponent('segment==Platinum')}&fields%5B%5D=${encodeURIComponent('email==new@example.com')}&create=1`;
			const response = await axios.put(
				`${copernica.credentials.baseUrl}/database/${TYPED_DATABASE}/profiles?${query}&access_token=${copernica.token}`,
				{ fields: { email: 'new@example.com', segment: 'Platinum' } },
			);
			expect(response.status).toBe(201);
		}
		const created = await copernica.client.profilesWhere(TYPED_DATABASE, 'email', 'new@example.com');
		expect(created.map((profile) => profile.fields.segment)).toEqual(['', '']);
	});

	it('text past the field\'s length is cut off, so create=1 on a long Equals value creates on every run', async () => {
		const query = `fields%5B%5D=${encodeURIComponent('nickname==TheLongestNick')}&create=1`;
		for (let run = 0; run < 2; run++) {
			const response = await axios.put(
				`${copernica.credentials.baseUrl}/database/${TYPED_DATABASE}/profiles?${query}&access_token=${copernica.token}`,
				{ fields: { nickname: 'TheLongestNick' } },
			);
			expect(response.status).toBe(201);
		}
		expect(await copernica.client.profilesWhere(TYPED_DATABASE, 'nickname', 'TheLonges')).toHaveLength(0);
		expect(await copernica.client.profilesWhere(TYPED_DATABASE, 'nickname', 'TheLongest')).toHaveLength(2);
	});

	it('a boolean as PHP writes it: true is "1", false ""', async () => {
		await axios.put(
			`${copernica.credentials.baseUrl}/database/${TYPED_DATABASE}/profiles?fields%5B%5D=${encodeURIComponent('name==Anna')}&access_token=${copernica.token}`,
			{ fields: { status: true, nickname: false } },
		);
		const [anna] = await copernica.client.profilesWhere(TYPED_DATABASE, 'name', 'Anna');
		expect(anna.fields).toMatchObject({ status: '1', nickname: '' });
	});

	it('integers as PHP casts them, dates rolled over', async () => {
		await axios.put(
			`${copernica.credentials.baseUrl}/database/${TYPED_DATABASE}/profiles?fields%5B%5D=${encodeURIComponent('name==Anna')}&access_token=${copernica.token}`,
			{ fields: { points: '7.9 points', balance: '1e2', birthdate: '2026-02-30', lastorder: 'soon' } },
		);
		const [anna] = await copernica.client.profilesWhere(TYPED_DATABASE, 'name', 'Anna');
		expect(anna.fields).toMatchObject({ points: '7', balance: '100', birthdate: '2026-03-02', lastorder: '0000-00-00 00:00:00' });
	});
});
