import type { TaskType } from '../language';
import { findWords, hasWord } from './normalize';

/**
 * What kind of help is asked for. Where someone is going decides more than the verb: «følge til
 * butikken» is shopping, «følge på tur» a walk, «følge til legen» an escort.
 */

const list = (words: string[]) => words.join('|');

const MEDICAL = list([
  'lege(?:n|r)?', 'legetime(?:n)?', 'legekontor\\p{L}*', 'legesenter\\p{L}*', 'fastlege(?:n)?', 'legevakt(?:a|en)?', 'tannlege\\p{L}*', 'tannpleier\\p{L}*', 'tannklinikk\\p{L}*',
  'sykehus\\p{L}*', 'sjukehus\\p{L}*', 'ahus', 'a-hus', 'rikshospitalet', 'ullevål', 'radiumhospitalet', 'poliklinikk\\p{L}*', 'klinikk\\p{L}*', 'fysio\\p{L}*',
  'kiropraktor\\p{L}*', 'optiker(?:en)?', 'øyelege(?:n)?', 'hørselssentral\\p{L}*', 'audiograf\\p{L}*', 'røntgen', 'blodprøve\\p{L}*', 'spesialist(?:en)?', 'hudlege(?:n)?',
  'doctor', "doctor's", 'dentist', 'hospital', 'appointment', 'clinic', 'gp', 'physio\\p{L}*', 'x-ray',
]);

const PRACTICAL = list([
  'nettbrett\\p{L}*', 'ipad\\p{L}*', 'tablet', 'smarttelefon\\p{L}*', 'bankid', 'facetime', 'teams', 'skype', 'videosamtale\\p{L}*', 'fjernkontroll\\p{L}*', 'pc(?:en)?', 'datamaskin(?:en)?',
  '(?:med|på|til|om|ny|nye) (?:den nye |hennes |hans |sin |si |ny |nye )?(?:mobil(?:en|telefonen)?|telefon(?:en)?|tv(?:-?en)?|radio(?:en)?|phone|mobile)',
  'lyspære\\p{L}*', 'lyspærer', 'pære(?:n|r)?', 'henge opp', 'bilde(?:r|ne)? opp', 'gardin\\p{L}*', 'montere', 'reparere', 'fikse', 'fix', 'light ?bulb\\p{L}*',
  'snømåking', 'måke\\p{L}*', 'hagearbeid', 'klippe plen\\p{L}*', 'rake løv', 'flytte (?:en |ei |et |noen |litt )?(?:møbl\\p{L}*|kommode\\p{L}*|skap\\p{L}*|stol\\p{L}*|seng\\p{L}*|bord\\p{L}*|esker?)', 'rydde\\p{L}*', 'sortere',
  '(?:with|on|set up|fix) (?:her |his |the |a |their )?(?:new )?(?:phone|mobile|smartphone|tablet|ipad|computer|laptop|tv|remote|email)', 'new (?:phone|mobile|tablet|tv)', 'pakke (?:ut|ned)', 'bære (?:ned|opp|inn|ut)', 'esker', 'loft(?:et)?', 'kjeller(?:en)?', 'bilde\\p{L}* (?:opp|på veggen)', 'på veggen', 'praktisk\\p{L}*', 'practical', 'sette opp', 'installere', 'set up', 'vaskemaskin\\p{L}*', 'høreapparat\\p{L}*', 'skifte batteri\\p{L}*', 'lade\\p{L}*', 'e-post', 'epost',
]);

const SHOPPING = list([
  'handle\\p{L}*', 'handling(?:a|en)?', 'handlehjelp', 'handletur\\p{L}*', 'innkjøp\\p{L}*', 'kjøpe\\p{L}*', 'kjøp', 'butikk\\p{L}*', 'matbutikk\\p{L}*', 'dagligvare\\p{L}*',
  'rema(?: 1000)?', 'kiwi', 'coop(?: \\p{L}+)?', 'meny', 'extra', 'bunnpris', 'joker', 'spar', 'europris', 'vinmonopol\\p{L}*', 'polet', 'apotek\\p{L}*', 'resept(?:en|er)?',
  'posten', 'postkontor\\p{L}*', 'ærend\\p{L}*', 'klær', 'julegave\\p{L}*', 'gaver', 'shopping', 'groceries', 'grocery', 'pharmacy', 'errand\\p{L}*', 'shop', 'shops', 'grocery store',
  'supermarket', 'storsenter\\p{L}*', 'kjøpesenter\\p{L}*', 'handlesenter\\p{L}*', 'handleliste\\p{L}*', 'handlepose\\p{L}*',
]);

/** Places and events someone is taken to that are not medical. */
const OUTING = list([
  'frisør(?:en)?', 'fotpleie(?:r|n)?', 'fotterapeut(?:en)?', 'nav(?:-kontoret)?', 'banken', 'kirke(?:n|a)?', 'kyrkja', 'kyrkje', 'gudstjeneste(?:n)?', 'konsert(?:en)?', 'kino(?:en)?',
  'teater\\p{L}*', 'forestilling(?:en)?', 'begravelse(?:n)?', 'gravferd\\p{L}*', 'seniorsenter\\p{L}*', 'eldresenter\\p{L}*', 'dagsenter\\p{L}*', 'minnestund\\p{L}*',
  'konfirmasjon\\p{L}*', 'bryllup\\p{L}*', 'dåp', 'barnebarn\\p{L}*', 'funeral', 'church', 'concert', 'hairdresser', 'skattekontor\\p{L}*', 'politi(?:et)?', 'passkontor\\p{L}*',
]);

const WALK = list([
  'tur(?:en)?', 'gåtur\\p{L}*', 'spasertur\\p{L}*', 'trilletur\\p{L}*', 'rullestoltur\\p{L}*', 'luftetur\\p{L}*', 'søndagstur\\p{L}*', 'ut (?:og|å) gå', 'gå en (?:tur|runde)',
  'ut en tur', 'ut ein tur', 'ut i frisk luft', 'frisk luft', 'trille\\p{L}*', 'spasere', 'walk\\p{L}*', 'stroll', 'turvenn\\p{L}*', 'gå ut', 'luft(?:e|ing)?',
]);

const ESCORT_VERB = list([
  'følge\\p{L}*', 'følgje\\p{L}*', 'fylgje\\p{L}*', 'følgjeteneste', 'ledsag\\p{L}*', 'kjøre (?:henne|han|ham|ho|\\p{L}+) til', 'eskorte\\p{L}*', 'escort\\p{L}*', 'accompany', 'accompanied', 'bli med (?:henne |han |ham |ho |\\p{L}+ )?til', 'take (?:her|him) to',
]);

const VISIT = list([
  'besøk\\p{L}*', 'besøksvenn\\p{L}*', 'besøksven\\p{L}*', 'vitjing', 'vitje', 'selskap', 'prate\\p{L}*', 'snakke med', 'sitte (?:med|hos|sammen)', 'kaffe(?:kopp)?', 'kopp kaffe', 'kafé', 'kafe', 'cafe',
  'lese (?:for|avis)\\p{L}*', 'høytlesing', 'spille (?:kort|spill|yatzy)\\p{L}*', 'visit\\p{L}*', 'company', 'chat', 'sosial\\p{L}*', 'ensom\\p{L}*', 'einsam\\p{L}*', 'hyggestund', 'prat',
]);

const ORDER: [TaskType, string][] = [
  ['escort', MEDICAL], ['practical', PRACTICAL], ['shopping', SHOPPING], ['escort', OUTING], ['walk', WALK], ['escort', ESCORT_VERB], ['visit', VISIT],
];

/** The task type the words point to, the first in ORDER that any word names; 'other' when none does. */
export function readTaskType(text: string): TaskType {
  for (const [type, source] of ORDER) {
    if (!hasWord(text, source)) continue;
    // «Tur etter gudstjenesten» is a walk, «følge til frisør og handling etterpå» an escort: among
    // shops, outings and walks the one named first is the task.
    if (type === 'shopping' || source === OUTING) return firstNamed(text);
    return type;
  }
  return 'other';
}

function firstNamed(text: string): TaskType {
  const named: [TaskType, number][] = [['shopping', firstAt(text, SHOPPING)], ['escort', firstAt(text, OUTING)], ['walk', firstAt(text, WALK)]];
  return named.reduce((a, b) => (b[1] < a[1] ? b : a))[0];
}

function firstAt(text: string, source: string): number {
  return findWords(text, source)[0]?.index ?? Number.MAX_SAFE_INTEGER;
}
