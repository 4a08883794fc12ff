import type { RequestFacts } from './request-facts';
import { requesterTemplates as enTemplates } from './languages/en';
import { requesterTemplates as nbTemplates } from './languages/nb';
import { nynorskRequesterTemplates as nnTemplates } from './requester-templates-nn';

/**
 * What a requester (a nursing home) is told: bokmål, nynorsk when the requester wrote nynorsk,
 * English when English (the intake reads it from their first text). Kept to GSM-7 (no «», no
 * dashes): these are staff's work phones.
 */
export type { RequestFacts } from './request-facts';

export interface RequesterTemplates {
  summary: (p: { facts: RequestFacts }) => string;
  not_understood: (p: { ref: string }) => string;
  /** OK: the request's tasks (one per day) are out. */
  sent: (p: { facts: RequestFacts }) => string;
  /** `facts` here are of the one task (its day) a volunteer took. */
  assigned: (p: { facts: RequestFacts; firstName: string; doorstepWord: string | null }) => string;
  /** The volunteer cancelled and another one took the task. */
  replaced: (p: { facts: RequestFacts; firstName: string; doorstepWord: string | null }) => string;
  unfilled: (p: { facts: RequestFacts }) => string;
  /** The volunteer cancelled and nobody else was found: a coordinator takes over. */
  unfilled_after_cancel: (p: { facts: RequestFacts }) => string;
  /** `day`: only that day of a request with several was cancelled. */
  cancelled: (p: { ref: string; hadVolunteer: boolean; day?: string | null }) => string;
  /** «AVBRYT K7 fredag» when K7 has no such day: which days it has, and how to cancel one. */
  cancel_day_unknown: (p: { facts: RequestFacts }) => string;
  cancel_unknown: (p: { ref: string | null }) => string;
  abandoned: () => string;
  expired: (p: { ref: string }) => string;
  forwarded: () => string;
  /** To the coordinator (always bokmål): a request for «NÅ» or within two hours. */
  coordinator_urgent: (p: { requesterName: string; ref: string }) => string;
}

export type RequesterTemplateName = keyof RequesterTemplates;
export type { RequesterLanguage } from './request-facts';
import type { RequesterLanguage } from './request-facts';


export function requesterText<K extends RequesterTemplateName>(language: string, name: K, ...params: Parameters<RequesterTemplates[K]>): string {
  const templates = language === 'en' ? enTemplates : language === 'nn' ? nnTemplates : nbTemplates;
  const render = templates[name] as (...p: Parameters<RequesterTemplates[K]>) => string;
  return render(...params);
}

export function requesterLanguageOf(language: string): RequesterLanguage {
  return language === 'en' || language === 'nn' ? language : 'nb';
}
