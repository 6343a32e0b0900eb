import type { INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../harness/fixture';
import { loadNodePackage } from '../harness/nodePackage';
import { schemaViolations, shippedSchema } from '../harness/outputSchema';
import { databaseByName } from '../harness/parameters';
import { runWithoutLeaks } from '../harness/runWithoutLeaks';
import { sampleIds } from '../harness/sampleIds';

/**
 * Every operation of the node, each with two input items, through n8n's engine: when Copernica
 * answers (REST v3, and v4 with a JWT), every output item is paired with its input; when Copernica fails (an error page that
 * echoes the request, token included, as proxies do), Continue On Fail gives one error item per
 * input item, paired, with Copernica's answer as the message, and the token appears nowhere.
 */
const copernica = useEmulator();

const customers = databaseByName('Customers');
const rows = (fields: Record<string, string>) => ({
	fields: Object.entries(fields).map(([name, value]) => ({ name, value })),
});

interface Case {
	parameters: () => INodeParameters;
	/** Output items per input item when it works (a list gives as many as it finds). */
	perItem: number;
}

function store() {
	return copernica.emulator.store;
}
const profileId = (customerid: string) =>
	String([...store().profiles.values()].find((profile) => profile.fields.customerid === customerid)!.ID);
const collection = () => String(store().databases[0].collections[0].ID);
const orderId = (orderid: string) =>
	String([...store().subprofiles.values()].find((order) => order.fields.orderid === orderid)!.ID);
const WELCOME = sampleIds.template('Welcome');

/** A Marketing Suite mailing (template Welcome) sent to the profile or subprofile in the emulator: one destination to list. */
function sentTo(targetType: 'profile' | 'subprofile', id: string): string {
	const { mailings } = copernica.emulator;
	mailings.sendTemplate(mailings.template(Number(WELCOME)), { targetType, target: Number(id) });
	return id;
}

/** A Marketing Suite mailing of template Welcome to one profile, sent in the emulator's store: its ID. */
function mailingTo(customerid: string): string {
	const { mailings } = copernica.emulator;
	return String(mailings.sendTemplate(mailings.template(Number(WELCOME)), { targetType: 'profile', target: Number(profileId(customerid)) }).ID);
}

const CASES: Record<string, Case> = {
	'profile updateProfiles': {
		parameters: () => ({
			resource: 'profile',
			operation: 'updateProfiles',
			database: customers,
			selection: { conditions: [{ field: 'customerid', operator: 'equals', value: 'C-1001' }] },
			fieldValues: rows({ city: 'Ede' }),
		}),
		perItem: 1,
	},
	'profile upsert': {
		parameters: () => ({
			resource: 'profile',
			operation: 'upsert',
			database: customers,
			matchFields: ['customerid'],
			fieldValues: rows({ customerid: 'C-1002', city: 'Ede' }),
		}),
		perItem: 1,
	},
	'profile create': {
		parameters: () => ({ resource: 'profile', operation: 'create', database: customers, fieldValues: rows({ city: 'Ede' }) }),
		perItem: 1,
	},
	'profile update': {
		parameters: () => ({
			resource: 'profile',
			operation: 'update',
			database: customers,
			profileId: profileId('C-1003'),
			fieldValues: rows({ city: 'Ede' }),
		}),
		perItem: 1,
	},
	'profile get': {
		parameters: () => ({ resource: 'profile', operation: 'get', profileId: profileId('C-1001') }),
		perItem: 1,
	},
	'profile getMany': {
		parameters: () => ({ resource: 'profile', operation: 'getMany', database: customers, returnAll: true }),
		perItem: 4,
	},
	'profile delete': {
		parameters: () => ({ resource: 'profile', operation: 'delete', profileId: profileId('C-1004') }),
		perItem: 1,
	},
	'profile getReceivedMailings': {
		parameters: () => ({ resource: 'profile', operation: 'getReceivedMailings', profileId: sentTo('profile', profileId('C-1001')), returnAll: true }),
		perItem: 1,
	},
	'profile unsubscribe': {
		parameters: () => ({ resource: 'profile', operation: 'unsubscribe', database: customers, profileId: profileId('C-1002') }),
		perItem: 1,
	},
	'profile addInterests': {
		parameters: () => ({
			resource: 'profile',
			operation: 'addInterests',
			database: customers,
			profileId: profileId('C-1001'),
			interests: ['offers'],
		}),
		perItem: 1,
	},
	'profile setInterests': {
		parameters: () => ({
			resource: 'profile',
			operation: 'setInterests',
			database: customers,
			profileId: profileId('C-1001'),
			interests: ['football'],
		}),
		perItem: 1,
	},
	'subprofile create': {
		parameters: () => ({
			resource: 'subprofile',
			operation: 'create',
			database: customers,
			collection: collection(),
			profileId: profileId('C-1001'),
			fieldValues: rows({ orderid: 'O-9' }),
		}),
		perItem: 1,
	},
	'subprofile update': {
		parameters: () => ({
			resource: 'subprofile',
			operation: 'update',
			database: customers,
			collection: collection(),
			subprofileId: orderId('O-1'),
			fieldValues: rows({ status: 'shipped' }),
		}),
		perItem: 1,
	},
	'subprofile updateMany': {
		parameters: () => ({
			resource: 'subprofile',
			operation: 'updateMany',
			database: customers,
			collection: collection(),
			selection: { conditions: [{ field: 'status', operator: 'equals', value: 'open' }] },
			fieldValues: rows({ status: 'shipped' }),
		}),
		perItem: 1,
	},
	'subprofile get': {
		parameters: () => ({ resource: 'subprofile', operation: 'get', subprofileId: orderId('O-1') }),
		perItem: 1,
	},
	'subprofile getMany': {
		parameters: () => ({
			resource: 'subprofile',
			operation: 'getMany',
			database: customers,
			collection: collection(),
			returnAll: true,
		}),
		perItem: 3,
	},
	'subprofile getReceivedMailings': {
		parameters: () => ({ resource: 'subprofile', operation: 'getReceivedMailings', subprofileId: sentTo('subprofile', orderId('O-1')), returnAll: true }),
		perItem: 1,
	},
	'subprofile unsubscribe': {
		parameters: () => ({ resource: 'subprofile', operation: 'unsubscribe', database: customers, collection: collection(), subprofileId: orderId('O-3') }),
		perItem: 1,
	},
	'subprofile delete': {
		parameters: () => ({ resource: 'subprofile', operation: 'delete', subprofileId: orderId('O-2') }),
		perItem: 1,
	},
	'database get': {
		parameters: () => ({ resource: 'database', operation: 'get', database: customers }),
		perItem: 1,
	},
	'mailing get': {
		parameters: () => ({ resource: 'mailing', operation: 'get', mailingId: mailingTo('C-1001') }),
		perItem: 1,
	},
	'mailing getMany': {
		parameters: () => {
			mailingTo('C-1001');
			return { resource: 'mailing', operation: 'getMany', returnAll: true };
		},
		perItem: 1,
	},
	'mailing getStatistics': {
		parameters: () => ({ resource: 'mailing', operation: 'getStatistics', mailingId: mailingTo('C-1001') }),
		perItem: 1,
	},
	'mailing getEvents': {
		// Profile C-1001's ID is not a multiple of 7: one delivery, no bounce (emulator/mailingStore.ts eventsOf).
		parameters: () => ({ resource: 'mailing', operation: 'getEvents', event: 'deliveries', mailingId: mailingTo('C-1001'), returnAll: true }),
		perItem: 1,
	},
	'mailing send': {
		// Two profiles: two items to one target would be a repeat, sent once.
		parameters: () => ({
			resource: 'mailing',
			operation: 'send',
			template: WELCOME,
			targetType: 'profile',
			profileId: `={{ $json.n === 1 ? '${profileId('C-1001')}' : '${profileId('C-1002')}' }}`,
		}),
		perItem: 1,
	},
	'mailing schedule': {
		parameters: () => ({
			resource: 'mailing',
			operation: 'schedule',
			template: WELCOME,
			targetType: 'database',
			database: customers,
			maxRecipients: 10,
			start: `={{ '2026-06-0' + $json.n + ' 09:00:00' }}`,
		}),
		perItem: 1,
	},
	'database getMany': {
		parameters: () => ({ resource: 'database', operation: 'getMany', returnAll: true }),
		perItem: 2,
	},
	'database createField': {
		// A name per item: a second field of the same name is refused.
		parameters: () => ({ resource: 'database', operation: 'createField', database: customers, fieldName: '={{ "points" + $json.n }}', fieldType: 'integer' }),
		perItem: 1,
	},
	'database createInterest': {
		parameters: () => ({ resource: 'database', operation: 'createInterest', database: customers, interestName: '={{ "tennis" + $json.n }}', group: 'sports' }),
		perItem: 1,
	},
	'selection getMany': {
		parameters: () => ({ resource: 'selection', operation: 'getMany', database: customers, returnAll: true }),
		perItem: 3,
	},
	'selection getProfiles': {
		parameters: () => ({
			resource: 'selection',
			operation: 'getProfiles',
			database: customers,
			selection: { __rl: true, mode: 'name', value: 'Amsterdam' },
			returnAll: true,
		}),
		perItem: 2,
	},
	'selection rebuild': {
		parameters: () => ({ resource: 'selection', operation: 'rebuild', database: customers, selection: { __rl: true, mode: 'name', value: 'Gold or 50+' } }),
		perItem: 1,
	},
	'template getMany': {
		parameters: () => ({ resource: 'template', operation: 'getMany', mailingType: 'marketingSuite', returnAll: true }),
		perItem: 3,
	},
};

const TWO_ITEMS = [{ n: 1 }, { n: 2 }];

function pairedWith(items: Array<{ pairedItem?: unknown }>): number[] {
	return items.map((item) => (item.pairedItem as { item: number }).item);
}

describe.each(Object.entries(CASES))('%s', (name, { parameters, perItem }) => {
	it('pairs every output item with its input item, each fitting the output schema the package ships', async () => {
		const { output, error } = await runWithoutLeaks(
			{ parameters: parameters(), credentials: copernica.credentials, input: TWO_ITEMS },
			[copernica.token],
		);
		expect(error).toBeUndefined();
		expect(pairedWith(output)).toEqual([...Array(perItem).fill(0), ...Array(perItem).fill(1)]);
		const [resource, operation] = name.split(' ');
		const schema = shippedSchema(resource, operation);
		expect(schema).toBeDefined();
		expect(output.flatMap((item) => schemaViolations(item.json, schema!))).toEqual([]);
	});

	it('REST v4: the same output with the JWT alone; neither the token nor the JWT appears anywhere', async () => {
		const credentials = copernica.v4Credentials;
		const { output, error } = await runWithoutLeaks(
			{ parameters: parameters(), credentials, input: TWO_ITEMS },
			() => [copernica.token, String(credentials.jwt)],
		);
		expect(error).toBeUndefined();
		expect(String(credentials.jwt)).toMatch(/^ey/);
		expect(pairedWith(output)).toEqual([...Array(perItem).fill(0), ...Array(perItem).fill(1)]);
		const api = (await copernica.client.log()).filter((entry) => entry.path !== 'authenticate');
		expect(api.length).toBeGreaterThan(0);
		expect(api.every((entry) => entry.version === 'v4' && entry.auth === 'bearer' && entry.token === 'valid')).toBe(true);
	});

	it('Copernica failing: one error item per input item with Continue On Fail, Copernica\'s words, no token', async () => {
		const echoed = `<html><head><title>Bad Gateway</title></head><body>GET ?access_token=${copernica.token}</body></html>`;
		await copernica.client.setFaults([{ status: 500, body: echoed }]);
		const { output, error } = await runWithoutLeaks(
			{ parameters: { ...parameters(), options: { retries: 0 } }, credentials: copernica.credentials, input: TWO_ITEMS, onError: 'continueRegularOutput' },
			[copernica.token],
		);
		expect(error).toBeUndefined();
		expect(pairedWith(output)).toEqual([0, 1]);
		for (const [index, item] of output.entries()) {
			expect(item.json.error).toBe(`Copernica answered HTTP 500: Bad Gateway [item ${index}]`);
		}
	});
});

it('covers every operation the node offers', async () => {
	const { nodeType } = await loadNodePackage();
	const offered = nodeType('copernica')
		.description.properties.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as Array<{ value: string }>).map(
				(option) => `${property.displayOptions!.show!.resource![0]} ${option.value}`,
			),
		);
	expect(offered.sort()).toEqual(Object.keys(CASES).sort());
});
