/**
 * How Copernica reads `fields[]` conditions, as integrators observed it on the live API
 * (copernica-api.md §2): the first operator splits field from value; field names match
 * case-insensitively; a condition whose field is unknown, or that has no operator, is
 * silently ignored. The emulator copies that, dangerous parts included.
 */

export type Operator = '==' | '!=' | '<>' | '<' | '>' | '<=' | '>=' | '=~' | '!~';

const TWO_CHARACTER: readonly string[] = ['==', '!=', '<>', '<=', '>=', '=~', '!~'];

export interface ParsedCondition {
	field: string;
	operator: Operator;
	value: string;
}

/** Splits `field<op>value`; undefined when Copernica would not find an operator. */
export function parseCondition(raw: string): ParsedCondition | undefined {
	const text = raw.trim();
	for (let index = 0; index < text.length; index++) {
		const character = text.charAt(index);
		if (!'=!<>'.includes(character)) continue;
		const pair = text.slice(index, index + 2);
		if (TWO_CHARACTER.includes(pair)) {
			return { field: text.slice(0, index), operator: pair as Operator, value: text.slice(index + 2) };
		}
		if (character === '<' || character === '>') {
			return { field: text.slice(0, index), operator: character, value: text.slice(index + 1) };
		}
		return undefined;
	}
	return undefined;
}

/** `%` is any run of characters, `_` exactly one; everything else literal. */
export function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
	const source = Array.from(pattern)
		.map((character) => {
			if (character === '%') return '.*';
			if (character === '_') return '.';
			return character.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
		})
		.join('');
	return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

export type Comparison = 'text' | 'binary' | 'number';

/** One condition against one stored value, the way the field's type compares. */
export function matches(stored: string, condition: ParsedCondition, comparison: Comparison): boolean {
	const { operator, value } = condition;
	if (operator === '=~' || operator === '!~') {
		const like = likePattern(value, comparison === 'text').test(stored);
		return operator === '=~' ? like : !like;
	}
	let left: string | number = stored;
	let right: string | number = value;
	if (comparison === 'number') {
		left = Number(stored);
		right = Number(value);
		if (Number.isNaN(right)) right = 0;
	} else if (comparison === 'text') {
		left = stored.toLowerCase();
		right = value.toLowerCase();
	}
	switch (operator) {
		case '==':
			return left === right;
		case '!=':
		case '<>':
			return left !== right;
		case '<':
			return left < right;
		case '>':
			return left > right;
		case '<=':
			return left <= right;
		case '>=':
			return left >= right;
	}
}
