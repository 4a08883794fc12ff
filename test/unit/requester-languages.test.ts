import { parseIntake } from '../../src/domain/intake';
import { fieldsFromIntake, firstStep } from '../../src/domain/request-conversation';
import { requesterText, type RequesterTemplateName } from '../../src/domain/requester-templates';
import { countSegments } from '../../src/domain/sms-segments';
import { factsOf } from '../../src/services/tell-requester';

// Wednesday 2 December 2026, 10:15 in Oslo.
const received = new Date('2026-12-02T09:15:00Z');

describe('a requester is answered in the language they wrote', () => {
  it('nynorsk: the questions are nynorsk, with a nynorsk example', () => {
    const intake = parseIntake('Kan nokon følgje bebuaren vår til legen på fredag? Ho treng rullator', received);
    expect(intake.language).toBe('nn');
    expect(firstStep(intake)).toEqual({ kind: 'ask', field: 'time', question: 'Når skal den frivillige kome? Svar t.d. kl 14:30' });
    const noDay = parseIntake('Treng følgje til sjukehuset kl 10, Ahus', received);
    expect(noDay.questions[0]).toMatchObject({ field: 'date', text: 'Kva dag gjeld det? Svar t.d. torsdag 3.12' });
    const place = parseIntake('Treng følgje til legen fredag kl 10', received);
    expect(place.questions[0]!.text).toBe('Kvar skal de? Svar t.d. Lørenskog legesenter');
    const next = parseIntake('Treng følgje neste fredag kl 10 til Ahus', new Date('2026-11-30T09:00:00Z'));
    expect(next.questions[0]!.text).toBe('Meiner du fredag 4.12 eller fredag 11.12? Svar t.d. tysdag 1.12');
  });

  it('nynorsk: the summary and the confirmations are nynorsk', () => {
    const fields = fieldsFromIntake(parseIntake('Kan nokon følgje bebuaren til legen måndag og tysdag kl 12? Lørenskog legesenter', received));
    expect(fields.language).toBe('nn');
    const facts = factsOf({ id: '7', fields });
    expect(requesterText('nn', 'summary', { facts })).toBe(
      'Motteke K7: 2 oppdrag: følgje mån 7. des. kl. 12:00 og tys 8. des. kl. 12:00, Lørenskog legesenter. Svar OK for å sende ut, eller skriv det som skal rettast.');
    const one = { ...facts, dates: ['2026-12-07'] };
    expect(requesterText('nn', 'assigned', { facts: one, firstName: 'Kari', doorstepWord: 'fjell' })).toBe(
      'K7: Kari kjem (følgje mån 7. des. kl. 12:00, Lørenskog legesenter). Dørord: fjell. Kari seier det ved døra. Svar AVBRYT K7 for å avlyse.');
    expect(requesterText('nn', 'replaced', { facts: one, firstName: 'Ola', doorstepWord: 'fjell' })).toMatch(/^K7: Den frivillige kunne ikkje likevel\. No kjem Ola i staden/);
    expect(requesterText('nn', 'unfilled_after_cancel', { facts: one })).toMatch(/Ein koordinator er varsla og tek kontakt\.$/);
    expect(requesterText('nn', 'forwarded')).toBe('Takk for meldinga. Ho er send vidare til ein koordinator, som tek kontakt.');
  });

  it('English: questions and summary in English', () => {
    const intake = parseIntake('Could someone take our resident to the doctor on Friday? She uses a walker', received);
    expect(intake.language).toBe('en');
    expect(firstStep(intake)).toEqual({ kind: 'ask', field: 'time', question: 'What time should the volunteer come? For example: 14:30' });
    const facts = factsOf({ id: '7', fields: fieldsFromIntake(parseIntake('Escort to the doctor Friday at 14:30, Ahus', received)) });
    expect(requesterText('en', 'summary', { facts })).toBe('Received K7: escort Fri 4 Dec at 14:30, Ahus. Reply OK to send it out, or write what should be corrected.');
    expect(requesterText('en', 'replaced', { facts, firstName: 'Ola', doorstepWord: 'fjell' })).toBe(
      'K7: The volunteer could not come after all. Ola is coming instead (escort Fri 4 Dec at 14:30, Ahus). The doorstep word is the same: fjell.');
  });

  it('bokmål stays the default, and every text in every language is GSM-7', () => {
    expect(parseIntake('Trenger følge til legen fredag', received).questions[0]!.text).toBe('Når skal den frivillige komme? Svar f.eks. kl 14:30');
    const facts = factsOf({ id: '7', fields: fieldsFromIntake(parseIntake('følge til lege man og tirs kl 12, Ahus', received)) });
    const render: Record<RequesterTemplateName, (lang: string) => string> = {
      summary: (l) => requesterText(l, 'summary', { facts }),
      not_understood: (l) => requesterText(l, 'not_understood', { ref: 'K7' }),
      sent: (l) => requesterText(l, 'sent', { facts }),
      assigned: (l) => requesterText(l, 'assigned', { facts, firstName: 'Kari', doorstepWord: 'bjørk' }),
      replaced: (l) => requesterText(l, 'replaced', { facts, firstName: 'Kari', doorstepWord: 'bjørk' }),
      unfilled: (l) => requesterText(l, 'unfilled', { facts }),
      unfilled_after_cancel: (l) => requesterText(l, 'unfilled_after_cancel', { facts }),
      cancelled: (l) => requesterText(l, 'cancelled', { ref: 'K7', hadVolunteer: true, day: '2026-12-08' }),
      cancel_day_unknown: (l) => requesterText(l, 'cancel_day_unknown', { facts }),
      cancel_unknown: (l) => requesterText(l, 'cancel_unknown', { ref: '7' }),
      abandoned: (l) => requesterText(l, 'abandoned'),
      expired: (l) => requesterText(l, 'expired', { ref: 'K7' }),
      forwarded: (l) => requesterText(l, 'forwarded'),
      coordinator_urgent: (l) => requesterText(l, 'coordinator_urgent', { requesterName: 'Solbakken', ref: 'K7' }),
    };
    for (const lang of ['nb', 'nn', 'en']) {
      const texts = Object.values(render).map((r) => r(lang));
      for (const t of texts) expect(countSegments(t).encoding).toBe('GSM-7');
      if (lang !== 'nb') expect(texts.slice(0, -1)).not.toContain(render.summary('nb'));
    }
    const questions = ['Treng følgje kl 10 til Ahus', 'Treng følgje fredag til Ahus', 'Treng følgje fredag kl 10', 'Need an escort at 10 to Ahus']
      .flatMap((t) => parseIntake(t, received).questions.map((q) => q.text));
    expect(questions.length).toBeGreaterThanOrEqual(4);
    for (const q of questions) expect(countSegments(q).encoding).toBe('GSM-7');
  });
});
