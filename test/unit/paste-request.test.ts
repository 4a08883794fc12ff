import { readNotes } from '../../src/domain/intake/notes';
import { prefillFromText, pasteResultText } from '../../src/http/views/tasks/paste-request';
import { emptyTaskForm } from '../../src/http/views/tasks/task-form';

// Wednesday 2 December 2026, 10:15 in Oslo.
const received = new Date('2026-12-02T09:15:00Z');
const base = emptyTaskForm('1');

describe('«Lim inn forespørsel»: the new-task form from a pasted request', () => {
  it('fills type, day, time, place and details; keeps the unit and the dispatch settings', () => {
    const { values, paste } = prefillFromText('Handlehjelp fredag 4.12 kl 11 på Kiwi Strømmen. Hun trenger melk og brød.', received, base);
    expect(values).toMatchObject({ type: 'shopping', date: '2026-12-04', time: '11:00', area: 'Kiwi Strømmen', summary: 'Handlehjelp.', unitId: '1', waveSize: '3' });
    expect(values.details).toBe('Hvor: Kiwi Strømmen.\nHun trenger melk og brød.');
    expect(paste.marks).toEqual({});
    expect(pasteResultText(paste)).toBe('Fylt ut: type, dato, klokkeslett, sted, kort beskrivelse, detaljer.');
  });

  it('an escort\'s destination goes to the details, not to «Sted», which every offer shows', () => {
    const { values, paste } = prefillFromText('Følge til kreftpoliklinikken på Ahus fredag kl 10', received, base);
    expect(values.area).toBe('');
    expect(values.details).toMatch(/^Hvor: .*Ahus/);
    expect(values.summary).toBe('Følge til en avtale.');
    expect(paste.marks.area).toMatch(/^Mangler: sted\. .*står i detaljene/);
  });

  it('what the parser would ask about is marked with the reason, in bokmål, without the example answer', () => {
    const { values, paste } = prefillFromText('Escort to the doctor on Friday 4 December, Ahus', received, base);
    expect(values.date).toBe('2026-12-04');
    expect(values.time).toBe('');
    expect(paste.marks.time).toBe('Mangler: tidspunkt. Når skal den frivillige komme?');
    const conflict = prefillFromText('Følge torsdag 4.12 kl 10 til Ahus', received, base);
    expect(conflict.values.date).toBe('');
    expect(conflict.paste.marks.date).toMatch(/^Mangler: dato\. Ukedagen og datoen stemmer ikke \(fredag 4\.12\)\. Hvilken dag gjelder det\?$/);
  });

  it('several days, urgency, holidays and non-requests are told, not hidden', () => {
    expect(prefillFromText('Følge man og tirs kl 12 til Ahus', received, base).paste.notices[0]).toMatch(/^Teksten nevner 2 dager: mandag 7\. desember, tirsdag 8\. desember\. Skjemaet lager ett oppdrag/);
    expect(prefillFromText('Trenger følge til legevakten NÅ', received, base).paste.notices).toContain('Haster: ønsket er nå eller innen to timer.');
    expect(prefillFromText('Besøk 25.12 kl 14', received, base).paste.notices).toContain('fredag 25. desember er en helligdag (Første juledag).');
    const thanks = prefillFromText('Tusen takk for hjelpen i går!', received, base);
    expect(thanks.paste.notices[0]).toMatch(/ser ikke ut som en bestilling/);
    expect(thanks.paste.marks.type).toMatch(/^Mangler: type/);
  });

  it('an empty or too long paste is an error beside the box, and the form is left as it was', () => {
    expect(prefillFromText('   ', received, base)).toEqual({ values: base, paste: expect.objectContaining({ error: 'Lim inn teksten først.' }) });
    expect(prefillFromText('x'.repeat(2001), received, base).paste.error).toBe('Høyst 2000 tegn (nå 2001).');
  });

  it('notes keep a sentence whole across a date or a time written with a dot', () => {
    expect(readNotes('Følge torsdag 10.12, Ahus. Olga Hansen, rullator.', [{ start: 13, end: 18 }])).toBe('Olga Hansen, rullator.');
  });
});
