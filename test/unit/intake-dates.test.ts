import { parseIntake } from '../../src/domain/intake';

// Wednesday 2 December 2026, 10:15 in Oslo, unless a row says otherwise.
const WED = '2026-12-02T10:15:00+01:00';

describe('intake: several days in one text (one task each)', () => {
  it.each<[string, string, string[]]>([
    ['følge mandag og tirsdag kl 12', WED, ['2026-12-07', '2026-12-08']],
    ['følge til lege man og tirs kl 12', WED, ['2026-12-07', '2026-12-08']],
    ['handlehjelp onsdag og fredag kl 10', '2026-11-30T09:00:00+01:00', ['2026-12-02', '2026-12-04']],
    ['følge 4. og 11. des kl 12', WED, ['2026-12-04', '2026-12-11']],
    ['følge 4., 11. og 18. des kl 12', WED, ['2026-12-04', '2026-12-11', '2026-12-18']],
    ['følge 4.12 og 11.12 kl 12', WED, ['2026-12-04', '2026-12-11']],
    ['besøk fredag 4.12 og lørdag 5.12 kl 13', WED, ['2026-12-04', '2026-12-05']],
    ['følgje måndag og tysdag kl 12', WED, ['2026-12-07', '2026-12-08']],
    ['escort Monday and Tuesday at 12', WED, ['2026-12-07', '2026-12-08']],
    ['handlehjelp i dag og i morgen kl 15', WED, ['2026-12-02', '2026-12-03']],
    ['tur 30.12 og 2.1 kl 11', '2026-12-20T12:00:00+01:00', ['2026-12-30', '2027-01-02']],
  ])('%s (at %s) → %j', (text, at, dates) => {
    const r = parseIntake(text, at);
    expect(r.dates).toEqual(dates);
    expect(r.date).toBe(dates[0]);
    expect(r.missing).not.toContain('date');
  });

  it('one day is a list of one; no day is an empty list', () => {
    expect(parseIntake('følge fredag kl 10', WED).dates).toEqual(['2026-12-04']);
    expect(parseIntake('følge til legen', WED).dates).toEqual([]);
  });

  it('«kl 12 og 11. des» lists no day: 12 is the time', () => {
    expect(parseIntake('følge kl 12 og 11. des', WED).dates).toEqual(['2026-12-11']);
  });
});

describe('intake: the day', () => {
  it.each<[string, string, string]>([
    ['følge i dag kl 15', WED, '2026-12-02'],
    ['følge idag kl 15', WED, '2026-12-02'],
    ['følge i morgen kl 10', WED, '2026-12-03'],
    ['følge imorgen kl 10', WED, '2026-12-03'],
    ['følgje i morgon kl 10', WED, '2026-12-03'],
    ['følge imorra kl 10', WED, '2026-12-03'],
    ['følge i overmorgen kl 10', WED, '2026-12-04'],
    ['følge i overimorgen kl 10', WED, '2026-12-04'],
    ['følge overimorgen kl 10', WED, '2026-12-04'],
    ['følgje i overmorgon kl 10', WED, '2026-12-04'],
    ['escort tomorrow at 10', WED, '2026-12-03'],
    ['følge fredag kl 10', WED, '2026-12-04'],
    ['følge fre kl 10', WED, '2026-12-04'],
    ['følge fredg kl 10', WED, '2026-12-04'],
    ['følge tosdag kl 10', WED, '2026-12-03'],
    ['følge sundag kl 10', WED, '2026-12-06'],
    ['følge laurdag kl 10', WED, '2026-12-05'],
    ['følge onsdag kl 15', WED, '2026-12-02'],
    ['følge onsdag kl 9', WED, '2026-12-09'],
    ['følge neste mandag kl 10', WED, '2026-12-07'],
    ['følge fredag neste uke kl 10', WED, '2026-12-11'],
    ['følge fredag om tre uker kl 10', WED, '2026-12-25'],
    ['følge 4/1 kl 10', WED, '2027-01-04'],
    ['følge 4.1 kl 10', WED, '2027-01-04'],
    ['følge 14.02 kl 10', WED, '2027-02-14'],
    ['følge den 12. kl 10', WED, '2026-12-12'],
    ['følge den 1. kl 10', WED, '2027-01-01'],
    ['følge 4. jan kl 10', WED, '2027-01-04'],
    ['følge 3. februar kl 10', WED, '2027-02-03'],
    ['følge fredag 4.12 kl 10', WED, '2026-12-04'],
    ['følge fredag 11.12', WED, '2026-12-11'],
    ['besøk nyttårsaften kl 17', WED, '2026-12-31'],
    ['besøk julaften kl 14', WED, '2026-12-24'],
    ['følge 17. mai kl 10', WED, '2027-05-17'],
    ['besøk skjærtorsdag kl 12', WED, '2027-03-25'],
    ['besøk langfredag kl 12', WED, '2027-03-26'],
    ['besøk 1. påskedag kl 12', WED, '2027-03-28'],
    ['besøk 2. påskedag kl 12', WED, '2027-03-29'],
    ['besøk kristi himmelfartsdag kl 12', WED, '2027-05-06'],
    ['besøk 2. pinsedag kl 12', WED, '2027-05-17'],
    ['følge i morgen kl 10', '2026-12-31T09:00:00+01:00', '2027-01-01'],
    ['følge mandag kl 10', '2027-01-29T13:00:00+01:00', '2027-02-01'],
    ['følge neste fredag kl 10', '2027-01-29T13:00:00+01:00', '2027-02-05'],
    ['følge i morgen kl 10', '2026-12-03T06:30:00+01:00', '2026-12-04'],
  ])('%s (at %s) → %s', (text, at, date) => {
    const r = parseIntake(text, at);
    expect(r.date).toBe(date);
    expect(r.missing).not.toContain('date');
  });

  it.each<[string, string, string]>([
    ['følge i morgen fredag kl 10', WED, 'tomorrow_weekday_conflict'],
    ['følge torsdag 4.12 kl 10', WED, 'weekday_date_conflict'],
    ['følge i morgen kl 10', '2026-12-03T00:40:00+01:00', 'tomorrow_after_midnight'],
    ['følge i morgen kl 10', '2026-12-03T05:59:00+01:00', 'tomorrow_after_midnight'],
    ['følge neste fredag kl 10', WED, 'ambiguous_next_weekday'],
    ['besøk onsdag', WED, 'same_weekday_today'],
    ['besøk i vinterferien', WED, 'period'],
    ['tur i uke 7', WED, 'period'],
    ['handlehjelp over helga', WED, 'period'],
    ['besøk en gang neste uke', WED, 'period'],
    ['følge mandag eller tirsdag kl 10', WED, 'alternatives'],
    ['følge mandag og tirsdag neste uke kl 12', WED, 'several_days'],
    ['handlehjelp onsdag og fredag kl 10', WED, 'several_days'],
    ['besøk fredag 4.12 og lørdag 6.12 kl 13', WED, 'several_days'],
    ['besøksvenn helst mandager kl 14', WED, 'recurring'],
    ['besøksvenn hver torsdag', WED, 'recurring'],
    ['følge 31.2 kl 10', WED, 'invalid_date'],
    ['følge 2.12.2026 kl 9', WED, 'past_date'],
    ['følge 1.12 kl 10', WED, 'past_date'],
    ['følge til legen', WED, 'no_date'],
  ])('%s (at %s) is asked back: %s', (text, at, reason) => {
    const r = parseIntake(text, at);
    expect(r.date).toBeNull();
    expect(r.missing[0]).toBe('date');
    expect(r.questions[0]).toMatchObject({ field: 'date', reason });
    expect(r.questions[0]!.text).toMatch(/\?/);
  });

  it('offers both Fridays for «neste fredag» on a Wednesday', () => {
    expect(parseIntake('følge neste fredag kl 10', WED).dateCandidates).toEqual(['2026-12-04', '2026-12-11']);
  });

  it.each<[string, string, string]>([
    ['besøk i morgen kl 10', '2026-03-28T11:00:00+01:00', '2026-03-29T10:00+02:00'],
    ['besøk i morgen kl 11', '2026-10-24T12:00:00+02:00', '2026-10-25T11:00+01:00'],
    ['besøk i dag kl 18', '2026-03-29T09:00:00+02:00', '2026-03-29T18:00+02:00'],
  ])('%s (at %s) starts at %s across daylight saving', (text, at, startsAt) => {
    expect(parseIntake(text, at).startsAt).toBe(startsAt);
  });

  it('asks for a time the spring night skips', () => {
    const r = parseIntake('handlehjelp søndag kl 02.30', '2026-03-28T11:00:00+01:00');
    expect(r.time).toBeNull();
    expect(r.questions[0]).toMatchObject({ field: 'time', reason: 'nonexistent_time' });
  });

  it.each<[string, string | null]>([
    ['besøk 1. juledag kl 13', 'Første juledag'],
    ['besøk julaften kl 13', 'Julaften'],
    ['besøk nyttårsaften kl 13', 'Nyttårsaften'],
    ['besøk 2. pinsedag kl 12', 'Grunnlovsdagen og Andre pinsedag'],
    ['besøk fredag kl 13', null],
  ])('%s names the holiday: %s', (text, holiday) => {
    expect(parseIntake(text, WED).holiday).toBe(holiday);
  });
});
