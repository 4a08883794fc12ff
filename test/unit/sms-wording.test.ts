import { DateTime } from 'luxon';
import { LANGUAGES } from '../../src/domain/languages/index';
import { OFFER_MAX_SEGMENTS, renderOffer, renderText, toTaskFacts, type TaskFacts, type TemplateName, type TextParams } from '../../src/domain/messages';
import { countSegments } from '../../src/domain/sms-segments';
import { dispatchedText, sentNowText, stoppedText } from '../../src/http/views/tasks/task-flash';
import { timelineLine } from '../../src/http/views/tasks/timeline-text';

/**
 * Every SMS template in every language, rendered with the longest values a coordinator can
 * realistically type, checked for what it takes for granted: who answered, how many, what was cut.
 */
const zone = 'Europe/Oslo';
const longest: TaskFacts = toTaskFacts({
  id: '123456',
  type: 'practical',
  startsAt: DateTime.fromISO('2026-09-30T13:30', { zone }).toJSDate(),
  durationMinutes: 150,
  area: 'Lørenskog sentrum ved Metro kjøpesenter, inngang fra Solheimveien, rett over gata for Lørenskog stasjon', // 100, the form's limit
  summary: ('Bære ved inn i boden, måke snø fra trappa og strø grus, henge opp gardiner i stua og skifte lyspærer i gangen. ' +
    'Hun trenger også hjelp til å sortere papirer og bære ut søppel og pant, og kanskje et lite handleærend på Rema.').slice(0, 300),
});
const ordinary: TaskFacts = toTaskFacts({
  id: '42', type: 'shopping', startsAt: DateTime.fromISO('2026-12-03T10:00', { zone }).toJSDate(), durationMinutes: 60,
  area: 'Fjellhamar', summary: 'Handle dagligvarer på Rema 1000 og hente medisiner på apoteket, og bære varene opp i tredje etasje hos en eldre dame.',
});
const details = 'Olga Hansen, Storgata 5, 2. etg. (ring på hos Hansen). Diabetes: ha med druesukker. Nøkkelen ligger i postkassen.';
const name = 'Kari Margrethe Nordmann-Johansen';

/** Thanks for an answer, in each language as its templates say it (Polish folded to GSM-7 as sent). */
const THANKS_FOR_ANSWERING: Record<string, RegExp> = {
  nb: /takk for (at du svarte|svar(et)?)\b/i,
  en: /thanks? (you )?for (answering|your (answer|reply))/i,
  uk: /дякуємо за відповідь/i,
  ar: /شكرا على ردك/,
  pl: /dzi[eę]kujemy za odpowied[zź]/i,
  so: /mahadsanid jawaabta/i,
};

/** Sent to someone who has not answered anything (yet): must not thank them for an answer. */
const TO_THE_SILENT: TemplateName[] = ['offer', 'offer_taken', 'offer_withdrawn', 'check_in_question', 'reminder_day_before', 'reminder_two_hours'];
/** Sent because they answered: the thanks belongs there. */
const TO_WHO_ANSWERED: TemplateName[] = ['taken', 'declined_thanks'];

const samples: { [K in TemplateName]?: TextParams[K][] } = {
  offer: [{ task: longest, timeoutMinutes: 120 }, { task: ordinary, timeoutMinutes: 30 }],
  offer_taken: [{ task: longest }], offer_withdrawn: [{ task: longest }], taken: [{ task: longest }], declined_thanks: [{}],
  check_in_question: [{ task: longest }], reminder_day_before: [{ task: longest, details }], reminder_two_hours: [{ task: longest, details }],
  coordinator_unfilled: [1, 2].map((offersSent) => ({ task: longest, offersSent })),
  coordinator_deadline_alert: [1, 2].map((offersSent) => ({ task: longest, offersSent })),
  max_per_week_confirmed: [1, 2, 14].map((count) => ({ count })),
  volunteer_cancelled_coordinator: [{ task: longest, volunteerName: name }],
  withdraw_which: [{ tasks: [longest, ordinary, ordinary, longest] }],
  my_tasks: [{ tasks: [longest, ordinary, ordinary, longest] }],
};

function render(code: string, template: TemplateName): string[] {
  const params = (samples[template] ?? []) as TextParams[TemplateName][];
  if (template === 'offer') return (params as TextParams['offer'][]).map((p) => renderOffer(code, p.task, p.timeoutMinutes));
  return params.map((p) => renderText(code, template, p as never));
}

const codes = LANGUAGES.map((l) => l.code);

describe.each(codes)('%s: the wording fits what happened', (code) => {
  it.each(TO_THE_SILENT)('%s does not thank for an answer nobody gave', (template) => {
    for (const text of render(code, template)) expect(text).not.toMatch(THANKS_FOR_ANSWERING[code]!);
  });

  it.each(TO_WHO_ANSWERED)('%s thanks for the answer that was given', (template) => {
    for (const text of render(code, template)) expect(text).toMatch(THANKS_FOR_ANSWERING[code]!);
  });

  it('no text has parentheses inside parentheses', () => {
    for (const template of Object.keys(samples) as TemplateName[]) {
      for (const text of render(code, template)) expect(text).not.toMatch(/\([^)]*\(/);
    }
  });

  it('an offer too long for two segments is cut between words, and keeps what, when and how to answer', () => {
    const tail = renderText(code, 'offer', { task: { ...ordinary, summary: '@@' }, timeoutMinutes: 120 }).split('@@')[1]!.trim();
    for (const task of [longest, ordinary, { ...ordinary, area: longest.area }]) {
      const text = renderOffer(code, task, 120);
      expect(countSegments(text).segments).toBeLessThanOrEqual(OFFER_MAX_SEGMENTS);
      expect(text.endsWith(tail)).toBe(true);
      expect(text).toContain(task.startsAt.toFormat('HH:mm'));
      expect(text).not.toContain('....');
      for (const [whole, cutAt] of [[task.summary, '...'], [task.area, '...']] as const) {
        if (text.includes(whole)) continue;
        // What survives of a cut text is whole words of it, then "...".
        const words = whole.split(' ');
        const kept = words.map((_, i) => words.slice(0, i + 1).join(' ').replace(/[,;:.-]+$/, '')).filter((prefix) => text.includes(`${prefix}${cutAt}`));
        const dropped = !text.includes(words[0]!);
        expect({ whole, kept: kept.length > 0 || dropped }).toEqual({ whole, kept: true });
      }
    }
  });
});

describe('numbers agree with their nouns', () => {
  it.each([
    [1, /\b1 (offers|tasks)\b/], [2, /\b2 (offer|task)\b/],
  ])('English with %i', (n, wrong) => {
    const texts = [
      renderText('en', 'coordinator_unfilled', { task: ordinary, offersSent: n }),
      renderText('en', 'coordinator_deadline_alert', { task: ordinary, offersSent: n }),
      renderText('en', 'max_per_week_confirmed', { count: n }),
    ];
    for (const text of texts) expect(text).not.toMatch(wrong);
  });

  it('«Stopp utsending» counts the volunteers told, and says when nobody was', () => {
    expect(stoppedText(1)).toContain('1 frivillig får beskjed');
    expect(stoppedText(2)).toContain('2 frivillige får beskjed');
    expect(stoppedText(0)).not.toMatch(/\d+ frivillige? (fikk|får) beskjed/);
    expect(stoppedText(0)).toContain('ingen SMS ble sendt');
    expect(sentNowText(1)).toContain('1 SMS på');
    expect(sentNowText(3)).toContain('3 SMS-er på');
  });

  it('«Send ut» says the offers go now only when they do', () => {
    const night = DateTime.fromISO('2026-12-03T07:20', { zone }).toJSDate();
    const morning = DateTime.fromISO('2026-12-03T08:00', { zone }).toJSDate();
    expect(dispatchedText(night, morning)).toContain('venter til kl. 08:00');
    expect(dispatchedText(night, morning)).not.toContain('går på SMS nå');
    expect(dispatchedText(morning, morning)).toContain('går på SMS nå');
    const evening = DateTime.fromISO('2026-12-03T22:10', { zone }).toJSDate();
    expect(dispatchedText(evening, DateTime.fromISO('2026-12-04T08:00', { zone }).toJSDate())).toContain('venter til fre. 4. des. kl. 08:00');
  });
});

describe('the task timeline', () => {
  const at = new Date();
  it.each(['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled'])('an SMS %s reads without doubled parentheses', (status) => {
    for (const template of ['offer', 'offer_taken', 'taken', 'offer_withdrawn', 'assigned']) {
      const line = timelineLine({ at, kind: 'sms_out', template, status, errorCode: '30005', recipient: name, planned: false });
      expect(line.text).not.toMatch(/\([^)]*\(/);
      expect(line.text).not.toMatch(/\)\)/);
    }
  });

  it('a held SMS says it waits for quiet hours to end', () => {
    expect(timelineLine({ at, kind: 'sms_out', template: 'offer', status: 'queued', errorCode: null, recipient: name, planned: true }).text)
      .toBe(`Tilbud på SMS til ${name} (venter på at stilletiden er over)`);
  });
});
