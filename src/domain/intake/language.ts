import { findWords } from './normalize';

/**
 * Which language the requester wrote in, so the questions back can be in it: Norwegian bokmål
 * (the default), nynorsk or English. Nynorsk and bokmål share most words; a few forms only
 * nynorsk uses decide it.
 */

export type IntakeLanguage = 'nb' | 'nn' | 'en';

const ENGLISH = 'the|to|a|an|is|are|we|our|she|he|her|him|his|need|needs|someone|somebody|please|could|can|would|with|for|at|on|tomorrow|today|next|and|of|appointment|doctor|hospital|resident|thanks|thank|you|help|volunteer|visit|walk|shopping|pick|up|from|will|be|has|have|there|this|morning|afternoon|evening|wants|like|take|go|monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|escort|wheelchair|user|residents|mr|mrs|ms|his|please|our|shop|hairdresser|dentist|church';
const NORWEGIAN = 'og|i|på|til|er|en|et|ei|hun|han|ho|trenger|treng|noen|nokon|kan|skal|med|som|har|ikke|ikkje|for|om|det|vi|me|oss|takk|hjelp|følge|fredag|mandag|tirsdag|onsdag|torsdag|lørdag|søndag|kl|klokka|morgen|morgon|dag|beboer|bebuar|pasient|legen|til|fra|frå|hos|hjå|henne|han|ham|sin|etter|før|eller|må|vil|gjerne|hei';
const NYNORSK = 'ikkje|eg|treng|korleis|kva|kven|morgon|morgonen|sundag|laurdag|måndag|tysdag|ho|frå|hjå|heim|heime|nokon|noko|nokre|berre|veke|veka|dei|bebuar|bebuarar|følgje|fylgje|kome|gong|gongen|sjukehus|sjukehuset|vere|vera|mykje|hugs|hjelpa|fekk|kjem|vitje|vitjing|einsam|ein|eit|saman|difor|òg|mogleg|kyrkja|seinast|tidleg|ynskjer|gjere|sjå|høyrer';

const count = (text: string, source: string) => findWords(text, source).length;

export function readLanguage(normalized: string): IntakeLanguage {
  const english = count(normalized, ENGLISH);
  const norwegian = count(normalized, NORWEGIAN);
  if (english >= 2 && english > norwegian) return 'en';
  const nynorsk = count(normalized, NYNORSK);
  return nynorsk >= 1 ? 'nn' : 'nb';
}
