import { createHash } from 'node:crypto';

import { parseFormBody } from '../../nodes/CopernicaTrigger/payload/formBody';
import { digestMatches } from '../../nodes/CopernicaTrigger/verification/digest';
import { parseSignatureHeader } from '../../nodes/CopernicaTrigger/verification/signatureHeader';
import { verifyCall } from '../../nodes/CopernicaTrigger/verification/verifyCall';

/**
 * Attacks a hostile review tried on the trigger's readers and checks, kept so they stay refused:
 * tricky Signature headers, Digests, keyIds, form bodies and headers sent twice.
 */
const sig = (rest: string) => `keyId="a._domainkey.copernica.com",algorithm="rsa-sha256",${rest}`;
describe('the trigger refuses what a forger tries', () => {
	it.each([
		['dup case-insensitive', 'keyId="x.copernica.com",keyid="y.copernica.com",algorithm="rsa-sha256",headers="date",signature="AA=="'],
		['unquoted', 'keyId=x.copernica.com,algorithm="rsa-sha256",signature="AA=="'],
		['two headers joined', `${sig('headers="date",signature="AA=="')}, ${sig('headers="date",signature="BB=="')}`],
		['junk between', sig('headers="date" junk,signature="AA=="')],
	])('signature header %s is refused', (_n, header) => expect(parseSignatureHeader(header)).toBeUndefined());

	it('comma inside quoted value and odd whitespace parse as one value', () => {
		const parsed = parseSignatureHeader(' keyId = "a,b.copernica.com" , algorithm="RSA-SHA256",headers="(request-target)  HOST date",signature="AA=="');
		expect(parsed).toMatchObject({ keyId: 'a,b.copernica.com', algorithm: 'rsa-sha256', headers: ['(request-target)', 'host', 'date'] });
	});

	it('digest: second digest of other body, weak-only, joined duplicates', () => {
		const body = Buffer.from('a=1');
		const good = `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
		const bad = `SHA-256=${createHash('sha256').update('a=2').digest('base64')}`;
		expect(digestMatches(`${good}, ${bad}`, body)).toBe(false);
		expect(digestMatches(`MD5=${createHash('md5').update(body).digest('base64')}`, body)).toBe(false);
		expect(digestMatches(`sha-256=${good.slice(8)}, MD5=zzz`, body)).toBe(true);
	});

	it.each(['copernica.com.evil.com', 'x.copernica.com.', 'copernica.com', 'x..copernica.com', 'x.evilcopernica.com', 'ｘ.copernica.com', 'x.copernica.com\n'])(
		'keyId %j refused before any look-up',
		async (keyId) => {
			const body = Buffer.from('type=update');
			let looked = false;
			const verdict = await verifyCall(
				{
					headers: {
						digest: `SHA-256=${createHash('sha256').update(body).digest('base64')}`,
						date: new Date().toUTCString(),
						'x-copernica-id': 'account-1',
						signature: `keyId="${keyId}",algorithm="rsa-sha256",headers="(request-target) host date x-copernica-id digest",signature="AA=="`,
					},
					rawBody: body,
				},
				{ webhookUrls: ['https://n8n.example.com/webhook/x/webhook'], accountId: async () => '1', now: Date.now() },
				async () => {
					looked = true;
					return { keys: [], cached: false };
				},
			);
			expect(verdict.verified).toBe(false);
			expect(looked).toBe(false);
		},
	);

	it('form body: prototype keys, duplicate type, deep nesting', () => {
		const parsed = parseFormBody('__proto__[x]=1&fields[__proto__][y]=1&fields[constructor][prototype][z]=1&type=update&type=delete&fields[toString][a]=1');
		expect(({} as Record<string, unknown>).x ?? ({} as Record<string, unknown>).y ?? ({} as Record<string, unknown>).z).toBeUndefined();
		expect(parsed.type).toBe('delete');
		const started = Date.now();
		parseFormBody(`a${'[b]'.repeat(200_000)}=1&${'c[]=1&'.repeat(200_000)}`);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('two X-Copernica-ID or two Date headers (joined by Node) are refused', async () => {
		const body = Buffer.from('type=update');
		const base = {
			digest: `SHA-256=${createHash('sha256').update(body).digest('base64')}`,
			date: new Date().toUTCString(),
			'x-copernica-id': 'account-1',
			signature: `keyId="a.copernica.com",algorithm="rsa-sha256",headers="(request-target) host date x-copernica-id digest",signature="AA=="`,
		};
		const look = async () => ({ keys: [], cached: false });
		const expectations = { webhookUrls: ['https://h/webhook/x/webhook'], accountId: async () => '1', now: Date.now() };
		const twoAccounts = await verifyCall({ headers: { ...base, 'x-copernica-id': 'account-1, account-2' }, rawBody: body }, expectations, look);
		expect(twoAccounts).toEqual({ verified: false, reason: 'the X-Copernica-ID header names no account' });
		expect((await verifyCall({ headers: { ...base, date: `${base.date}, ${base.date}` }, rawBody: body }, expectations, look)).verified).toBe(false);
	});
});
