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
  // A shortened part ("Metro...") before the template's own full stop would read "Metro....".
  return (pack.foldToGsm ? foldToGsm(text) : text).replace(/\s+/g, ' ').replace(/\.{4,}/g, '...').trim();
}

/**
 * The offer text, shortened to two segments if needed. The coordinator's summary is cut first, at
 * a word boundary with "...", so what, when, where and the reply instruction always survive; if even
 * that is not enough (a long area in a UCS-2 language, 67 characters a part), the summary goes and
 * the area is cut the same way. A word is never cut in the middle.
 */
export function renderOffer(language: string, task: TaskFacts, timeoutMinutes: number): string {
  const render = (t: TaskFacts) => renderText(language, 'offer', { task: t, timeoutMinutes });
  const full = render(task);
  if (fitsOffer(full)) return full;
  const shortSummary = shortenWords(task.summary, (summary) => render({ ...task, summary }));
  if (shortSummary !== undefined) return shortSummary;
  const noSummary = render({ ...task, summary: '' });
  if (fitsOffer(noSummary)) return noSummary;
  const shortArea = shortenWords(task.area, (area) => render({ ...task, summary: '', area }));
  return shortArea ?? truncateToSegments(noSummary, OFFER_MAX_SEGMENTS);
}

function fitsOffer(text: string): boolean {
  return countSegments(text).segments <= OFFER_MAX_SEGMENTS;
}

/** The longest word-prefix of `text` (with "...") whose rendering fits an offer; undefined if not even one word does. */
function shortenWords(text: string, render: (shortened: string) => string): string | undefined {
  const words = text.split(/\s+/).filter((w) => w !== '');
  for (let keep = words.length - 1; keep > 0; keep--) {
    // "Handle på Rema," + "..." reads badly: drop a dangling separator before the ellipsis.
    const rendered = render(`${words.slice(0, keep).join(' ').replace(/[,;:.-]+$/u, '')}...`);
    if (fitsOffer(rendered)) return rendered;
  }
  return undefined;
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
