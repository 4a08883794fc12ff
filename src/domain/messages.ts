import { DateTime } from 'luxon';
import type { Language, TaskFacts, TaskType, TemplateName, TextParams } from './language';
import { LANGUAGES } from './languages/index';
import { nb } from './languages/nb';
import { OSLO_ZONE } from './oslo-time';
import { countSegments, foldToGsm, toGsmFriendly, truncateToSegments } from './sms-segments';

export type { TaskFacts, TaskType, TemplateName, TextParams } from './language';

export const OSLO = OSLO_ZONE;
export const DEFAULT_LANGUAGE = 'nb';
/** Offers must fit two SMS segments; other texts may be longer (details can be long). */
export const OFFER_MAX_SEGMENTS = 2;

const byCode = new Map(LANGUAGES.map((language) => [language.code, language]));

export function listLanguages(): { code: string; name: string; aliases: readonly string[] }[] {
  return LANGUAGES.map((l) => ({ code: l.code, name: l.name, aliases: l.aliases }));
}

/** How the admin pages name a language: its own name, with the Norwegian one beside it when different. */
export function languageLabel(code: string): string {
  const language = byCode.get(code);
  if (!language) return code;
  const norwegian = language.aliases[0];
  return norwegian && !language.name.toLowerCase().startsWith(norwegian) ? `${language.name} (${norwegian})` : language.name;
}

export function isSupportedLanguage(code: string): boolean {
  return byCode.has(code);
}

function languageFor(code: string): Language {
  return byCode.get(code) ?? nb; // DEFAULT_LANGUAGE
}

/** Renders a template in the volunteer's language (bokmål when unknown), GSM-7 friendly. */
export function renderText<K extends TemplateName>(language: string, template: K, params: TextParams[K]): string {
  const pack = languageFor(language);
  const render = pack.templates[template] as (p: TextParams[K]) => string;
  const text = toGsmFriendly(render(params));
  return (pack.foldToGsm ? foldToGsm(text) : text).replace(/\s+/g, ' ').trim();
}

/**
 * The offer text, shortened to two segments if the coordinator's summary is long. The summary is
 * cut first, so what, when and the reply instruction always survive.
 */
export function renderOffer(language: string, task: TaskFacts, timeoutMinutes: number): string {
  const render = (summary: string) => renderText(language, 'offer', { task: { ...task, summary }, timeoutMinutes });
  const full = render(task.summary);
  if (countSegments(full).segments <= OFFER_MAX_SEGMENTS) return full;
  const words = task.summary.split(/\s+/);
  for (let keep = words.length - 1; keep > 0; keep--) {
    const text = render(`${words.slice(0, keep).join(' ')}...`);
    if (countSegments(text).segments <= OFFER_MAX_SEGMENTS) return text;
  }
  return truncateToSegments(render(''), OFFER_MAX_SEGMENTS);
}

export function toTaskFacts(task: {
  id: string; type: TaskType; startsAt: Date; durationMinutes: number; area: string; summary: string;
}): TaskFacts {
  return {
    taskId: task.id,
    type: task.type,
    startsAt: DateTime.fromJSDate(task.startsAt, { zone: OSLO }),
    durationMinutes: task.durationMinutes,
    area: task.area,
    summary: task.summary,
  };
}
