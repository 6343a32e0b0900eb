import { fieldBody } from '../../nodes/Copernica/actions/database/createField.operation';
import { copernicaDateTime, templateFilterQuery } from '../../nodes/Copernica/actions/template/getMany.operation';
import { copernicaFlag, mayBeCopernicaFlag } from '../../nodes/shared/helpers/copernicaFlag';
import { createdIdOf } from '../../nodes/shared/helpers/createdProfile';
import type { FoundSelection } from '../../nodes/shared/locators/selectionLocator';
import { selectionIdByName } from '../../nodes/shared/locators/selectionLocator';

const view = (id: string, name: string, path = name): FoundSelection => ({ id, name, path, raw: {} });

describe('copernicaFlag', () => {
	it('is true only for true, 1, "true", "1" and "yes"; the string "false" is false', () => {
		expect([true, 1, 'true', '1', 'yes', ' TRUE ', 'Yes'].map(copernicaFlag)).toEqual([true, true, true, true, true, true, true]);
		expect([false, 0, 'false', '0', 'no', '', 'n/a', undefined, null, {}, []].map(copernicaFlag)).toEqual(Array(11).fill(false));
	});

	it('mayBeCopernicaFlag (the nested-view walk): no only for what plainly says no, so a child is never skipped on a value it cannot read', () => {
		expect([false, 0, 'false', ' FALSE ', '0', 'no', '', undefined, null].map(mayBeCopernicaFlag)).toEqual(Array(9).fill(false));
		expect([true, 1, 2, '2', 'y', 'on', 'true', {}].map(mayBeCopernicaFlag)).toEqual(Array(8).fill(true));
	});
});

describe('selectionIdByName', () => {
	const views = [view('7', 'Amsterdam'), view('9', 'Amsterdam over 40', 'Amsterdam › Amsterdam over 40'), view('11', 'Gold or 50+')];

	it('finds a name case-insensitively, nested ones included', () => {
		expect(selectionIdByName(views, 'AMSTERDAM OVER 40')).toBe('9');
	});

	it('refuses an unknown name, listing the names, and an ambiguous one, listing the paths and IDs', () => {
		expect(() => selectionIdByName(views, 'Rotterdam')).toThrow('The database has no selection "Rotterdam"');
		expect(() => selectionIdByName([], 'x')).toThrow(expect.objectContaining({ description: expect.stringContaining('(this database has no selections)') }));
		const twice = [...views, view('20', 'Amsterdam over 40', 'Gold or 50+ › Amsterdam over 40')];
		expect(() => selectionIdByName([view('14', 'Open orders')], 'Closed', 'miniview')).toThrow('The collection has no miniview "Closed"');
		expect(() => selectionIdByName(twice, 'Amsterdam over 40')).toThrow(
			expect.objectContaining({ description: 'Give the ID of the one you mean: Amsterdam › Amsterdam over 40 (9), Gold or 50+ › Amsterdam over 40 (20).' }),
		);
	});
});

describe('fieldBody', () => {
	it('sends only the options given, booleans as booleans', () => {
		expect(fieldBody('points', 'integer', '', { displayed: false, length: 10 })).toEqual({ name: 'points', type: 'integer', displayed: false, length: 10 });
	});

	it.each([
		['float', '2.5', true],
		['float', '2,5', false],
		['datetime', '2026-01-01 10:00:00', true],
		['empty_datetime', '2026-01-01', false],
		['text', 'anything', true],
		['foreign_key', '12', true],
		['foreign_key', 'x', false],
	])('a %s default of %s is accepted: %s', (type, value, accepted) => {
		const make = () => fieldBody('f', type, value, {});
		if (accepted) expect(make().value).toBe(value);
		else expect(make).toThrow(`Default Value: "${value}" is not`);
	});
});

describe('template filters', () => {
	it('writes n8n dates as Copernica writes dates, and sends only the filters given', () => {
		expect(copernicaDateTime('2026-03-01T08:30:00.000+01:00')).toBe('2026-03-01 08:30:00');
		expect(copernicaDateTime('2026-03-01T08:30')).toBe('2026-03-01 08:30:00');
		expect(copernicaDateTime('2026-03-01')).toBe('2026-03-01 00:00:00');
		expect(templateFilterQuery({ name: ' Welcome ', keyword: '', type: '' })).toEqual([['name', 'Welcome']]);
	});
});

describe('createdIdOf', () => {
	const response = (statusCode: number, headers: Record<string, string>) => ({ statusCode, headers, body: undefined });

	it('reads X-Created, else the entry segment of Location', () => {
		expect(createdIdOf(response(201, { 'x-created': '55' }), 'field')).toBe(55);
		expect(createdIdOf(response(201, { location: 'https://api.copernica.com/v3/database/1000/field/56' }), 'field')).toBe(56);
		expect(createdIdOf(response(201, { location: 'https://api.copernica.com/v3/database/1000/field/56' }), 'interest')).toBeUndefined();
		expect(createdIdOf(response(200, {}), 'field')).toBeUndefined();
	});
});
