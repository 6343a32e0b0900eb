import { DateTime } from 'luxon';

import { copernicaValue, n8nFieldType, selectChoices } from '../../nodes/shared/helpers/fieldTypes';

describe('Copernica field types as n8n types', () => {
	it('numbers, dates, select choices and text', () => {
		expect(n8nFieldType('integer')).toEqual({ type: 'number' });
		expect(n8nFieldType('float')).toEqual({ type: 'number' });
		expect(n8nFieldType('empty_datetime')).toEqual({ type: 'dateTime' });
		expect(n8nFieldType('date')).toEqual({ type: 'dateTime' });
		expect(n8nFieldType('select', 'a\r\nb\n\n c ')).toEqual({
			type: 'options',
			options: [
				{ name: 'a', value: 'a' },
				{ name: 'b', value: 'b' },
				// Copernica trims a choice at its end only.
				{ name: ' c', value: ' c' },
			],
		});
		// A select field without choices takes any text.
		expect(n8nFieldType('select', '')).toEqual({ type: 'string' });
		expect(n8nFieldType('email')).toEqual({ type: 'string' });
		expect(n8nFieldType('Phone_GSM')).toEqual({ type: 'string' });
		expect(selectChoices('x\ny')).toEqual(['x', 'y']);
	});
});

describe('values in the form Copernica stores', () => {
	it('dates from the date picker (Luxon) and JS dates become YYYY-MM-DD or YYYY-MM-DD hh:mm:ss', () => {
		const picked = DateTime.fromISO('2026-03-01T10:20:30', { zone: 'Europe/Amsterdam' });
		expect(copernicaValue(picked, 'date')).toBe('2026-03-01');
		expect(copernicaValue(picked, 'datetime')).toBe('2026-03-01 10:20:30');
		expect(copernicaValue(new Date('2026-03-01T10:20:30Z'), 'empty_datetime')).toBe('2026-03-01 10:20:30');
		expect(copernicaValue(new Date('2026-03-01T10:20:30Z'), 'empty_date')).toBe('2026-03-01');
	});

	it('leaves everything else as it is', () => {
		expect(copernicaValue('2026-03-01 10:00:00', 'datetime')).toBe('2026-03-01 10:00:00');
		expect(copernicaValue(35, 'integer')).toBe(35);
		const invalid = new Date('nonsense');
		expect(copernicaValue(invalid, 'date')).toBe(invalid);
	});
});
