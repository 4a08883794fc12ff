import { formatAvailability, parseAvailability } from '../../src/domain/availability-text';

describe('weekly availability as typed by a coordinator', () => {
  it.each([
    ['', []],
    ['man 09-15', [{ weekday: 1, from: '09:00', to: '15:00' }]],
    ['Fredag 10:30–13', [{ weekday: 5, from: '10:30', to: '13:00' }]],
    ['lør kl. 10.00 - 12.00', [{ weekday: 6, from: '10:00', to: '12:00' }]],
    ['tor-lør 8-12', [4, 5, 6].map((weekday) => ({ weekday, from: '08:00', to: '12:00' }))],
    ['søn–tir 18-24', [1, 2, 7].map((weekday) => ({ weekday, from: '18:00', to: '24:00' }))], // wraps over the weekend
    ['ons 17-20; man 9-11\ntir 9-11', [{ weekday: 1, from: '09:00', to: '11:00' }, { weekday: 2, from: '09:00', to: '11:00' }, { weekday: 3, from: '17:00', to: '20:00' }]],
  ])('%j', (text, windows) => {
    expect(parseAvailability(text)).toEqual({ ok: true, windows });
  });

  it.each([
    ['mandag', 'mandag'],
    ['man 15-09', 'man 15-09'],
    ['xyz 9-10', 'xyz 9-10'],
    ['man 9-10, fre 25-26', 'fre 25-26'],
    ['man 9:75-10', 'man 9:75-10'],
  ])('%j is refused, naming the entry %j', (text, entry) => {
    expect(parseAvailability(text)).toEqual({ ok: false, entry });
  });

  it('reads back what it shows', () => {
    const parsed = parseAvailability('man-ons 9-15, lør 10:30-12');
    if (!parsed.ok) throw new Error('not parsed');
    const text = formatAvailability(parsed.windows);
    expect(text).toBe('man–ons 09:00–15:00, lør 10:30–12:00');
    expect(parseAvailability(text)).toEqual(parsed);
  });

  const w = (weekday: number, from: string, to: string) => ({ weekday: weekday as 1, from, to });
  it.each<[string, ReturnType<typeof w>[], string]>([
    ['nothing (any time)', [], ''],
    ['one day', [w(3, '09:00', '12:00')], 'ons 09:00–12:00'],
    ['a working week', [1, 2, 3, 4, 5].map((d) => w(d, '09:00', '15:00')), 'man–fre 09:00–15:00'],
    ['a gap splits the range', [1, 2, 4].map((d) => w(d, '09:00', '15:00')), 'man–tir 09:00–15:00, tor 09:00–15:00'],
    ['other hours split the range', [w(1, '09:00', '15:00'), w(2, '10:00', '15:00'), w(3, '09:00', '15:00')], 'man 09:00–15:00, tir 10:00–15:00, ons 09:00–15:00'],
    ['two windows on the same days', [w(1, '17:00', '20:00'), w(2, '17:00', '20:00'), w(1, '08:00', '10:00'), w(2, '08:00', '10:00')], 'man–tir 08:00–10:00, man–tir 17:00–20:00'],
    ['the weekend', [w(6, '10:00', '14:00'), w(7, '10:00', '14:00')], 'lør–søn 10:00–14:00'],
  ])('shows %s as %j, and reads it back', (_name, windows, text) => {
    expect(formatAvailability(windows)).toBe(text);
    const parsed = parseAvailability(text);
    expect(parsed.ok && [...parsed.windows].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from)))
      .toEqual([...windows].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from)));
  });
});
