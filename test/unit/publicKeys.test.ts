import { generateKeyPairSync } from 'node:crypto';

import { publicKeysFor } from '../../nodes/CopernicaTrigger/verification/publicKeys';

/**
 * The trigger's memory of Copernica's signing keys (publicKeys.ts): a resolver that fails, or
 * answers something that is no DNS answer, never turns a key that works into "no key".
 * Each test uses a resolver address of its own: the memory is per resolver and name.
 */
function dkimRecord(): string {
	const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
	return `v=DKIM1; k=rsa; p=${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`;
}

const answer = (record: string) => ({ Status: 0, Answer: [{ name: 'x', type: 5, data: 'cname.example.' }, { type: 16, data: `"${record}"` }] });
const KEY_ID = 'one._domainkey.copernica.com';

function resolverAnswering(...answers: unknown[]) {
	const asked: string[] = [];
	const fetchJson = async (url: string) => {
		asked.push(url);
		const next = answers.shift();
		if (next instanceof Error) throw next;
		return next;
	};
	return { fetchJson, asked };
}

describe('publicKeysFor', () => {
	it('looks a key up once, then answers from memory; the TXT record after a CNAME is read', async () => {
		const { fetchJson, asked } = resolverAnswering(answer(dkimRecord()));
		const first = await publicKeysFor(fetchJson, 'https://a.example/resolve', KEY_ID, { now: 1_000 });
		const second = await publicKeysFor(fetchJson, 'https://a.example/resolve', KEY_ID, { now: 2_000 });
		expect(first).toMatchObject({ cached: false });
		expect(first.keys).toHaveLength(1);
		expect(second).toEqual({ keys: first.keys, cached: true });
		expect(asked).toEqual([`https://a.example/resolve?name=${KEY_ID}&type=TXT`]);
	});

	it('a forced look-up answered with SERVFAIL keeps the key that worked', async () => {
		const { fetchJson } = resolverAnswering(answer(dkimRecord()), { Status: 2 }, answer(dkimRecord()));
		const first = await publicKeysFor(fetchJson, 'https://b.example/resolve', KEY_ID, { now: 1_000_000 });
		const forced = await publicKeysFor(fetchJson, 'https://b.example/resolve', KEY_ID, { now: 1_001_000, fresh: true });
		expect(forced.keys).toEqual(first.keys);
		const later = await publicKeysFor(fetchJson, 'https://b.example/resolve', KEY_ID, { now: 1_060_000 });
		expect(later.keys).toEqual(first.keys);
	});

	it('a forced look-up that finds nothing, or fails, keeps the key that worked', async () => {
		const { fetchJson } = resolverAnswering(answer(dkimRecord()), { Status: 0, Answer: [] }, new Error('ECONNRESET'));
		const first = await publicKeysFor(fetchJson, 'https://c.example/resolve', KEY_ID, { now: 0 });
		expect((await publicKeysFor(fetchJson, 'https://c.example/resolve', KEY_ID, { now: 20_000, fresh: true })).keys).toEqual(first.keys);
		expect((await publicKeysFor(fetchJson, 'https://c.example/resolve', KEY_ID, { now: 40_000, fresh: true })).keys).toEqual(first.keys);
	});

	it('a cold look-up answered with a page that is no DNS answer throws and is not remembered as "no key"', async () => {
		const { fetchJson } = resolverAnswering('<html>rate limited</html>', answer(dkimRecord()));
		await expect(publicKeysFor(fetchJson, 'https://d.example/resolve', KEY_ID, { now: 2_000_000 })).rejects.toThrow(/gave no answer/);
		const later = await publicKeysFor(fetchJson, 'https://d.example/resolve', KEY_ID, { now: 2_030_000 });
		expect(later.keys).toHaveLength(1);
	});

	it('NXDOMAIN is "no key", remembered for a while', async () => {
		const { fetchJson, asked } = resolverAnswering({ Status: 3 });
		expect((await publicKeysFor(fetchJson, 'https://e.example/resolve', KEY_ID, { now: 5_000_000 })).keys).toEqual([]);
		expect((await publicKeysFor(fetchJson, 'https://e.example/resolve', KEY_ID, { now: 5_060_000 })).keys).toEqual([]);
		expect(asked).toHaveLength(1);
	});

	it('every key published at the name is offered (two during a changeover)', async () => {
		const { fetchJson } = resolverAnswering({ Status: 0, Answer: [{ type: 16, data: `"${dkimRecord()}"` }, { type: 16, data: `"${dkimRecord()}"` }] });
		expect((await publicKeysFor(fetchJson, 'https://f.example/resolve', KEY_ID, { now: 0 })).keys).toHaveLength(2);
	});

	it('concurrent calls for a new name share one look-up', async () => {
		const { fetchJson, asked } = resolverAnswering(answer(dkimRecord()));
		const [a, b] = await Promise.all([
			publicKeysFor(fetchJson, 'https://g.example/resolve', KEY_ID, { now: 0 }),
			publicKeysFor(fetchJson, 'https://g.example/resolve', KEY_ID, { now: 0 }),
		]);
		expect(a.keys).toEqual(b.keys);
		expect(asked).toHaveLength(1);
	});

	it('a flood of made-up names right after a start cannot hold back a name that held a key before', async () => {
		const record = dkimRecord();
		const fetchJson = async (url: string) =>
			new URL(url).searchParams.get('name') === KEY_ID ? answer(record) : { Status: 3 };
		const resolver = 'https://h.example/resolve';
		expect((await publicKeysFor(fetchJson, resolver, KEY_ID, { now: 9_000_000 })).keys).toHaveLength(1);
		for (let name = 0; name < 70; name++) {
			await publicKeysFor(fetchJson, resolver, `k${name}._domainkey.copernica.com`, { now: 9_000_001 }).catch(() => undefined);
		}
		// An hour on, the key is looked up again although the new-name budget is spent.
		expect((await publicKeysFor(fetchJson, resolver, KEY_ID, { now: 9_000_002 + 60 * 60 * 1000 })).keys).toHaveLength(1);
	});
});
