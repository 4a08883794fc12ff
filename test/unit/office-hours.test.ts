import { isOfficeOpen, parseOfficeHours } from '../../src/domain/voice/office-hours';

const hours = parseOfficeHours('man-fre 09-15')!;
const at = (iso: string) => new Date(iso);

describe('office hours', () => {
  it('open on a weekday within the hours, Oslo time', () => {
    expect(isOfficeOpen(hours, at('2027-01-13T09:00:00+01:00'))).toBe(true); // Wednesday
    expect(isOfficeOpen(hours, at('2027-01-13T14:59:00+01:00'))).toBe(true);
    expect(isOfficeOpen(hours, at('2027-01-13T15:00:00+01:00'))).toBe(false);
    expect(isOfficeOpen(hours, at('2027-01-13T08:59:00+01:00'))).toBe(false);
    expect(isOfficeOpen(hours, at('2027-06-16T12:00:00Z'))).toBe(true); // 14:00 summer time
    expect(isOfficeOpen(hours, at('2027-06-16T13:30:00Z'))).toBe(false); // 15:30 summer time
  });

  it('closed at weekends and on Norwegian public holidays (and julaften)', () => {
    expect(isOfficeOpen(hours, at('2027-01-16T12:00:00+01:00'))).toBe(false); // Saturday
    expect(isOfficeOpen(hours, at('2027-03-25T12:00:00+01:00'))).toBe(false); // Skjærtorsdag
    expect(isOfficeOpen(hours, at('2027-05-17T12:00:00+02:00'))).toBe(false); // Grunnlovsdagen
    expect(isOfficeOpen(hours, at('2026-12-24T12:00:00+01:00'))).toBe(false); // julaften
    expect(isOfficeOpen(hours, at('2026-12-28T12:00:00+01:00'))).toBe(true); // an ordinary Monday
  });
});
