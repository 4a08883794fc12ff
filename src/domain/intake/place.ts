import type { TaskType } from '../language';

/**
 * Where the volunteer goes: a named clinic or hospital («Rælingen legesenter», «Ahus»), a shop
 * («Kiwi Fjellhamar»), a street address, or a capitalised name after «til»/«på». «Til legen»
 * names no place; an escort without a place is asked back, other tasks happen where the person
 * lives (the requester's own place).
 */

export interface PlaceReading {
  place: string | null;
  /** Only an escort needs a destination to be dispatched. */
  ask: 'no_place' | null;
}

const STOP = new Set(['til', 'på', 'hos', 'ved', 'i', 'the', 'to', 'at', 'med', 'og', 'for', 'fra', 'en', 'ei', 'et', 'sin', 'si', 'hennes', 'hans', 'vår', 'nye', 'ny', 'gamle', 'kl', 'må', 'skal', 'har', 'er', 'time', 'legetime', 'trenger', 'følge', 'følgje', 'om', 'neste', 'denne', 'vårt', 'dere', 'noen']);

const KNOWN = /(?<![\p{L}])(akershus universitetssykehus|ahus|a-hus|rikshospitalet|ullevål(?: sykehus)?|radiumhospitalet|lovisenberg(?: sykehus)?|diakonhjemmet(?: sykehus)?|aker sykehus|triaden(?: lørenskog storsenter)?|lørenskog storsenter|strømmen storsenter|metro senter|lillestrøm torv|kongsvinger sykehus|nordbyhagen|lørenskog hus|kulturhuset|sentrumsgården)(?![\p{L}])/iu;

const INSTITUTION = 'legesenter(?:et)?|legekontor(?:et)?|legesentral(?:en)?|helsesenter(?:et)?|helsehus(?:et)?|helsestasjon(?:en)?|sykehus(?:et)?|sjukehus(?:et)?|tannlegesenter(?:et)?|tannklinikk(?:en)?|tannlegekontor(?:et)?|tannlegene|klinikk(?:en)?|kirke|kyrkje|storsenter|senter|apotek|bibliotek(?:et)?|kulturhus(?:et)?|fysioterapi|fysikalske institutt|legevakt|kino|eldresenter|seniorsenter|dagsenter|frisørsalong|frisør|hudklinikk|øyeklinikk|røntgeninstitutt|røntgen|optikk|bedehus|kapell|menighetshus|hospital|medical centre|medical center|health centre|clinic|church';
const INSTITUTION_RE = new RegExp(`(?<![\\p{L}])((?:[\\p{L}-]+\\s+){1,2})(${INSTITUTION})(?![\\p{L}])`, 'giu');

const CHAIN = /(?<![\p{L}])(rema(?: 1000)?|kiwi|coop(?: (?:extra|mega|prix|obs))?|meny|extra|bunnpris|joker|spar|europris|vinmonopolet|apotek 1|vitusapotek|boots apotek|clas ohlson|normal|jernia|nille)(?:(?:\s+(?:på|i|ved))?\s+([A-ZÆØÅ][\p{L}-]+))?(?![\p{L}])/iu;

const STREET = /(?<![\p{L}])((?:[A-ZÆØÅ][\p{L}.-]+\s)?[\p{L}.-]*(?:gata|gaten|gate|veien|vegen|vei|veg|stien|bakken|svingen|tunet|lia|åsen|plassen|allé|alle|ringen|torget|road|street))\s+(\d{1,3}\s?[a-zA-Z]?)(?![\p{L}\d])/u;

const PICKUP_BEFORE = /(?:hent\p{L}*|bor|fra|adresse|adressa|pick(?:ed)? up)\s*(?:i|på|fra|hos|:)?\s*$/u;

const NOT_NAMES = /^(?:Mandag|Tirsdag|Onsdag|Torsdag|Fredag|Lørdag|Søndag|Hun|Han|Ho|Vi|Jeg|Eg|Det|Den|Takk|Hei|Beboer|Pasient|Kl|NÅ)$/u;

/** Place names around Lørenskog that people write in lower case («lørenskog legesenter»). */
const LOCAL = new Set(['lørenskog', 'lorenskog', 'rælingen', 'raelingen', 'strømmen', 'strommen', 'fjellhamar', 'lillestrøm', 'lillestrom', 'skårer', 'skarer', 'rasta', 'kjenn', 'oslo', 'nittedal', 'skedsmo', 'fetsund', 'fet', 'sørumsand', 'kløfta', 'jessheim', 'løvenstad', 'hammer', 'fjerdingby', 'solheim', 'visperud', 'finstad', 'ellingsrud', 'furuset', 'grorud']);

/** The name before «legesenter»: the capitalised or local words right before it («Rælingen», «Lørenskog fysikalske»). */
function nameBefore(words: string): string {
  const parts = words.trim().split(/\s+/);
  const name: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const w = parts[i]!;
    if (STOP.has(w.toLowerCase()) || !(/^[A-ZÆØÅ]/.test(w) || LOCAL.has(w.toLowerCase()))) break;
    name.unshift(w);
  }
  return name.join(' ');
}

function institution(text: string): string | null {
  for (const m of text.matchAll(INSTITUTION_RE)) {
    const name = nameBefore(m[1]!);
    if (name.length === 0) continue;
    return `${name} ${m[2]}`;
  }
  return null;
}

function street(text: string): string | null {
  const m = STREET.exec(text);
  if (!m || PICKUP_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))) return null;
  return `${m[1]} ${m[2]}`.trim();
}

const DESTINATION_BEFORE = /(?:lege\p{L}*|tannlege\p{L}*|frisør\p{L}*|fysio\p{L}*|optiker\p{L}*|klinikk\p{L}*|kirke\p{L}*|butikk\p{L}*|senter\p{L}*|kontor\p{L}*|sykehus\p{L}*|sjukehus\p{L}*|fotpleie\p{L}*|kiropraktor\p{L}*|doctor|dentist|hairdresser|clinic)\b[^.,;!?]{0,12}$/iu;

/**
 * «til Lillestrøm», «tannlegen på Strømmen»: a capitalised name after «til», or after «på»/«i»/«hos»
 * right behind what is visited (so «beboer på Solbakken», the nursing home itself, is no destination).
 */
function namedAfterPreposition(text: string): string | null {
  for (const m of text.matchAll(/(?<![\p{L}])(til|to|på|i|hos|ved|at)\s+((?:[A-ZÆØÅ][\p{L}-]+)(?:\s+[A-ZÆØÅ][\p{L}-]+)?)(?!\s+(?:sykehjem|sjukeheim|omsorg|bo-))/gu)) {
    const name = m[2]!;
    if (NOT_NAMES.test(name.split(' ')[0]!)) continue;
    if (!/^(?:til|to)$/.test(m[1]!) && !DESTINATION_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    return name;
  }
  return null;
}

/** `clean` is the message with its case kept (emoji removed, spacing collapsed). */
export function readPlace(clean: string, type: TaskType): PlaceReading {
  const known = KNOWN.exec(clean)?.[1] ?? null;
  const chain = CHAIN.exec(clean);
  const place = known
    ?? institution(clean)
    ?? (chain ? (chain[2] ? `${chain[1]} ${chain[2]}` : chain[1]!) : null)
    ?? street(clean)
    ?? (type === 'escort' ? namedAfterPreposition(clean) : null);
  if (place) return { place: place.trim(), ask: null };
  return { place: null, ask: type === 'escort' ? 'no_place' : null };
}
