import { parseAnswer, parseIntake, type IntakeDraft } from '../../src/domain/intake';

const WED = '2026-12-02T10:15:00+01:00';
const LATER = '2026-12-02T10:20:00+01:00';

function draftOf(text: string): IntakeDraft {
  const r = parseIntake(text, WED);
  return { type: r.type, date: r.date, time: r.time, place: r.place, language: r.language, dateCandidates: r.dateCandidates };
}

describe('intake: reading the answer to one question', () => {
  it('fills the asked time from a bare number and asks nothing more', () => {
    const draft = draftOf('følge til Ahus fredag');
    expect(parseIntake('følge til Ahus fredag', WED).missing).toEqual(['time']);
    const a = parseAnswer(draft, 'time', '14', LATER);
    expect(a).toMatchObject({ filled: ['time'], missing: [], questions: [] });
    expect(a.draft).toMatchObject({ date: '2026-12-04', time: '14:00', place: 'Ahus' });
  });

  it.each<[string, string]>([['1430', '14:30'], ['halv tre', '14:30'], ['kl 9', '09:00'], ['kvart på ti', '09:45'], ['9.15', '09:15']])('reads the time answer %s as %s', (answer, time) => {
    expect(parseAnswer(draftOf('følge til Ahus fredag'), 'time', answer, LATER).draft.time).toBe(time);
  });

  it('fills the day and, when it names one, the missing time too', () => {
    const a = parseAnswer(draftOf('følge til Ahus'), 'date', 'torsdag kl 11', LATER);
    expect(a.filled).toEqual(['date', 'time']);
    expect(a.draft).toMatchObject({ date: '2026-12-03', time: '11:00' });
  });

  it('never overwrites what is known', () => {
    const a = parseAnswer(draftOf('følge til Ahus kl 9'), 'date', 'fredag kl 11', LATER);
    expect(a.draft).toMatchObject({ date: '2026-12-04', time: '09:00' });
    expect(a.filled).toEqual(['date']);
  });

  it('picks «den første» of the days it offered', () => {
    const draft = draftOf('følge til Ahus neste fredag kl 10');
    expect(draft.dateCandidates).toEqual(['2026-12-04', '2026-12-11']);
    expect(parseAnswer(draft, 'date', 'den første', LATER).draft.date).toBe('2026-12-04');
    expect(parseAnswer(draft, 'date', 'den 11.', LATER).draft.date).toBe('2026-12-11');
  });

  it('uses the known time for «onsdag» written on a Wednesday', () => {
    expect(parseAnswer(draftOf('handlehjelp kl 15'), 'date', 'onsdag', LATER).draft.date).toBe('2026-12-02');
    expect(parseAnswer(draftOf('handlehjelp kl 9'), 'date', 'onsdag', LATER).draft.date).toBe('2026-12-09');
  });

  it('asks again, with the reason, when the answer is still unclear', () => {
    const a = parseAnswer(draftOf('følge til Ahus kl 10'), 'date', 'neste fredag', LATER);
    expect(a.draft.date).toBeNull();
    expect(a.questions[0]).toMatchObject({ field: 'date', reason: 'ambiguous_next_weekday' });
  });

  it('takes a place answer as written', () => {
    const a = parseAnswer(draftOf('følge til legen fredag kl 10'), 'place', 'til Fjellhamar legesenter', LATER);
    expect(a.draft.place).toBe('Fjellhamar legesenter');
    expect(a.missing).toEqual([]);
    expect(parseAnswer(draftOf('følge til legen fredag kl 10'), 'place', 'Dr. Hansen, Storgata 3', LATER).draft.place).toBe('Storgata 3');
  });
});
