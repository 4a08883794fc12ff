import { describeConsideration, describeExclusion, describeRank } from '../../src/domain/match-reasons';
import type { Consideration, Exclusion } from '../../src/domain/matching';
import type { RankReason } from '../../src/domain/ranking';

const taskDate = '2026-12-18';

describe('describeExclusion', () => {
  it.each<[Exclusion, string, string]>([
    [{ code: 'opted_out' }, 'har reservert seg mot SMS (STOPP)', 'has opted out of SMS (STOP)'],
    [{ code: 'paused', until: '2026-12-20' }, 'pauset til 20. des.', 'paused until 20 Dec'],
    [{ code: 'paused', until: '2027-01-03' }, 'pauset til 3. jan. 2027', 'paused until 3 Jan 2027'],
    [{ code: 'wrong_task_type', taskType: 'escort' }, 'gjør ikke følge', "doesn't do escorts"],
    [{ code: 'wrong_task_type', taskType: 'shopping' }, 'gjør ikke handlehjelp', "doesn't do shopping"],
    [{ code: 'wrong_task_type', taskType: 'visit' }, 'gjør ikke besøk', "doesn't do visits"],
    [{ code: 'wrong_task_type', taskType: 'other' }, 'tar ikke andre oppdrag', "doesn't take other tasks"],
    [{ code: 'missing_requirement', requirement: 'police_certificate' }, 'mangler politiattest', 'no police certificate'],
    [{ code: 'missing_requirement', requirement: 'confidentiality' }, 'mangler taushetserklæring', 'no confidentiality declaration'],
    [{ code: 'missing_requirement', requirement: 'training' }, 'mangler opplæring', 'no training'],
    [{ code: 'expired_requirement', requirement: 'police_certificate', expiredOn: '2026-03-12' },
      'politiattest utløpt 12.03.2026', 'police certificate expired 12 Mar 2026'],
    [{ code: 'expired_requirement', requirement: 'training', expiredOn: '2026-12-18' }, 'opplæring utløpt 18.12.2026', 'training expired 18 Dec 2026'],
    [{ code: 'outside_area', area: 'Kolbotn' }, 'dekker ikke området Kolbotn', 'does not cover Kolbotn'],
    [{ code: 'not_available_weekday', weekday: 5 }, 'ikke tilgjengelig fredager', 'not available on Fridays'],
    [{ code: 'not_available_weekday', weekday: 1 }, 'ikke tilgjengelig mandager', 'not available on Mondays'],
    [{ code: 'not_available_weekday', weekday: 6 }, 'ikke tilgjengelig lørdager', 'not available on Saturdays'],
    [{ code: 'not_available_weekday', weekday: 7 }, 'ikke tilgjengelig søndager', 'not available on Sundays'],
    [{ code: 'outside_hours', weekday: 5, windows: [{ from: '12:00', to: '15:00' }] },
      'tilgjengelig fredager bare kl. 12:00–15:00', 'available on Fridays only 12:00–15:00'],
    [{ code: 'outside_hours', weekday: 2, windows: [{ from: '08:00', to: '10:00' }, { from: '12:00', to: '15:00' }] },
      'tilgjengelig tirsdager bare kl. 08:00–10:00 og 12:00–15:00', 'available on Tuesdays only 08:00–10:00 and 12:00–15:00'],
    [{ code: 'absent', until: '2027-01-03' }, 'borte til 3. jan. 2027', 'away until 3 Jan 2027'],
    [{ code: 'absent', until: '2026-12-24' }, 'borte til 24. des.', 'away until 24 Dec'],
    [{ code: 'weekly_limit_reached', limit: 2, week: 51 }, 'har nådd grensen på 2 oppdrag i uke 51', 'has reached the limit of 2 tasks in week 51'],
    [{ code: 'weekly_limit_reached', limit: 1, week: 51 }, 'har nådd grensen på 1 oppdrag i uke 51', 'has reached the limit of 1 task in week 51'],
    [{ code: 'overlapping_assignment', taskIds: ['12'] }, 'har et annet oppdrag samtidig (#12)', 'has another task at the same time (#12)'],
    [{ code: 'overlapping_assignment', taskIds: ['12', '14'] }, 'har andre oppdrag samtidig (#12, #14)', 'has other tasks at the same time (#12, #14)'],
    [{ code: 'open_offer' }, 'har et annet tilbud som venter på svar', 'has another offer waiting for an answer'],
    [{ code: 'already_offered' }, 'har allerede fått tilbud om dette oppdraget', 'has already been offered this task'],
  ])('%j', (exclusion, nb, en) => {
    expect(describeExclusion(exclusion, 'nb', taskDate)).toBe(nb);
    expect(describeExclusion(exclusion, 'en', taskDate)).toBe(en);
  });

  it('shows the year when there is no reference date', () => {
    expect(describeExclusion({ code: 'paused', until: '2026-12-20' }, 'nb')).toBe('pauset til 20. des. 2026');
    expect(describeExclusion({ code: 'absent', until: '2026-12-20' }, 'en')).toBe('away until 20 Dec 2026');
  });
});

describe('describeRank', () => {
  it.each<[RankReason, string, string]>([
    [{ code: 'helped_before' }, 'har hjulpet denne personen før', 'has helped this person before'],
    [{ code: 'recent_load', assignments: 1, offers: 2 }, '1 oppdrag og 2 tilbud siste 30 dager', '1 task and 2 offers in the last 30 days'],
    [{ code: 'recent_load', assignments: 0, offers: 1 }, '0 oppdrag og 1 tilbud siste 30 dager', '0 tasks and 1 offer in the last 30 days'],
    [{ code: 'answer_rate', rate: 0.8, answered: 8, total: 10 }, 'svarte på 8 av 10 avgjorte tilbud (80 %)', 'answered 8 of 10 settled offers (80%)'],
    [{ code: 'answer_rate', rate: 2 / 3, answered: 2, total: 3 }, 'svarte på 2 av 3 avgjorte tilbud (67 %)', 'answered 2 of 3 settled offers (67%)'],
    [{ code: 'new_volunteer', rate: 0.75, total: 1 }, '1 avgjort tilbud, for få til å måle svarene: regnes som 75 % svar', '1 settled offer, too few to measure: counted as 75% answered'],
    [{ code: 'new_volunteer', rate: 0.75, total: 0 }, '0 avgjorte tilbud, for få til å måle svarene: regnes som 75 % svar', '0 settled offers, too few to measure: counted as 75% answered'],
  ])('%j', (reason, nb, en) => {
    expect(describeRank(reason, 'nb')).toBe(nb);
    expect(describeRank(reason, 'en')).toBe(en);
  });
});

describe('describeConsideration', () => {
  it.each<[string, Consideration, string[]]>([
    ['an eligible volunteer shows what placed them', {
      volunteerId: '1', name: 'Kari', eligible: true, exclusions: [], rank: 1,
      rankReasons: [{ code: 'helped_before' }, { code: 'recent_load', assignments: 0, offers: 0 }],
    }, ['har hjulpet denne personen før', '0 oppdrag og 0 tilbud siste 30 dager']],
    ['an excluded volunteer shows every reason, in order', {
      volunteerId: '2', name: 'Ola', eligible: false, rankReasons: [],
      exclusions: [{ code: 'paused', until: '2026-12-31' }, { code: 'outside_area', area: 'Ski' }],
    }, ['pauset til 31. des.', 'dekker ikke området Ski']],
  ])('%s', (_name, consideration, expected) => {
    expect(describeConsideration(consideration, 'nb', taskDate)).toEqual(expected);
  });
});
