import { ParameterProblem } from '../../nodes/shared/helpers/parameterProblem';
import {
	buildSelection,
	checkSelectionShape,
	selectionQuery,
	valuesImpliedBySelection,
} from '../../nodes/shared/helpers/selection';

const FIELDS = [
	{ name: 'customerid', type: 'text', value: '' },
	{ name: 'Email', type: 'email', value: '' },
	{ name: 'city', type: 'text', value: '' },
	{ name: 'age', type: 'integer', value: '' },
];

function problemOf(run: () => unknown): ParameterProblem {
	try {
		run();
	} catch (error) {
		if (error instanceof ParameterProblem) return error;
		throw error;
	}
	throw new Error('expected a ParameterProblem');
}

describe('buildSelection', () => {
	it('turns conditions into fields[] expressions, in the database\'s spelling', () => {
		const selection = buildSelection(
			[
				{ field: 'EMAIL', operator: 'equals', value: 'a@b.nl' },
				{ field: 'age', operator: 'greaterThanOrEqual', value: 18 },
				{ field: 'ID', operator: 'lessThan', value: '500' },
			],
			FIELDS,
		);
		expect(selection.expressions).toEqual(['Email==a@b.nl', 'age>=18', 'id<500']);
		expect(selectionQuery(selection)).toEqual([
			['fields[]', 'Email==a@b.nl'],
			['fields[]', 'age>=18'],
			['fields[]', 'id<500'],
		]);
	});

	it('maps all nine operators, by name or by symbol', () => {
		const names = ['equals', 'notEquals', 'notEqualsAlt', 'lessThan', 'greaterThan', 'lessThanOrEqual', 'greaterThanOrEqual', 'like', 'notLike'];
		const symbols = ['==', '!=', '<>', '<', '>', '<=', '>=', '=~', '!~'];
		// <> goes out as != (see SELECTION_OPERATORS).
		expect(buildSelection([{ field: 'city', operator: 'notEqualsAlt', value: 'x' }], FIELDS).expressions).toEqual(['city!=x']);
		const byName = buildSelection(names.map((operator) => ({ field: 'city', operator, value: 'x' })), FIELDS);
		const bySymbol = buildSelection(symbols.map((operator) => ({ field: 'city', operator, value: 'x' })), FIELDS);
		expect(byName.expressions).toEqual(symbols.map((symbol) => `city${symbol === '<>' ? '!=' : symbol}x`));
		expect(bySymbol.expressions).toEqual(byName.expressions);
	});

	it('keeps values exactly, spaces and special characters included', () => {
		const value = ` a&b=c%d#e+f"g'h ü next`;
		expect(buildSelection([{ field: 'city', operator: 'equals', value }], FIELDS).expressions).toEqual([
			`city==${value}`,
		]);
	});

	it('allows an empty value (matches empty fields) only when asked', () => {
		const emptyCity = [{ field: 'city', operator: 'equals', value: '' }];
		expect(problemOf(() => buildSelection(emptyCity, FIELDS)).message).toBe('Condition 1: the value is empty');
		expect(problemOf(() => buildSelection([{ field: 'city', operator: 'equals', value: undefined }], FIELDS)).message).toBe(
			'Condition 1: the value is empty',
		);
		expect(buildSelection(emptyCity, FIELDS, { allowEmptyValues: true }).expressions).toEqual(['city==']);
	});

	it.each([
		['an empty selection', [], /selection is empty/],
		['a condition without field', [{ field: '', operator: 'equals', value: 'x' }], /Condition 1 has no field/],
		['spaces around the field', [{ field: ' city', operator: 'equals', value: 'x' }], /spaces around it/],
		['trailing space after the field', [{ field: 'city ', operator: 'equals', value: 'x' }], /spaces around it/],
		['spaces around the operator', [{ field: 'city', operator: ' == ', value: 'x' }], /operator " == " has spaces/],
		['an unknown operator', [{ field: 'city', operator: '=', value: 'x' }], /"=" is not a Copernica operator/],
		['a value that turns < into <=', [{ field: 'age', operator: 'lessThan', value: '=5' }], /read the operator as "<="/],
		['a value that turns < into <>', [{ field: 'age', operator: '<', value: '>5' }], /read the operator as "<>"/],
		['a value ending in a space', [{ field: 'city', operator: 'equals', value: 'Amsterdam ' }], /ends in a space or line break/],
		['a value ending in a line break', [{ field: 'city', operator: 'equals', value: 'Amsterdam\n' }], /contains a line break or control character \(U\+000A\)/],
		['a line break inside the value', [{ field: 'city', operator: 'equals', value: 'Amster\ndam' }], /line break or control character \(U\+000A\)/],
		['a carriage return', [{ field: 'city', operator: 'equals', value: 'a\rb' }], /\(U\+000D\)/],
		['a NUL', [{ field: 'city', operator: 'equals', value: 'a\u0000b' }], /\(U\+0000\)/],
		['a tab', [{ field: 'city', operator: 'equals', value: 'a\tb' }], /\(U\+0009\)/],
		['a Unicode line separator', [{ field: 'city', operator: 'equals', value: 'a\u2028b' }], /\(U\+2028\)/],
		['a lone surrogate', [{ field: 'city', operator: 'equals', value: 'emoji \uD83D' }], /half of a Unicode character/],
		['a value that makes "<" into the unknown "<~"', [{ field: 'age', operator: 'lessThan', value: '~5' }], /"<~", which it does not know/],
		['a value that makes ">" into ">>"', [{ field: 'age', operator: 'greaterThan', value: '>5' }], /">>", which it does not know/],
		['a value that makes ">" into "><"', [{ field: 'age', operator: 'greaterThan', value: '<5' }], /"><", which it does not know/],
		['a value that makes ">" into ">!"', [{ field: 'age', operator: 'greaterThan', value: '!5' }], /">!", which it does not know/],
		['a value starting with an operator character after "=="', [{ field: 'city', operator: 'equals', value: '=x' }], /starts with "="/],
		['a LIKE pattern of only %', [{ field: 'city', operator: 'like', value: '%' }], /only wildcards/],
		['a NOT LIKE pattern of only _ and %', [{ field: 'city', operator: 'notLike', value: '_%_' }], /only wildcards/],
		['a field name with an operator character', [{ field: 'a=b', operator: 'equals', value: 'x' }], /contains an operator character/],
		['a field name with a line break', [{ field: 'ci\nty', operator: 'equals', value: 'x' }], /control character or line break/],
		['an object as value', [{ field: 'city', operator: 'equals', value: { a: 1 } }], /value is not text/],
	])('refuses %s before any look-up', (_case, conditions, message) => {
		const problem = problemOf(() => checkSelectionShape(conditions));
		expect(problem.message).toMatch(message);
		expect(problem.description).not.toBe('');
	});

	it('refuses a field the database does not have, naming the condition and the field', () => {
		const problem = problemOf(() =>
			buildSelection(
				[
					{ field: 'city', operator: 'equals', value: 'x' },
					{ field: 'emial', operator: 'equals', value: 'x' },
				],
				FIELDS,
			),
		);
		expect(problem.message).toBe('Condition 2: the database has no field "emial"');
		expect(problem.description).toMatch(/update every profile/);
		expect(problem.description).toMatch(/customerid, Email, city, age, id, code, modified/);
	});

	it('takes equality conditions on real fields as values for a created profile', () => {
		const selection = buildSelection(
			[
				{ field: 'customerid', operator: 'equals', value: 'C-9' },
				{ field: 'age', operator: 'greaterThan', value: '5' },
				{ field: 'id', operator: 'equals', value: '12' },
				{ field: 'email', operator: '==', value: 'x@y.z' },
			],
			FIELDS,
		);
		expect(valuesImpliedBySelection(selection)).toEqual({ customerid: 'C-9', Email: 'x@y.z' });
	});
});

describe('typed values: only forms Copernica reads exactly as written', () => {
	const TYPED = [
		{ name: 'points', type: 'integer', value: '' },
		{ name: 'balance', type: 'float', value: '' },
		{ name: 'segment', type: 'select', value: 'regular\nVIP\ngold' },
		{ name: 'birthdate', type: 'date', value: '' },
		{ name: 'lastorder', type: 'datetime', value: '' },
		{ name: 'name', type: 'text', value: '' },
	];
	const build = (field: string, operator: string, value: string, allowEmptyValues = false) =>
		buildSelection([{ field, operator, value }], TYPED, { allowEmptyValues }).expressions;

	it.each([
		['points', 'equals', '42'],
		['points', 'equals', '-0'],
		['points', 'lessThan', '-7'],
		['points', 'equals', '0'],
		['id', 'equals', '1029'],
		['balance', 'greaterThan', '12.5'],
		['balance', 'equals', '-0.25'],
		['segment', 'equals', 'VIP'],
		['segment', 'notLike', 'V%'],
		['birthdate', 'lessThan', '2000-02-29'],
		['lastorder', 'equals', '2026-03-31 17:00:00'],
		['lastorder', 'greaterThanOrEqual', '2026-03-31'],
		['modified', 'greaterThan', '2017-01-01'],
		['modified', 'lessThan', '2026-12-01 23:59:59'],
		['name', 'equals', 'n/a'],
	])('sends %s %s %s', async (field, operator, value) => {
		const { SELECTION_OPERATORS } = await import('../../nodes/shared/helpers/selection');
		const sentAs = SELECTION_OPERATORS.find((known) => known.value === operator)!.sentAs;
		expect(build(field, operator, value)).toEqual([`${field}${sentAs}${value}`]);
	});

	it.each([
		['points', 'equals', 'n/a', /"n\/a" is not a whole number, and points is an integer field/],
		['points', 'equals', '1.5', /not a whole number/],
		['points', 'equals', '007', /not a whole number/],
		['points', 'equals', '+7', /not a whole number/],
		['points', 'equals', '1e3', /not a whole number/],
		['points', 'equals', '0x1A', /not a whole number/],
		['points', 'equals', ' 12', /not a whole number/],
		['points', 'equals', '12abc', /not a whole number/],
		['points', 'equals', '99999999999999999999', /not a whole number/],
		['id', 'equals', '-1', /profile ID, a whole number/],
		['id', 'greaterThan', 'n/a', /not a whole number/],
		['balance', 'equals', '1,5', /not a number Copernica reads exactly/],
		['balance', 'equals', '.5', /not a number Copernica reads exactly/],
		['balance', 'equals', '1.', /not a number Copernica reads exactly/],
		['balance', 'equals', '1.00000000000000001', /not a number Copernica reads exactly/],
		['balance', 'equals', 'Infinity', /not a number Copernica reads exactly/],
		['points', 'like', '4%', /Is Like and Is Not Like compare text, and points is an integer field/],
		['birthdate', 'notLike', '2026%', /compare text, and birthdate is a date field/],
		['segment', 'equals', 'vip', /"vip" is not one of the choices of segment \(did you mean "VIP"\?\)/],
		['segment', 'notEquals', 'Platinum', /not one of the choices/],
		['birthdate', 'equals', '2026-02-30', /not a date as YYYY-MM-DD/],
		['birthdate', 'equals', '31-03-2026', /not a date as YYYY-MM-DD/],
		['birthdate', 'equals', '2026-03-31 10:00:00', /not a date as YYYY-MM-DD/],
		['lastorder', 'equals', '2026-03-31', /not a date and time as YYYY-MM-DD hh:mm:ss/],
		['lastorder', 'greaterThan', '2026-03-31T10:00:00', /not a date and time/],
		['lastorder', 'lessThan', '2026-03-31 24:00:00', /not a date and time/],
		['modified', 'greaterThan', 'yesterday', /not a date and time/],
	])('refuses %s %s %s', (field, operator, value, message) => {
		const problem = problemOf(() => build(field, operator, value));
		expect(problem.message).toMatch(message);
		expect(problem.description).toMatch(/Nothing was sent\. \w+ accepts /);
	});

	it('keeps the leading spaces of a select choice, as Copernica trims only the end', () => {
		const spaced = [{ name: 'tier', type: 'select', value: '  Gold \r\nSilver' }];
		expect(buildSelection([{ field: 'tier', operator: 'equals', value: '  Gold' }], spaced).expressions).toEqual(['tier==  Gold']);
		expect(problemOf(() => buildSelection([{ field: 'tier', operator: 'equals', value: 'Gold' }], spaced)).message).toMatch(
			/"Gold" is not one of the choices of tier/,
		);
	});

	it('explains an impossible date as impossible, and the midnight rule only for Equals', () => {
		expect(problemOf(() => build('lastorder', 'lessThan', '2026-02-30')).description).not.toMatch(/would compare with 00:00:00 only/);
		expect(problemOf(() => build('lastorder', 'equals', '2026-03-31')).description).toMatch(/would compare with 00:00:00 only/);
	});

	it('shows invisible characters in a refused value as U+ codes', () => {
		expect(problemOf(() => build('points', 'equals', '\u200F5')).message).toMatch(/^Condition 1: "<U\+200F>5" is not a whole number/);
		expect(problemOf(() => build('points', 'equals', '5\u00A0')).message).toMatch(/ends in/);
	});

	it('refuses an empty number even with Allow Empty Values: Copernica reads it as 0', () => {
		expect(problemOf(() => build('points', 'equals', '', true)).message).toMatch(/the value is empty, and points is an integer field/);
		expect(build('birthdate', 'equals', '', true)).toEqual(['birthdate==']);
		expect(build('segment', 'equals', '', true)).toEqual(['segment==']);
		expect(build('name', 'like', '%', true)).toEqual(['name=~%']);
	});
});

describe('what a created profile stores, against what its selection compares', () => {
	const TYPED = [
		{ name: 'email', type: 'email', value: '' },
		{ name: 'points', type: 'integer', value: '' },
		{ name: 'segment', type: 'select', value: 'regular\nVIP' },
	];
	it('matches text case-insensitively and numbers as numbers', async () => {
		const { createdProfileMatchesSelection } = await import('../../nodes/shared/helpers/selection');
		const selection = buildSelection(
			[
				{ field: 'email', operator: 'equals', value: 'Anna@Example.com' },
				{ field: 'points', operator: 'equals', value: '7' },
			],
			TYPED,
		);
		expect(createdProfileMatchesSelection(selection, { email: 'anna@example.com', points: 7 })).toBe(true);
		expect(createdProfileMatchesSelection(selection, { email: 'anna@example.com', points: '7 points' })).toBe(false);
	});

	it('does not match when the stored select value is not a choice (Copernica stores "")', async () => {
		const { createdProfileMatchesSelection } = await import('../../nodes/shared/helpers/selection');
		const selection = buildSelection([{ field: 'segment', operator: 'equals', value: 'VIP' }], TYPED);
		expect(createdProfileMatchesSelection(selection, { segment: 'VIP' })).toBe(true);
		expect(createdProfileMatchesSelection(selection, { segment: 'vip' })).toBe(false);
	});

	it('compares 18-digit whole numbers digit for digit, not through a double', async () => {
		const { createdProfileMatchesSelection } = await import('../../nodes/shared/helpers/selection');
		const selection = buildSelection([{ field: 'points', operator: 'equals', value: '123456789012345678' }], TYPED);
		expect(createdProfileMatchesSelection(selection, { points: '123456789012345678' })).toBe(true);
		expect(createdProfileMatchesSelection(selection, { points: '123456789012345679' })).toBe(false);
	});

	it('takes a written boolean as PHP stores it ("1"), and a number only in plain digits', async () => {
		const { createdProfileMatchesSelection } = await import('../../nodes/shared/helpers/selection');
		const one = buildSelection([{ field: 'email', operator: 'equals', value: '1' }], TYPED);
		expect(createdProfileMatchesSelection(one, { email: true })).toBe(true);
		const big = buildSelection([{ field: 'email', operator: 'equals', value: '1e+21' }], TYPED);
		expect(createdProfileMatchesSelection(big, { email: 1e21 })).toBe(false);
	});

	it('gives selections Copernica treats as the same one identity', async () => {
		const { selectionIdentity } = await import('../../nodes/shared/helpers/selection');
		const one = buildSelection(
			[
				{ field: 'EMAIL', operator: 'equals', value: 'A@X.nl' },
				{ field: 'points', operator: 'equals', value: '7' },
			],
			TYPED,
		);
		const other = buildSelection(
			[
				{ field: 'points', operator: '==', value: '7' },
				{ field: 'email', operator: 'equals', value: 'a@x.NL' },
			],
			TYPED,
		);
		expect(selectionIdentity(one)).toEqual(selectionIdentity(other));
		const notEquals = buildSelection([{ field: 'email', operator: 'notEquals', value: 'a@x.nl' }], TYPED);
		const angled = buildSelection([{ field: 'email', operator: 'notEqualsAlt', value: 'A@X.nl' }], TYPED);
		expect(selectionIdentity(notEquals)).toEqual(selectionIdentity(angled));
		const vip = buildSelection([{ field: 'segment', operator: 'equals', value: 'VIP' }], TYPED);
		const regular = buildSelection([{ field: 'segment', operator: 'equals', value: 'regular' }], TYPED);
		expect(selectionIdentity(vip)).not.toEqual(selectionIdentity(regular));
	});
});
