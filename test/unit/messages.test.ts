import { DateTime } from 'luxon';
import { renderOffer, renderText, toTaskFacts, OFFER_MAX_SEGMENTS, type TaskFacts } from '../../src/domain/messages';
import { countSegments } from '../../src/domain/sms-segments';

const task: TaskFacts = toTaskFacts({
  id: '42',
  type: 'shopping',
  startsAt: DateTime.fromISO('2026-12-03T10:00', { zone: 'Europe/Oslo' }).toJSDate(),
  durationMinutes: 90,
  area: 'Lørenskog sentrum',
  summary: 'Handle dagligvarer på Rema 1000.',
});

describe('SMS texts', () => {
  it('renders a Norwegian offer with what, when, where and how to answer', () => {
    expect(renderOffer('nb', task, 30)).toBe(
      'Svarja: Kan du hjelpe? Handlehjelp tor. 3. des. kl. 10:00 (1 t 30 min), Lørenskog sentrum. Handle dagligvarer på Rema 1000. Svar JA eller NEI innen 30 min.',
    );
  });

  it('renders times in Oslo time across daylight saving', () => {
    const summer = toTaskFacts({ ...task, id: '1', startsAt: new Date('2026-07-01T08:00:00Z') });
    expect(renderOffer('nb', summer, 30)).toContain('ons. 1. juli kl. 10:00');
  });

  it('falls back to bokmål for an unknown language', () => {
    expect(renderText('xx', 'declined_thanks', {})).toBe(renderText('nb', 'declined_thanks', {}));
  });

  // Every language's budget, GSM-7 and UCS-2 alike, is checked in languages.test.ts.
  it.each(['nb', 'en'])('offers in %s fit two GSM-7 segments even with a long summary', (lang) => {
    const long = { ...task, summary: 'Handle dagligvarer og hente medisiner på apoteket, og bære varene opp i andre etasje. '.repeat(6) };
    const text = renderOffer(lang, long, 30);
    const count = countSegments(text);
    expect(count.encoding).toBe('GSM-7');
    expect(count.segments).toBeLessThanOrEqual(OFFER_MAX_SEGMENTS);
    expect(text).toMatch(/(JA eller NEI|YES or NO)/); // the answer instruction survives shortening
  });

  it('replaces typographic quotes so an offer stays GSM-7', () => {
    const text = renderOffer('nb', { ...task, summary: 'Følge til “Lørenskog legesenter” – ca. 1 time’s tur.' }, 30);
    expect(countSegments(text).encoding).toBe('GSM-7');
  });

  it('the details message carries the details, the offer never does', () => {
    const details = 'Olga Hansen, Storgata 5, 2. etg. Diabetes: ha med druesukker.';
    expect(renderText('nb', 'assigned', { task, details, coordinatorPhone: '+4798765432' })).toContain(details);
    expect(renderOffer('nb', task, 30)).not.toContain('Olga');
  });
});
