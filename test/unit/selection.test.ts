import { ParameterProblem } from '../../nodes/Copernica/helpers/parameterProblem';
import {
	buildSelection,
	checkSelectionShape,
	selectionQuery,
	valuesImpliedBySelection,
} from '../../nodes/Copernica/helpers/selection';

const FIELDS = ['customerid', 'Email', 'city', 'age'];

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
		const byName = buildSelection(names.map((operator) => ({ field: 'city', operator, value: 'x' })), FIELDS);
		const bySymbol = buildSelection(symbols.map((operator) => ({ field: 'city', operator, value: 'x' })), FIELDS);
		expect(byName.expressions).toEqual(symbols.map((symbol) => `city${symbol}x`));
		expect(bySymbol.expressions).toEqual(byName.expressions);
	});

	it('keeps values exactly, spaces and special characters included', () => {
		const value = ` a&b=c%d#e+f"g'h ü\nnext`;
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
		['a value ending in a line break', [{ field: 'city', operator: 'equals', value: 'Amsterdam\n' }], /ends in a space or line break/],
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
