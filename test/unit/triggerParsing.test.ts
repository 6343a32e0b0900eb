import { createHash, generateKeyPairSync } from 'node:crypto';

import { parseFormBody, unflattenParsedBody } from '../../nodes/CopernicaTrigger/payload/formBody';
import { digestMatches } from '../../nodes/CopernicaTrigger/verification/digest';
import { joinTxtChunks, keyOfDkimRecord } from '../../nodes/CopernicaTrigger/verification/publicKeys';
import { parseSignatureHeader } from '../../nodes/CopernicaTrigger/verification/signatureHeader';

/** The trigger's pure readers: form bodies, Digest, Signature header, DKIM TXT records. */

describe('parseFormBody', () => {
	it('nests associative arrays, keeps lists as lists, decodes + and percent escapes', () => {
		expect(parseFormBody('type=update&fields%5Bemail%5D=a%40b.nl&fields[name]=Jo+Smit&interests%5B%5D=x&interests[]=y&profile=5')).toEqual({
			type: 'update',
			fields: { email: 'a@b.nl', name: 'Jo Smit' },
			interests: ['x', 'y'],
			profile: '5',
		});
	});

	it('a single list item is a list; a key without = is an empty value; a stray % is kept', () => {
		expect(parseFormBody('interests[]=only&flag&fields[pct]=100%')).toEqual({ interests: ['only'], flag: '', fields: { pct: '100%' } });
	});

	it('drops prototype keys and shapes that clash instead of merging them', () => {
		const parsed = parseFormBody('fields[__proto__][x]=1&constructor[prototype]=2&fields[a]=1&fields[]=2&a=1&a[b]=2');
		expect(parsed).toEqual({ fields: { a: '1' }, a: '1' });
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});

	it('unflattens what n8n parsed flat, a single interests[] string included', () => {
		expect(unflattenParsedBody({ 'fields[city]': 'Ede', 'interests[]': 'one', profile: '3', parameters: { a: 'b' } })).toEqual({
			fields: { city: 'Ede' },
			interests: ['one'],
			profile: '3',
			parameters: { a: 'b' },
		});
	});
});

describe('digestMatches', () => {
	const body = Buffer.from('type=update&profile=1');
	const sha256 = createHash('sha256').update(body).digest('base64');
	const sha512 = createHash('sha512').update(body).digest('base64');

	it('matches SHA-256 in any case, and SHA-512', () => {
		expect(digestMatches(`SHA-256=${sha256}`, body)).toBe(true);
		expect(digestMatches(`sha-256=${sha256}`, body)).toBe(true);
		expect(digestMatches(`SHA-512=${sha512}`, body)).toBe(true);
	});

	it('refuses a weak algorithm alone, a wrong digest, and a good digest beside a wrong one', () => {
		expect(digestMatches(`MD5=${createHash('md5').update(body).digest('base64')}`, body)).toBe(false);
		expect(digestMatches(`SHA-256=${sha512}`, body)).toBe(false);
		expect(digestMatches(`SHA-256=${sha256},SHA-512=${sha256}`, body)).toBe(false);
		expect(digestMatches(undefined, body)).toBe(false);
		expect(digestMatches('garbage', body)).toBe(false);
	});
});

describe('parseSignatureHeader', () => {
	it('reads keyId, algorithm, the covered headers lower-cased, and the signature', () => {
		expect(parseSignatureHeader('keyId="one._domainkey.copernica.com",algorithm="rsa-sha256",headers="(request-target) Host Date",signature="c2ln"')).toEqual({
			keyId: 'one._domainkey.copernica.com',
			algorithm: 'rsa-sha256',
			headers: ['(request-target)', 'host', 'date'],
			signature: 'c2ln',
		});
	});

	it('refuses a parameter given twice, garbage between parameters, and a missing signature', () => {
		expect(parseSignatureHeader('keyId="a",keyId="b",signature="x"')).toBeUndefined();
		expect(parseSignatureHeader('keyId="a" junk,signature="x"')).toBeUndefined();
		expect(parseSignatureHeader('keyId="a"')).toBeUndefined();
		expect(parseSignatureHeader(undefined)).toBeUndefined();
	});

	it('without headers= the draft means Date alone', () => {
		expect(parseSignatureHeader('keyId="a",signature="x"')?.headers).toEqual(['date']);
	});
});

describe('DKIM records over DNS-over-HTTPS', () => {
	const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
	const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');

	it('joins quoted 255-byte chunks and reads the key', () => {
		const record = `v=DKIM1; k=rsa; p=${spki}`;
		const chunked = `"${record.slice(0, 255)}" "${record.slice(255)}"`;
		expect(joinTxtChunks(chunked)).toBe(record);
		expect(keyOfDkimRecord(joinTxtChunks(chunked))?.asymmetricKeyType).toBe('rsa');
	});

	it('reads a bare PKCS#1 key too; refuses records without a key or of another kind', () => {
		const pkcs1 = publicKey.export({ format: 'der', type: 'pkcs1' }).toString('base64');
		expect(keyOfDkimRecord(`v=DKIM1; p=${pkcs1}`)?.asymmetricKeyType).toBe('rsa');
		expect(keyOfDkimRecord('v=DKIM1; k=rsa; p=')).toBeUndefined();
		expect(keyOfDkimRecord(`v=spf1; p=${spki}`)).toBeUndefined();
		expect(keyOfDkimRecord(`v=DKIM1; k=ed25519; p=${spki}`)).toBeUndefined();
	});
});
