import { schemaViolations } from '../harness/outputSchema';

/** The check the output-schema test relies on must see a misfit, or that test proves nothing. */
describe('schemaViolations', () => {
	const profile = {
		type: 'object',
		properties: { ID: { type: 'string' }, interests: { type: 'array', items: { type: 'string' } } },
		additionalProperties: { type: 'string' },
	};

	it('accepts what fits, extra fields included', () => {
		expect(schemaViolations({ ID: '1', interests: ['a'], city: 'Ede' }, profile)).toEqual([]);
		expect(schemaViolations({ profileId: null }, { type: 'object', properties: { profileId: { type: ['integer', 'null'] } } })).toEqual([]);
	});

	it('names every misfit with its path', () => {
		expect(schemaViolations({ ID: 1, interests: ['a', 2], age: 3 }, profile)).toEqual([
			'$.ID: expected string, got integer',
			'$.interests[1]: expected string, got integer',
			'$.age: expected string, got integer',
		]);
		expect(schemaViolations([], profile)).toEqual(['$: expected object, got array']);
	});
});
