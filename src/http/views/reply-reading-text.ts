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

// Evidence is recorded in the reader's own (English) terms; coordinators read it in Norwegian.
const KINDS: Record<string, string> = {
  yes: 'ja-ord', no: 'nei-ord', negator: 'nektelse', regret: 'beklagelse', reason: 'grunn', withdraw: 'avbud', condition: 'vilkår/tvil',
  'opt-out': 'avmelding', help: 'spør hvem vi er', 'question-word': 'spørreord', 'auto-reply': 'autosvar', doubt: 'ord med flere betydninger',
  keyword: 'kodeord', stop: 'STOPP', start: 'START', provider: 'Twilio-avmelding', 'clause-break': 'men',
};
const RULES: Record<string, string> = {
  'a bare no with only an accepted task open': 'bare «nei», og ingen åpne tilbud (bare avtalte oppdrag)',
  'a condition or doubt': 'ja med vilkår eller tvil', 'a day': 'nevner en dag', 'a no with nothing open': 'nei uten noe åpent',
  'a polite no after «but»': 'høflig nei etter «men»', 'a question without an answer': 'spørsmål uten svar',
  'a reason next to a question': 'grunn sammen med et spørsmål', 'a time of day': 'klokkeslett', 'a word that means different things': 'ord med flere betydninger',
  'automatic reply': 'autosvar', 'contradicts the yes': 'motsier ja-et', empty: 'tom melding', 'no answer found': 'fant ikke noe svar',
  'opt-out and yes': 'avmelding og ja', 'opt-out with a limit': 'avmelding med tidsgrense', question: 'spørsmål',
  'the answer is a question': 'svaret er et spørsmål', 'yes and no in one clause': 'ja og nei i samme setning',
};

/** The words that decided, e.g. ja-ord «ja» · vilkår/tvil «hvis». */
export function readingEvidence(r: ReplyReadingJson): string {
  return r.evidence.length === 0 ? 'ingen kjente ord' : r.evidence.map(evidenceText).join(' · ');
}

function evidenceText(item: string): string {
  const word = /^([a-z-]+):(«.*»|\S+)$/.exec(item);
  if (word) return `${KINDS[word[1]!] ?? word[1]} ${word[2]}`;
  if (RULES[item]) return RULES[item]!;
  return item
    .replace(/^names a day: .*/, 'nevner en annen dag enn tilbudets')
    .replace(/^a number: (.*)/, 'et tall: $1')
    .replace(/^«men» after the yes: (.*)/, '«men» etter ja: $1')
    .replace(/^(\d+) words beside the yes$/, '$1 ukjente ord ved siden av ja-et');
}
