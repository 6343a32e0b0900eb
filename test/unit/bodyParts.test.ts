import { createdProfileId } from '../../nodes/shared/helpers/createdProfile';
import {
	addMissingFields,
	checkFieldValues,
	parseFieldsJson,
	rowsToObject,
} from '../../nodes/shared/helpers/fieldValues';
import { interestsToAdd, interestsToSet } from '../../nodes/shared/helpers/interests';
import { networkErrorCode } from '../../nodes/shared/helpers/failureDetails';
import { redactText, redactValue } from '../../nodes/shared/transport/redact';

describe('fields to set', () => {
	const FIELDS = ['firstname', 'City', 'age'];

	it('keeps only what was given, under the database spelling', () => {
		expect(checkFieldValues({ CITY: 'Delft', age: 40 }, FIELDS)).toEqual({ City: 'Delft', age: 40 });
		expect(checkFieldValues({}, FIELDS)).toEqual({});
	});

	it('refuses unknown and doubled fields', () => {
		expect(() => checkFieldValues({ cty: 'x' }, FIELDS)).toThrow('Fields to Set: the database has no field "cty"');
		expect(() => checkFieldValues({ city: 'x', CITY: 'y' }, FIELDS)).toThrow('is given twice');
		expect(() => rowsToObject([{ name: 'city', value: 'a' }, { name: 'city', value: 'b' }])).toThrow('set twice');
		expect(() => checkFieldValues({ city: { nested: true } }, FIELDS)).toThrow('not a single value');
	});

	it('parses JSON mode strictly: bad JSON is an error, never an empty object', () => {
		expect(parseFieldsJson('{"city":"Delft"}')).toEqual({ city: 'Delft' });
		expect(parseFieldsJson({ city: 'Delft' })).toEqual({ city: 'Delft' });
		expect(() => parseFieldsJson('{"city": Delft}')).toThrow(/not valid JSON/);
		expect(() => parseFieldsJson('["city"]')).toThrow(/must be an object/);
	});

	it('adds selection values only for fields the user left out', () => {
		expect(addMissingFields({ City: 'Delft' }, { city: 'Leiden', customerid: 'C-1' })).toEqual({
			City: 'Delft',
			customerid: 'C-1',
		});
	});
});

describe('interests', () => {
	const INTERESTS = ['Football', 'baseball'];

	it('builds the list form and the on/off form with known names', () => {
		expect(interestsToAdd(['football', 'Football', 'BASEBALL'], INTERESTS)).toEqual(['Football', 'baseball']);
		expect(
			interestsToSet(
				[
					{ interest: 'football', subscribed: true },
					{ interest: 'baseball', subscribed: false },
				],
				INTERESTS,
			),
		).toEqual({ Football: 1, baseball: 0 });
	});

	it('refuses names the database does not have', () => {
		expect(() => interestsToAdd(['tennis'], INTERESTS)).toThrow('The database has no interest "tennis"');
	});
});

describe('created profile ID', () => {
	it('reads X-Created, else the Location of a 201', () => {
		expect(createdProfileId({ statusCode: 201, headers: { 'x-created': '4567' }, body: '' })).toBe(4567);
		expect(
			createdProfileId({ statusCode: 201, headers: { location: 'https://api.copernica.com/v3/profile/88' }, body: '' }),
		).toBe(88);
		expect(createdProfileId({ statusCode: 204, headers: {}, body: '' })).toBeUndefined();
		expect(
			createdProfileId({ statusCode: 303, headers: { location: 'https://api.copernica.com/v3/profile/88' }, body: '' }),
		).toBeUndefined();
	});
});

describe('redaction', () => {
	it('hides access tokens in URLs, JSON and objects', () => {
		expect(redactText('GET /v3/identity?limit=1&access_token=abc123&x=1')).toBe(
			'GET /v3/identity?limit=1&access_token=**hidden**&x=1',
		);
		expect(redactText('{"access_token":"abc123"}')).toBe('{"access_token":"**hidden**"}');
		expect(redactValue({ qs: { access_token: 'abc123' }, url: 'x?access_token=abc123' })).toEqual({
			qs: { access_token: '**hidden**' },
			url: 'x?access_token=**hidden**',
		});
	});
});

describe('network error codes', () => {
	it('are found on the error, its causes, or in its text, as n8n versions differ', () => {
		expect(networkErrorCode({ code: 'ECONNRESET' })).toBe('ECONNRESET');
		expect(networkErrorCode({ message: 'wrapped', cause: { cause: { code: 'ETIMEDOUT' } } })).toBe('ETIMEDOUT');
		expect(networkErrorCode(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toBe('ECONNREFUSED');
		expect(networkErrorCode({ httpCode: '500' })).toBeUndefined();
	});
});
