import { DateTime, Info } from 'luxon';
import type { Consideration, Exclusion, Requirement, TimeWindow, Weekday } from './matching';
import type { RankReason } from './ranking';
import type { TaskType } from './messages';
import { OSLO_ZONE } from './oslo-time';

/**
 * Short sentences a coordinator reads next to each volunteer on the task page, so "why not Kari?"
 * is answered without asking a developer. Each language lists every code: a new exclusion or rank
 * reason without a text is a compile error.
 */

export type ReasonLanguage = 'nb' | 'en';

interface Format {
  /** '3. jan.' / '3 Jan', with the year when it differs from the reference date's. */
  day(iso: string): string;
  /** '12.03.2026' / '12 Mar 2026': expiry dates are looked up, so always with the year. */
  fullDate(iso: string): string;
  /** 'fredager' / 'Fridays'. */
  weekdays(weekday: Weekday): string;
  /** '08:00–10:00 og 12:00–15:00'. */
  windows(windows: readonly TimeWindow[]): string;
  percent(rate: number): string;
}

type ExclusionTexts = { [C in Exclusion['code']]: (e: Extract<Exclusion, { code: C }>, f: Format) => string };
type RankTexts = { [C in RankReason['code']]: (r: Extract<RankReason, { code: C }>, f: Format) => string };

const nbRequirement: Record<Requirement, string> = {
  confidentiality: 'taushetserklæring', police_certificate: 'politiattest', training: 'opplæring',
};
const enRequirement: Record<Requirement, string> = {
  confidentiality: 'confidentiality declaration', police_certificate: 'police certificate', training: 'training',
};
const nbTaskType: Record<TaskType, string> = {
  shopping: 'gjør ikke handlehjelp', escort: 'gjør ikke følge', visit: 'gjør ikke besøk', walk: 'går ikke tur', practical: 'gjør ikke praktisk hjelp', other: 'tar ikke andre oppdrag',
};
const enTaskType: Record<TaskType, string> = {
  shopping: "doesn't do shopping", escort: "doesn't do escorts", visit: "doesn't do visits", walk: "doesn't do walks", practical: "doesn't do practical help", other: "doesn't take other tasks",
};

const taskIds = (ids: readonly string[]) => ids.map((id) => `#${id}`).join(', ');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const exclusionTexts: Record<ReasonLanguage, ExclusionTexts> = {
  nb: {
    deactivated: () => 'er deaktivert',
    opted_out: () => 'har reservert seg mot SMS (STOPP)',
    paused: (e, f) => `pauset til ${f.day(e.until)}`,
    wrong_task_type: (e) => nbTaskType[e.taskType],
    missing_requirement: (e) => `mangler ${nbRequirement[e.requirement]}`,
    expired_requirement: (e, f) => `${nbRequirement[e.requirement]} utløpt ${f.fullDate(e.expiredOn)}`,
    outside_area: (e) => `dekker ikke området ${e.area}`,
    not_available_weekday: (e, f) => `ikke tilgjengelig ${f.weekdays(e.weekday)}`,
    outside_hours: (e, f) => `tilgjengelig ${f.weekdays(e.weekday)} bare kl. ${f.windows(e.windows)}`,
    absent: (e, f) => `borte til ${f.day(e.until)}`,
    weekly_limit_reached: (e) => `har nådd grensen på ${e.limit} oppdrag i uke ${e.week}`,
    overlapping_assignment: (e) =>
      `${e.taskIds.length === 1 ? 'har et annet oppdrag' : 'har andre oppdrag'} samtidig (${taskIds(e.taskIds)})`,
    open_offer: () => 'har et annet tilbud som venter på svar',
    already_offered: () => 'har allerede fått tilbud om dette oppdraget',
  },
  en: {
    deactivated: () => 'is deactivated',
    opted_out: () => 'has opted out of SMS (STOP)',
    paused: (e, f) => `paused until ${f.day(e.until)}`,
    wrong_task_type: (e) => enTaskType[e.taskType],
    missing_requirement: (e) => `no ${enRequirement[e.requirement]}`,
    expired_requirement: (e, f) => `${enRequirement[e.requirement]} expired ${f.fullDate(e.expiredOn)}`,
    outside_area: (e) => `does not cover ${e.area}`,
    not_available_weekday: (e, f) => `not available on ${f.weekdays(e.weekday)}`,
    outside_hours: (e, f) => `available on ${f.weekdays(e.weekday)} only ${f.windows(e.windows)}`,
    absent: (e, f) => `away until ${f.day(e.until)}`,
    weekly_limit_reached: (e) => `has reached the limit of ${plural(e.limit, 'task', 'tasks')} in week ${e.week}`,
    overlapping_assignment: (e) =>
      `${e.taskIds.length === 1 ? 'has another task' : 'has other tasks'} at the same time (${taskIds(e.taskIds)})`,
    open_offer: () => 'has another offer waiting for an answer',
    already_offered: () => 'has already been offered this task',
  },
};

// recent_load counts every offer of the last 30 days (waiting ones too); the answer rate counts only
// settled ones (answered or expired, 180 days), so the two numbers can differ and each says which it is.
const rankTexts: Record<ReasonLanguage, RankTexts> = {
  nb: {
    helped_before: () => 'har hjulpet denne personen før',
    recent_load: (r) => `${r.assignments} oppdrag og ${r.offers} tilbud siste 30 dager`,
    answer_rate: (r, f) => `svarte på ${r.answered} av ${r.total} avgjorte tilbud (${f.percent(r.rate)})`,
    new_volunteer: (r, f) => `${plural(r.total, 'avgjort tilbud', 'avgjorte tilbud')}, for få til å måle svarene: regnes som ${f.percent(r.rate)} svar`,
  },
  en: {
    helped_before: () => 'has helped this person before',
    recent_load: (r) => `${plural(r.assignments, 'task', 'tasks')} and ${plural(r.offers, 'offer', 'offers')} in the last 30 days`,
    answer_rate: (r, f) => `answered ${r.answered} of ${plural(r.total, 'settled offer', 'settled offers')} (${f.percent(r.rate)})`,
    new_volunteer: (r, f) => `${plural(r.total, 'settled offer', 'settled offers')}, too few to measure: counted as ${f.percent(r.rate)} answered`,
  },
};

/**
 * One exclusion as a sentence. `referenceDate` ('YYYY-MM-DD', usually the task's Oslo date) lets
 * short dates leave out the year when it is the same; without it they always show it.
 */
export function describeExclusion(e: Exclusion, language: ReasonLanguage, referenceDate?: string): string {
  const describe = exclusionTexts[language][e.code] as (e: Exclusion, f: Format) => string;
  return describe(e, createFormat(language, referenceDate));
}

export function describeRank(r: RankReason, language: ReasonLanguage): string {
  const describe = rankTexts[language][r.code] as (r: RankReason, f: Format) => string;
  return describe(r, createFormat(language));
}

/** What the task page shows for one volunteer: why they are out, or what placed them. */
export function describeConsideration(c: Consideration, language: ReasonLanguage, referenceDate?: string): string[] {
  return c.eligible
    ? c.rankReasons.map((r) => describeRank(r, language))
    : c.exclusions.map((e) => describeExclusion(e, language, referenceDate));
}

function createFormat(language: ReasonLanguage, referenceDate?: string): Format {
  const parse = (iso: string) => DateTime.fromISO(iso, { zone: OSLO_ZONE }).setLocale(language);
  const referenceYear = referenceDate === undefined ? undefined : parse(referenceDate).year;
  const dayFormat = language === 'nb' ? 'd. MMM' : 'd MMM';
  const list = new Intl.ListFormat(language, { type: 'conjunction' });
  return {
    day: (iso) => {
      const date = parse(iso);
      return date.toFormat(date.year === referenceYear ? dayFormat : `${dayFormat} yyyy`);
    },
    fullDate: (iso) => parse(iso).toFormat(language === 'nb' ? 'dd.MM.yyyy' : 'd MMM yyyy'),
    weekdays: (weekday) => `${Info.weekdays('long', { locale: language })[weekday - 1]}${language === 'nb' ? 'er' : 's'}`,
    windows: (windows) => list.format(windows.map((w) => `${w.from}–${w.to}`)),
    // Norwegian puts a space before the per cent sign.
    percent: (rate) => `${Math.round(rate * 100)}${language === 'nb' ? ' %' : '%'}`,
  };
}
