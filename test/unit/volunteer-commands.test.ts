import { LANGUAGES } from '../../src/domain/languages/index';
import { classifyReply } from '../../src/domain/replies';
import {
  parseVolunteerCommand, resolveHolidayUntil, type DayMonth, type VolunteerCommand,
} from '../../src/domain/volunteer-commands';

const cancel: VolunteerCommand = { kind: 'cancel' };
const help: VolunteerCommand = { kind: 'help' };
const myTasks: VolunteerCommand = { kind: 'my_tasks' };
const pause = (days: number): VolunteerCommand => ({ kind: 'pause', days });
const holiday = (day: number, month: number): VolunteerCommand => ({ kind: 'holiday', until: { day, month } });
const max = (count: number): VolunteerCommand => ({ kind: 'max_per_week', count });
const malformed = (keyword: 'pause' | 'holiday' | 'max_per_week'): VolunteerCommand => ({ kind: 'malformed', keyword });

describe('parseVolunteerCommand', () => {
  it.each<[string, string, VolunteerCommand]>([
    // nb
    ['nb', 'AVBRYT', cancel],
    ['nb', 'avbryt oppdraget', cancel],
    ['nb', 'PAUSE 14', pause(14)],
    ['nb', 'pause 14 dager', pause(14)],
    ['nb', 'FERIE 3.1', holiday(3, 1)],
    ['nb', 'ferie til 24.12', holiday(24, 12)],
    ['nb', 'MAKS 2', max(2)],
    ['nb', 'HJELP', help],
    ['nb', 'OPPDRAG', myTasks],
    ['nb', 'mine oppdrag?', myTasks],
    // en
    ['en', 'CANCEL', cancel],
    ['en', 'pause 30 days', pause(30)],
    ['en', 'HOLIDAY 3/1', holiday(3, 1)],
    ['en', 'vacation 15.8', holiday(15, 8)],
    ['en', 'MAX 14', max(14)],
    ['en', 'help', help],
    ['en', 'my tasks', myTasks],
    // uk
    ['uk', 'СКАСУВАТИ', cancel],
    ['uk', 'пауза 14 днів', pause(14)],
    ['uk', 'ВІДПУСТКА 3.1', holiday(3, 1)],
    ['uk', 'МАКС 2', max(2)],
    ['uk', 'Допомога', help],
    ['uk', 'ЗАВДАННЯ', myTasks],
    // ar, with Arabic-Indic digits and spelling variants
    ['ar', 'إلغاء', cancel],
    ['ar', 'الغاء', cancel],
    ['ar', 'استراحة ١٤', pause(14)],
    ['ar', 'استراحة 7 أيام', pause(7)],
    ['ar', 'إجازة ٣/١', holiday(3, 1)],
    ['ar', 'أقصى ٢', max(2)],
    ['ar', 'اقصى 2', max(2)],
    ['ar', 'مساعدة', help],
    ['ar', 'مساعده', help],
    ['ar', 'مهامي', myTasks],
    // pl, with and without diacritics
    ['pl', 'ANULUJ', cancel],
    ['pl', 'PRZERWA 14', pause(14)],
    ['pl', 'przerwa 14 dni', pause(14)],
    ['pl', 'URLOP 03.01', holiday(3, 1)],
    ['pl', 'MAKS 2', max(2)],
    ['pl', 'POMOC', help],
    ['pl', 'ZADANIA', myTasks],
    ['pl', 'moje zadania', myTasks],
    // so
    ['so', 'BAAJI', cancel],
    ['so', 'HAKAD 14', pause(14)],
    ['so', 'hakad 14 maalmood', pause(14)],
    ['so', 'FASAX 3.1', holiday(3, 1)],
    ['so', 'UGU BADNAAN 2', max(2)],
    ['so', 'CAAWIN', help],
    ['so', 'HAWLAHA', myTasks],
  ])('%s: %j', (language, body, expected) => {
    expect(parseVolunteerCommand(body, language)).toEqual(expected);
    expect(parseVolunteerCommand(body)).toEqual(expected); // understood whatever the volunteer's setting
  });

  it.each<[string, VolunteerCommand]>([
    ['  pause   14  ', pause(14)],
    ['Pause: 14.', pause(14)],
    ['pause, 14!', pause(14)],
    ['PAUSE 1', pause(1)],
    ['PAUSE 365', pause(365)],
    ['FERIE 3/1', holiday(3, 1)],
    ['ferie 03.01', holiday(3, 1)],
    ['ferie 3.1.', holiday(3, 1)],
    ['ferie 3. 1', holiday(3, 1)],
    ['ferie 3-1', holiday(3, 1)],
    ['ferie 31.12', holiday(31, 12)],
    ['ferie 29.2', holiday(29, 2)],
    ['maks 0', max(0)], // 0 removes the limit
    ['?', help],
    [' ?? ', help],
    ['؟', help],
    ['Hjelp!', help],
    ['"avbryt"', cancel],
  ])('tolerates %j', (body, expected) => {
    expect(parseVolunteerCommand(body)).toEqual(expected);
  });

  it.each<[string, VolunteerCommand]>([
    ['PAUSE', malformed('pause')],
    ['pause 0', malformed('pause')],
    ['PAUSE 366', malformed('pause')],
    ['PAUSE 999', malformed('pause')],
    ['PAUSE 1000', malformed('pause')],
    ['pause fjorten', malformed('pause')],
    ['pause 14 uker', malformed('pause')],
    ['pause 1.5', malformed('pause')],
    ['PRZERWA', malformed('pause')],
    ['استراحة', malformed('pause')],
    ['FERIE', malformed('holiday')],
    ['FERIE 32.13', malformed('holiday')],
    ['ferie 31.4', malformed('holiday')],
    ['ferie 30.2', malformed('holiday')],
    ['ferie 3.1.2027', malformed('holiday')],
    ['ferie 14', malformed('holiday')],
    ['ferie neste uke', malformed('holiday')],
    ['ВІДПУСТКА 0.1', malformed('holiday')],
    ['MAKS', malformed('max_per_week')],
    ['MAKS 15', malformed('max_per_week')],
    ['maks -1', malformed('max_per_week')],
    ['maks to', malformed('max_per_week')],
    ['UGU BADNAAN', malformed('max_per_week')],
  ])('%j is malformed', (body, expected) => {
    expect(parseVolunteerCommand(body)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['JA', 'a reply'],
    ['nei takk', 'a reply'],
    ['STOPP', 'opt-out is a reply word'],
    ['START', 'opt-in is a reply word'],
    ['1', 'check-in answers are read in context by the caller'],
    ['2', 'check-in answers are read in context by the caller'],
    ['', 'empty'],
    ['hjelp meg å bære', 'a keyword leading a sentence'],
    ['avbryt nå', 'a parameterless keyword with more words'],
    ['kan jeg avbryte?', 'a question about cancelling'],
    ['ferie i Spania neste uke, så kan ikke', 'a sentence starting with a keyword'],
    ['pausen min er over', 'another word'],
    ['jeg vil ha pause 14 dager', 'keyword not leading'],
  ])('%j is no keyword (%s)', (body) => {
    expect(parseVolunteerCommand(body)).toBeUndefined();
  });
});

describe('keyword lists', () => {
  const entries = LANGUAGES.flatMap(({ code, commandWords }) =>
    Object.entries(commandWords)
      .filter(([list]) => list !== 'days')
      .flatMap(([list, words]: [string, readonly string[]]) => words.map((word) => ({ code, list, word }))),
  );

  it.each(LANGUAGES.map((l) => [l.code, l.commandWords] as const))('%s has every keyword', (_code, words) => {
    for (const list of Object.values(words)) expect(list.length).toBeGreaterThan(0);
  });

  it('are written in lower case', () => {
    expect(entries.filter(({ word }) => word !== word.toLowerCase())).toEqual([]);
  });

  it('never mean two things across languages', () => {
    const lists = new Map<string, Set<string>>();
    for (const { list, word } of entries) lists.set(word, (lists.get(word) ?? new Set()).add(list));
    expect([...lists].filter(([, set]) => set.size > 1).map(([word]) => word)).toEqual([]);
  });

  // So it does not matter whether the caller parses keywords or replies first.
  it.each(entries.map(({ code, list, word }) => [word, list, code]))('%j (%s, %s) is no reply word', (word, _list, code) => {
    expect(classifyReply(word, code).intent).toBe('unclear');
    expect(classifyReply(word).intent).toBe('unclear');
  });
});

describe('resolveHolidayUntil', () => {
  it.each<[DayMonth, string, string]>([
    [{ day: 3, month: 1 }, '2026-12-10', '2027-01-03'],
    [{ day: 3, month: 1 }, '2027-01-02', '2027-01-03'],
    [{ day: 3, month: 1 }, '2027-01-03', '2027-01-03'], // today counts
    [{ day: 3, month: 1 }, '2027-01-04', '2028-01-03'],
    [{ day: 24, month: 12 }, '2026-12-01', '2026-12-24'],
    [{ day: 31, month: 12 }, '2026-12-31', '2026-12-31'],
    [{ day: 29, month: 2 }, '2026-03-01', '2028-02-29'], // the next leap day
    [{ day: 29, month: 2 }, '2028-02-29', '2028-02-29'],
    [{ day: 1, month: 3 }, '2028-02-29', '2028-03-01'],
  ])('%j from %s → %s', (until, today, expected) => {
    expect(resolveHolidayUntil(until, today)).toBe(expected);
  });

  it.each<[DayMonth, string]>([
    [{ day: 3, month: 1 }, 'i morgen'],
    [{ day: 31, month: 4 }, '2026-01-01'],
  ])('throws for a date that cannot be: %j from %s', (until, today) => {
    expect(() => resolveHolidayUntil(until, today)).toThrow(RangeError);
  });
});
