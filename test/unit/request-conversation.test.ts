import { can, type Actor } from '../../src/domain/access';
import { parseIntake } from '../../src/domain/intake';
import {
  answerQuestion, applyCorrection, daysOf, drawDoorstepWord, pickCancelDay, fieldsFromIntake, firstNameOf, firstStep, readRequesterCommand, startsOf, type DraftFields,
} from '../../src/domain/request-conversation';
import { checkRequester } from '../../src/domain/requester-form';
import { requesterText } from '../../src/domain/requester-templates';
import { countSegments } from '../../src/domain/sms-segments';
import { factsOf } from '../../src/services/tell-requester';

// Wednesday 2 December 2026, 10:15 in Oslo.
const received = new Date('2026-12-02T09:15:00Z');

const escort: DraftFields = {
  type: 'escort', date: '2026-12-04', time: '14:30', place: 'Lørenskog legesenter', notes: '', language: 'nb', dateCandidates: [], holiday: null, urgent: false,
};

describe('the requester conversation (pure steps)', () => {
  it.each<[string, ReturnType<typeof readRequesterCommand>]>([
    ['OK', { kind: 'ok' }], ['ok!', { kind: 'ok' }], ['Ok takk', { kind: 'ok' }], ['ja', { kind: 'ok' }], ['yes', { kind: 'ok' }],
    ['AVBRYT K7', { kind: 'cancel', ref: '7', day: null }], ['avbryt k 12', { kind: 'cancel', ref: '12', day: null }], ['Cancel K3', { kind: 'cancel', ref: '3', day: null }],
    ['avbryt', { kind: 'cancel', ref: null, day: null }], ['AVBRYT K7 8.12', { kind: 'cancel', ref: '7', day: '8.12' }], ['avbryt k7 tirsdag.', { kind: 'cancel', ref: '7', day: 'tirsdag' }],
    ['nei, kl 15', { kind: 'text' }], ['ok men kl 15', { kind: 'text' }], ['avbryt fredag', { kind: 'text' }],
  ])('%s reads as %j', (text, expected) => {
    expect(readRequesterCommand(text)).toEqual(expected);
  });

  it('a complete request goes straight to the summary; a missing time is asked with an example', () => {
    expect(firstStep(parseIntake('Trenger følge til legen fredag 4.12 kl 14:30, Lørenskog legesenter', received))).toEqual({ kind: 'confirm' });
    const step = firstStep(parseIntake('Trenger følge til legen fredag 4.12, Lørenskog legesenter', received));
    expect(step).toMatchObject({ kind: 'ask', field: 'time', question: expect.stringMatching(/Svar f\.eks\. kl 14:30$/) });
  });

  it('an answer fills what was asked, and the start is Oslo time', () => {
    const fields = fieldsFromIntake(parseIntake('Trenger følge til legen fredag 4.12, Lørenskog legesenter', received));
    const r = answerQuestion(fields, 'time', '13', received);
    expect(r.fields).toMatchObject({ date: '2026-12-04', time: '13:00', place: 'Lørenskog legesenter' });
    expect(r.step).toEqual({ kind: 'confirm' });
    expect(startsOf(r.fields)[0]!.toISOString()).toBe('2026-12-04T12:00:00.000Z');
  });

  it.each<[string, Partial<DraftFields>, string[]]>([
    ['nei, kl 15', { time: '15:00', date: '2026-12-04' }, ['time']],
    ['Nei, det er torsdag', { date: '2026-12-03', time: '14:30' }, ['date']],
    ['feil, det skal være mandag 7.12 kl 9', { date: '2026-12-07', time: '09:00' }, ['date', 'time']],
    ['hmm', { date: '2026-12-04', time: '14:30' }, []],
  ])('the correction %s changes only what it names', (text, expected, changed) => {
    const r = applyCorrection(escort, text, received);
    expect(r.fields).toMatchObject(expected);
    expect(r.changed).toEqual(changed);
  });

  it('the doorstep word is one short word, drawn from a list large enough not to be guessed', () => {
    expect(drawDoorstepWord(() => 0)).not.toBe(drawDoorstepWord(() => 1));
    const drawn = new Set(Array.from({ length: 200 }, (_, i) => drawDoorstepWord((n) => (i * 7919) % n)));
    expect(drawn.size).toBeGreaterThan(20);
    for (const word of drawn) expect(word).toMatch(/^[a-zæøå]{3,9}$/);
    expect(firstNameOf('Kari  Nordmann')).toBe('Kari');
  });

  it('the texts to the home are GSM-7, and the summary reads as the issue shows it', () => {
    const facts = { ref: 'K7', type: 'escort' as const, date: '2026-12-04', time: '14:30', place: 'Lørenskog legesenter', holiday: null };
    expect(requesterText('nb', 'summary', { facts })).toBe('Mottatt K7: følge fre. 4. des. kl. 14:30, Lørenskog legesenter. Svar OK for å sende ut, eller skriv det som skal rettes.');
    expect(requesterText('en', 'summary', { facts })).toMatch(/^Received K7: escort Fri 4 Dec at 14:30/);
    for (const lang of ['nb', 'en']) {
      const texts = [
        requesterText(lang, 'summary', { facts }), requesterText(lang, 'assigned', { facts, firstName: 'Kari', doorstepWord: 'fjell' }),
        requesterText(lang, 'unfilled', { facts }), requesterText(lang, 'not_understood', { ref: 'K7' }), requesterText(lang, 'forwarded'),
        requesterText(lang, 'sent', { facts }), requesterText(lang, 'expired', { ref: 'K7' }), requesterText(lang, 'cancelled', { ref: 'K7', hadVolunteer: true }),
      ];
      for (const t of texts) expect(countSegments(t).encoding).toBe('GSM-7');
    }
  });
});

describe('two days in one text: one summary, one task per day', () => {
  it('«man og tirs kl 12» is one draft with two days, two starts, and one summary naming both', () => {
    const fields = fieldsFromIntake(parseIntake('Trenger følge til legen man og tirs kl 12, Lørenskog legesenter', received));
    expect(fields).toMatchObject({ date: '2026-12-07', dates: ['2026-12-07', '2026-12-08'], time: '12:00' });
    expect(firstStep(parseIntake('Trenger følge til legen man og tirs kl 12, Lørenskog legesenter', received))).toEqual({ kind: 'confirm' });
    expect(startsOf(fields).map((d) => d.toISOString())).toEqual(['2026-12-07T11:00:00.000Z', '2026-12-08T11:00:00.000Z']);
    const facts = factsOf({ id: '7', fields });
    expect(requesterText('nb', 'summary', { facts })).toBe(
      'Mottatt K7: 2 oppdrag: følge man. 7. des. kl. 12:00 og tir. 8. des. kl. 12:00, Lørenskog legesenter. Svar OK for å sende ut, eller skriv det som skal rettes.');
    expect(requesterText('en', 'summary', { facts })).toBe(
      'Received K7: 2 tasks: escort Mon 7 Dec at 12:00 and Tue 8 Dec at 12:00, Lørenskog legesenter. Reply OK to send it out, or write what should be corrected.');
    expect(requesterText('nb', 'sent', { facts })).toMatch(/K7 er sendt ut til frivillige \(2 oppdrag\).*AVBRYT K7 for å avlyse, eller AVBRYT K7 8\.12 for én dag\.$/);
    expect(requesterText('nb', 'cancelled', { ref: 'K7', hadVolunteer: false, day: '2026-12-08' })).toBe('K7 tir. 8. des. er avlyst.');
  });

  it('three days and a holiday: each day named, the holiday after its day', () => {
    const fields = fieldsFromIntake(parseIntake('besøk 24., 25. og 26. des kl 14', received));
    expect(daysOf(fields)).toEqual(['2026-12-24', '2026-12-25', '2026-12-26']);
    expect(requesterText('nb', 'summary', { facts: factsOf({ id: '9', fields }) })).toMatch(/^Mottatt K9: 3 oppdrag: besøk tor\. 24\. des\. kl\. 14:00 \(Julaften\), fre\. 25\. des\. kl\. 14:00 \(Første juledag\) og lør\. 26\. des\. kl\. 14:00 \(Andre juledag\)\./);
  });

  it('a correction keeps both days and changes the time of both; naming days replaces the list', () => {
    const fields = fieldsFromIntake(parseIntake('følge til lege man og tirs kl 12, Ahus', received));
    expect(applyCorrection(fields, 'nei, kl 13', received).fields).toMatchObject({ dates: ['2026-12-07', '2026-12-08'], time: '13:00' });
    expect(applyCorrection(fields, 'nei, torsdag og fredag', received)).toMatchObject({ fields: { dates: ['2026-12-03', '2026-12-04'] }, changed: ['date'] });
    expect(applyCorrection(fields, 'nei, bare tirsdag', received).fields).toMatchObject({ date: '2026-12-08', dates: ['2026-12-08'] });
  });

  it('the answer to «Hvilken dag?» may be a list', () => {
    const fields = fieldsFromIntake(parseIntake('følge til lege kl 12, Ahus', received));
    expect(answerQuestion(fields, 'date', 'mandag og tirsdag', received).fields).toMatchObject({ date: '2026-12-07', dates: ['2026-12-07', '2026-12-08'] });
  });

  it.each<[string, string | null]>([['8.12', '2026-12-08'], ['tirsdag', '2026-12-08'], ['tirs', '2026-12-08'], ['man', '2026-12-07'], ['fredag', null], ['9.12', null]])(
    '«AVBRYT K7 %s» picks %s of the days', (day, picked) => {
      expect(pickCancelDay(day, ['2026-12-07', '2026-12-08'], received)).toBe(picked);
    });
});

describe('requesters in the access model and the form', () => {
  const coordinatorA: Actor = { kind: 'coordinator', id: '1', email: 'a@x', name: 'A', role: 'coordinator', unitId: '10' };
  const admin: Actor = { ...coordinatorA, role: 'admin' };
  it.each<[string, Actor, string | null, boolean]>([
    ['own unit', coordinatorA, '10', true], ['another unit', coordinatorA, '11', false], ['no unit', coordinatorA, null, false],
    ['admin, any unit', admin, '11', true], ['service token', { kind: 'service' }, null, true],
  ])('%s', (_name, actor, unitId, allowed) => {
    for (const action of ['view', 'create', 'edit'] as const) expect(can(actor, action, { kind: 'requester', unitId })).toBe(allowed);
  });

  it('stores numbers E.164 without repeats, and refuses a landline', () => {
    expect(checkRequester({ name: ' Solbakken ', unitId: '1', phones: ['412 34 567', '+4741234567', '', '0047 91000001'] }))
      .toEqual({ ok: true, requester: { name: 'Solbakken', unitId: '1', phones: ['+4741234567', '+4791000001'], contactName: null, defaultPlace: null } });
    expect(checkRequester({ name: 'X', unitId: null, phones: ['22 12 34 56'] })).toMatchObject({ ok: false, errors: { phones: expect.stringMatching(/ikke et mobilnummer/) } });
    expect(checkRequester({ name: '', unitId: null, phones: [] })).toMatchObject({ ok: false, errors: { name: expect.any(String), phones: expect.any(String) } });
  });
});
