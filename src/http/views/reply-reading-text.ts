import type { ReplyReadingJson } from '../../db/schema';

/** How a reply was read (issue 12), in the coordinators' Norwegian, for Innboks and the task timeline. */

const INTENTS: Record<string, string> = {
  accept: 'ja', accept_with_question: 'ja, med et spørsmål', decline: 'nei', withdraw: 'gir fra seg oppdraget',
  opt_out: 'meld meg av (som STOPP)', opt_in: 'meld meg på (som START)', help_question: 'spør hvem vi er / hva man svarer',
  command: 'kodeord', unclear: 'uklart',
};
const CONTEXTS: Record<string, string> = { offer: 'hadde et åpent tilbud', accepted: 'hadde tatt oppdrag, ingen åpne tilbud', none: 'hadde ingenting åpent' };

export function readingSummary(r: ReplyReadingJson): string {
  const intent = INTENTS[r.intent] ?? r.intent;
  const question = r.question ? `; spørsmål: «${r.question}»` : '';
  const note = r.note ? `; resten: «${r.note}»` : '';
  return `Tolket som ${intent} (${CONTEXTS[r.context] ?? r.context})${question}${note}`;
}

/** The words that decided, e.g. «ja» (ja-ord), «hvis» (vilkår). */
export function readingEvidence(r: ReplyReadingJson): string {
  return r.evidence.length === 0 ? 'ingen kjente ord' : r.evidence.join(' · ');
}
