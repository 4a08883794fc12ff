import { DateTime } from 'luxon';
import { formatDay } from '../../src/http/views/volunteers/labels';

it('formats every day of two years as luxon and ICU do for nb («3. des. 2026»)', () => {
  const mismatches: string[] = [];
  for (let d = DateTime.fromISO('2026-01-01', { zone: 'Europe/Oslo' }); d.year < 2028; d = d.plus({ days: 1 })) {
    const iso = d.toISODate()!;
    const expected = d.setLocale('nb').toFormat('d. MMM yyyy');
    if (formatDay(iso) !== expected) mismatches.push(`${iso}: ${formatDay(iso)} ≠ ${expected}`);
  }
  expect(mismatches).toEqual([]);
  expect(formatDay('2026-03-03')).toBe('3. mars 2026');
});
