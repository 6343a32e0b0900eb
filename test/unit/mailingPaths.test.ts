import { suitePrefixFor } from '../../nodes/shared/transport/mailingPaths';

describe('the mailing path map (copernica-mailings.md §4.1)', () => {
	it('sends v3 to ms/ and publisher/, v4 to draganddrop/ and html/, never the other version\'s prefix', () => {
		expect([suitePrefixFor('v3', 'marketingSuite'), suitePrefixFor('v3', 'publisher')]).toEqual(['ms', 'publisher']);
		expect([suitePrefixFor('v4', 'marketingSuite'), suitePrefixFor('v4', 'publisher')]).toEqual(['draganddrop', 'html']);
	});
});
