import { findWords, hasWord } from './normalize';

/**
 * Is this a new request, or something else that a coordinator should read in Innboks: thanks,
 * a greeting, a question about the service, a volunteer offering help, a complaint or no-show, a
 * change or cancellation? The others win even when the text names «følge», a place and a
 * weekday: a cancellation of «følge til legen fredag» is not an order for one.
 */

export type NotRequestKind = 'thanks' | 'greeting' | 'question' | 'volunteer_offer' | 'complaint' | 'change' | 'info' | 'empty';

export interface RequestKind {
  isRequest: boolean;
  kind: 'request' | NotRequestKind;
  /** A reference to an earlier request («K7», «#12»), given with a change or cancellation. */
  reference: string | null;
}

const REQUEST_VERBS = 'trenger|treng|trengs|behov for|ønsker|ønskjer|ynskjer|bestill\\p{L}*|kan (?:noen|nokon|dere|de|en frivillig|vi få|me få|han få|hun få|ho få)|har dere (?:noen|nokon)|noen som kan|nokon som kan|er det (?:noen|nokon) som (?:kan|har tid|vil)|er det mulig|vi søker|søker|need|needs|needed|looking for|can someone|could someone|can you|could you|is there anyone|would like|we would|request|hjelp til|hjelp med|hjelpe (?:henne|han|ham|ho|oss|en|ein|beboer\\p{L}*|bebuar\\p{L}*|til|med)';
const CHANGE = 'avlys\\p{L}*|avbestill\\p{L}*|kanseller\\p{L}*|avbryt\\p{L}*|trenger (?:ikke|ikkje)\\s?(?:\\p{L}+\\s)?(?:likevel|lenger|allikevel|lengre)|treng (?:ikkje|ikke)\\s?(?:\\p{L}+\\s)?(?:likevel|lenger|lengre)|trenger ikke (?:følge|hjelp|besøk|noen)|treng ikkje (?:følgje|hjelp|noko|nokon)|blir ikke noe av|ikke trengte|trengte ikke|ikkje trong|trong ikkje|(?:oppdraget|avtalen|besøket|følget|handlinga|handlingen|turen|timen)\\s+(?:\\p{L}+\\s+){0,3}(?:flyttes|endres|avlyses|utsettes|flytta|endra|avlyst)|blir ikkje noko av|utsett\\p{L}*|flytt(?:e|er|a)? (?:timen|oppdraget|avtalen|besøket|følget|tida|tiden|det|den)|endre (?:tid\\p{L}*|dato\\p{L}*|avtale\\p{L}*|oppdrag\\p{L}*|bestilling\\p{L}*|klokkeslett\\p{L}*)|endring (?:av|på|i) (?:tid|dato|oppdrag|bestilling|følge|besøk)\\p{L}*|ny tid (?:for|på) (?:følget|oppdraget|besøket|handlingen|turen)|cancel\\p{L}*|no longer|not needed|reschedul\\p{L}*|change the (?:time|date)|move the|doesn\'t need|does not need|don\'t need';
const COMPLAINT = 'kom ikke|kom ikkje|ingen kom|ingen møtte|ingen dukket|ingen dukka|møtte ikke|møtte ikkje|dukket ikke|dukka ikkje|kom aldri|ikke fornøyd|ikkje nøgd|ikkje fornøgd|vil klage|ønsker å klage|en klage|klage på (?:den frivillige|frivillig\\p{L}*|tjenesten|dere|dykk)|skuffet|skuffa|ventet forgjeves|venta forgjeves|ble ikke hentet|vart ikkje henta|ble stående|nobody came|no one came|no-one came|didn\'t show|did not show|didn\'t come|did not come|not happy|complain\\p{L}*|uhøflig|frekk|ventet i over|ventet lenge|venta lenge|har ikke hørt noe|har ikkje høyrt';
const VOLUNTEER = 'bli frivillig|være frivillig|vere frivillig|melde meg|meld meg|jeg kan hjelpe|eg kan hjelpe|jeg vil (?:gjerne )?hjelpe|eg vil (?:gjerne )?hjelpe|jeg har tid|eg har tid|kan jeg hjelpe|kan eg hjelpe|vil gjerne bidra|ønsker å hjelpe|i want to volunteer|i would like to volunteer|i\'d like to volunteer|i can help|i would like to help|i\'d like to help|can i help|become a volunteer|jeg er ledig|eg er ledig|jeg tar gjerne|eg tek gjerne|bli besøksvenn|være besøksvenn|bli med som frivillig';
const QUESTION = 'hvordan|korleis|hva koster|kva kostar|koster det|kostar det|er det gratis|gratis\\?|hvem er dere|kven er de|hvem er det|kven er det|hva er|kva er|hvilke|kva for|åpningstid\\p{L}*|åpent|how does|how do|what does|what is|is it free|who are you|do you|kan dere også|har dere|hvem kommer|kven kjem|kommer det noen|kjem det nokon|har dere funnet|har de funne|is someone coming|who is coming|er det bekreftet|stemmer det|er dette|riktig nummer|is this|kan man|har (?:noen|nokon|dere|de|du) sett|mistet|mista|gjenglemt|glemt igjen|funnet|lost';
const INFO = 'til info|til orientering|fyi|for your information|ny kontakt\\p{L}*|nytt (?:telefon)?nummer|ny leder|new number|ny adresse|har fått nytt nummer|kontaktperson er|ny kontaktperson';
const THANKS = 'takk|tusen takk|takk skal|mange takk|thanks|thank you|thx';
const THANKS_FOR = 'takk for|takk til|takk skal|thanks for|thank you for|thank you so much|takk igjen';
const GREETING = 'hei|hallo|heisann|hei hei|god morgen|god dag|god kveld|god jul|godt nytt år|godt nyttår|god helg|hi|hello|good morning|ha en fin dag|ha ein fin dag';

const REFERENCE = /(?<![\p{L}\d])(?:k\s?-?\s?(\d{1,5})|#\s?(\d{1,6})|ref(?:eranse|\.)?\s*:?\s*(\w+))(?![\p{L}\d])/iu;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w)).length;
}

/** `hasTask` is whether a task type, day or time was read: a bare «takk» or «hei» has none. */
export function readRequestKind(normalized: string, hasTask: boolean, hasWhen: boolean): RequestKind {
  const ref = REFERENCE.exec(normalized);
  const reference = ref ? `K${ref[1] ?? ref[2] ?? ref[3]}`.toUpperCase() : null;
  const asks = hasWord(normalized, REQUEST_VERBS);
  const no = (kind: NotRequestKind): RequestKind => ({ isRequest: false, kind, reference });
  if (wordCount(normalized) === 0) return no('empty');
  if (hasWord(normalized, CHANGE)) return no('change');
  if (hasWord(normalized, COMPLAINT)) return no('complaint');
  if (hasWord(normalized, INFO) && !asks) return no('info');
  if (hasWord(normalized, VOLUNTEER) && !hasWord(normalized, 'beboer\\p{L}*|bebuar\\p{L}*|pasient\\p{L}*|hun|han|ho|resident|patient|she|he')) return no('volunteer_offer');
  const thanks = findWords(normalized, THANKS).length > 0;
  if (thanks && !asks && (!hasTask || hasWord(normalized, THANKS_FOR))) return no('thanks');
  if (normalized.includes('?') && hasWord(normalized, QUESTION) && !asks) return no('question');
  // About what has been («turen i går») and naming nothing ahead: a report or a question, not an order.
  if (!asks && !hasWhen && hasWord(normalized, 'i går|igår|i forgårs|yesterday|forrige uke|førre veke|sist')) return no('question');
  // «Hvordan fungerer dette? Kan man bestille følge?»: asking about the service names no day or time.
  if (normalized.includes('?') && hasWord(normalized, QUESTION) && (!hasTask || !hasWhen)) return no('question');
  if (!hasTask && !asks) return no(hasWord(normalized, GREETING) ? 'greeting' : 'question');
  // «Kan dere ringe meg?» asks something, but not for help for someone.
  if (!hasTask && !hasWord(normalized, 'frivillig\\p{L}*|hjelp\\p{L}*|volunteer\\p{L}*|help|noen til å|nokon til å|someone to|oppdrag')) return no('question');
  if (!hasTask && wordCount(normalized) <= 4 && hasWord(normalized, GREETING)) return no('greeting');
  return { isRequest: true, kind: 'request', reference };
}
