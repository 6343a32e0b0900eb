/**
 * The `Signature` header of draft-cavage-http-signatures-11, which Copernica signs its webhook
 * calls with (copernica-webhooks.md §3.3): `keyId="…",algorithm="rsa-sha256",headers="…",signature="…"`.
 */
export interface SignatureParameters {
	keyId: string;
	algorithm: string;
	/** The covered headers, lower-cased, in the order they are signed. */
	headers: string[];
	signature: string;
}

/** `name="value"` pairs; a quoted value may hold commas and escaped quotes. */
const PARAMETER = /\s*([A-Za-z]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

/** The header's parameters, or undefined when it is not one well-formed list of them (fail closed). */
export function parseSignatureHeader(header: string | undefined): SignatureParameters | undefined {
	if (header === undefined || header.trim() === '') return undefined;
	const values = new Map<string, string>();
	PARAMETER.lastIndex = 0;
	let position = 0;
	while (position < header.length) {
		PARAMETER.lastIndex = position;
		const match = PARAMETER.exec(header);
		if (match === null) return undefined;
		const name = match[1].toLowerCase();
		// A parameter given twice could make two verifiers read two different signatures.
		if (values.has(name)) return undefined;
		values.set(name, match[2].replace(/\\(.)/g, '$1'));
		position = PARAMETER.lastIndex;
	}
	const keyId = values.get('keyid');
	const signature = values.get('signature');
	if (!keyId || !signature) return undefined;
	return {
		keyId,
		algorithm: (values.get('algorithm') ?? '').toLowerCase(),
		// The draft's default when `headers` is absent is Date alone, which covers too little: the list check refuses it.
		headers: (values.get('headers') ?? 'date')
			.split(' ')
			.filter((name) => name !== '')
			.map((name) => name.toLowerCase()),
		signature,
	};
}
