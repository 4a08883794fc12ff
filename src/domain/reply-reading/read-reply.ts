import { classifyReply } from '../replies';
import { normalizeSmsText } from '../sms-words';
import { parseVolunteerCommand } from '../volunteer-commands';
import { splitClauses, firstContentIndex, type Clause, type Hit } from './clauses';
import { findNamedDay, isOfferDay } from './day';
import { findEverywhere, type WordKind } from './lexicon';
import { normalizeReply } from './normalize';
import type { ReadingContext, ReplyReading } from './types';

const NEGATIVE: ReadonlySet<WordKind> = new Set(['no', 'negator', 'regret', 'reason', 'withdraw']);
/** A yes followed by this many words nobody listed is a letter, not an answer: a person reads it. */
const MAX_UNKNOWN_WORDS_WITH_YES = 6;

type Stance = 'yes' | 'no' | 'mixed' | 'none';

/**
 * Reads a whole short reply in its context. Pure and total. Safety first: a yes needs a positive
 * signal at the start of the answering clause and nothing anywhere that conditions, doubts or
 * contradicts it; everything else that is not clearly something else is 'unclear', for a person.
 * A no needs no such care (declining by mistake costs a phone call, accepting by mistake a visit
 * nobody makes), but what it means depends on the context: see negativeReading.
 */
export function readReply(body: string, context: ReadingContext): ReplyReading {
  const language = context.language;
  const { text, hasClockTime } = normalizeReply(body);
  if (text === '') return unclear(['empty']);
  const command = parseVolunteerCommand(body, language);
  if (command) return { intent: 'command', command, evidence: [`keyword:«${normalizeSmsText(body)}»`] };
  const keyword = classifyReply(body, language);
  if (keyword.intent === 'stop') return { intent: 'opt_out', evidence: [`stop:«${keyword.normalized}»`] };
  if (keyword.intent === 'start') return { intent: 'opt_in', evidence: [`start:«${keyword.normalized}»`] };

  const clauses = splitClauses(text, language);
  const hits = clauses.flatMap((c) => c.hits);
  const yesClause = clauses.find((c) => stanceOf(c) === 'yes');

  const words = clauses.flatMap((c) => c.words);
  const optOut = findEverywhere(words, 'opt_out', language).map((t) => `opt-out:«${t}»`);
  if (optOut.length > 0) {
    // «ikke send flere tilbud denne uka» or «… hvis det er helg» is a pause or a wish, not goodbye.
    const limits = [...describe(hits.filter((h) => h.kind === 'condition')), ...(findNamedDay(text, words) ? ['a day'] : [])];
    if (yesClause) return unclear([...optOut, ...describe(leadingYes(yesClause)), 'opt-out and yes']);
    return limits.length > 0 ? unclear([...optOut, ...limits, 'opt-out with a limit']) : { intent: 'opt_out', evidence: optOut };
  }
  // «Sorry, who is this?»: an apology is no answer to a question about who writes.
  const help = hits.filter((h) => h.kind === 'help');
  const onlyRegret = hits.every((h) => !NEGATIVE.has(h.kind) || h.kind === 'regret');
  if (help.length > 0 && !yesClause && onlyRegret) return { intent: 'help_question', evidence: describe(help) };
  const answering = clauses.find((c) => stanceOf(c) !== 'none');
  const auto = findEverywhere(words, 'auto_reply', language).map((t) => `auto-reply:«${t}»`);
  if (!answering) return readWithoutAnswer(clauses, hits, auto);
  if (auto.length > 0) {
    // An automatic answer is no yes; away with a live offer it is a no, otherwise a person reads it.
    const negative = stanceOf(answering) === 'no';
    return negative && context.kind === 'offer'
      ? { intent: 'decline', evidence: [...auto, ...describe(negativeHits(answering))] }
      : unclear([...auto, 'automatic reply']);
  }
  if (answering.question) return unclear([...describe(answering.hits), 'the answer is a question']);
  const stance = stanceOf(answering);
  if (stance === 'mixed') return unclear([...describe(answering.hits), 'yes and no in one clause']);
  if (stance === 'no') return negativeReading(clauses, answering, text, context);
  const named = findNamedDay(text, words);
  if (named && !isOfferDay(named, context.offerDay)) return unclear([...describe(leadingYes(answering)), `names a day: ${JSON.stringify(named)}`]);
  return yesReading(clauses, answering, hasClockTime);
}

function unclear(evidence: string[]): ReplyReading {
  return { intent: 'unclear', evidence };
}

function describe(hits: readonly Hit[]): string[] {
  return hits.filter((h) => h.kind !== 'courtesy').map((h) => `${h.doubt ? 'doubt' : h.kind.replace('_', '-')}:«${h.text}»`);
}

function readWithoutAnswer(clauses: readonly Clause[], hits: readonly Hit[], auto: readonly string[]): ReplyReading {
  const help = hits.filter((h) => h.kind === 'help');
  if (help.length > 0) return { intent: 'help_question', evidence: describe(help) };
  if (auto.length > 0) return unclear([...auto, 'automatic reply']);
  if (clauses.some((c) => c.question)) return unclear([...describe(hits), 'a question without an answer']);
  return unclear([...describe(hits), 'no answer found']);
}

/** Yes words count only where the clause starts (after greetings and thanks): «Ja, …», «Det kan jeg godt». */
function leadingYes(clause: Clause): Hit[] {
  const leading: Hit[] = [];
  let index = firstContentIndex(clause.hits);
  for (const hit of [...clause.hits].sort((a, b) => a.at - b.at)) {
    if (hit.at < index) continue;
    if (hit.at !== index || (hit.kind !== 'yes' && hit.kind !== 'courtesy')) break;
    if (hit.kind === 'yes') leading.push(hit);
    index = hit.at + hit.length;
  }
  return leading;
}

function negativeHits(clause: Clause): Hit[] {
  return clause.hits.filter((h) => NEGATIVE.has(h.kind));
}

/**
 * A clause's answer. A negated yes phrase is a no («det kan jeg dessverre ikke»); a bare yes word
 * next to a no in one clause («ja nei») is a contradiction.
 */
function stanceOf(clause: Clause): Stance {
  const yes = leadingYes(clause);
  const negative = negativeHits(clause);
  if (yes.length === 0) return negative.length > 0 ? 'no' : 'none';
  if (negative.length === 0) return 'yes';
  // «Jeg kan hvis ingen andre kan» offers on a condition: neither a yes nor a no.
  if (clause.hits.some((h) => h.kind === 'condition')) return 'mixed';
  return yes.every((h) => h.length === 1) ? 'mixed' : 'no';
}

function yesReading(clauses: readonly Clause[], answering: Clause, hasClockTime: boolean): ReplyReading {
  const yes = leadingYes(answering);
  const evidence = describe(yes);
  const doubts = clauses.flatMap((c) => c.hits.filter((h) => h.doubt));
  if (doubts.length > 0) return unclear([...evidence, ...describe(doubts), 'a word that means different things']);
  const index = clauses.indexOf(answering);
  const others = clauses.filter((c) => c !== answering);
  const contra = others.filter((c) => stanceOf(c) === 'no' || stanceOf(c) === 'mixed');
  if (contra.length > 0) {
    // «Gjerne, men ikke denne gangen», «I'd love to but I can't»: the polite no after a «but».
    const politeNo = contra.length === 1 && contra[0]!.afterBreak && clauses.indexOf(contra[0]!) === index + 1 && stanceOf(contra[0]!) === 'no'
      && negativeHits(contra[0]!).some((h) => h.kind === 'regret' || (h.kind === 'no' && h.length > 1)); // «kan ikke», not a bare «не»
    const conditioned = clauses.some((c) => c.hits.some((h) => h.kind === 'condition'));
    if (politeNo && !conditioned) return { intent: 'decline', evidence: [...evidence, ...describe(negativeHits(contra[0]!)), 'a polite no after «but»'] };
    return unclear([...evidence, ...describe(contra.flatMap(negativeHits)), 'contradicts the yes']);
  }
  const negatedInside = negativeHits(answering);
  if (negatedInside.length > 0) return unclear([...evidence, ...describe(negatedInside)]);
  const conditions = clauses.flatMap((c) => c.hits.filter((h) => h.kind === 'condition' || h.kind === 'help'));
  if (conditions.length > 0) return unclear([...evidence, ...describe(conditions), 'a condition or doubt']);
  if (hasClockTime) return unclear([...evidence, 'a time of day']);
  // «Ja til 12», «ja, 2 timer»: a number beside a yes limits it.
  const numbers = others.filter((c) => !c.question).concat(answering).flatMap((c) => c.words.filter((w) => /^\d+$/.test(w)));
  if (numbers.length > 0 && !(clauses.length === 1 && answering.words.length === 1)) return unclear([...evidence, `a number: ${numbers[0]}`]);
  const restricted = clauses.slice(index + 1).filter((c) => c.afterBreak);
  if (restricted.length > 0) return unclear([...evidence, `«men» after the yes: «${restricted[0]!.text}»`]);
  // Words before the answer are greetings and small talk; what follows the yes may restrict it.
  const statements = clauses.slice(index + 1).filter((c) => !c.question);
  const unknown = statements.reduce((n, c) => n + c.unknown, 0) + answering.unknown;
  if (unknown > MAX_UNKNOWN_WORDS_WITH_YES) return unclear([...evidence, `${unknown} words beside the yes`]);
  const questions = others.filter((c) => c.question);
  if (questions.length === 0) return { intent: 'accept', evidence };
  return { intent: 'accept_with_question', evidence: [...evidence, 'question'], question: questions.map((c) => c.text).join('? ') + '?' };
}

/** A no-word alone («nei», «nei takk», «no»): nothing else in the message. */
function isBareNo(clauses: readonly Clause[]): boolean {
  return clauses.every((c) => c.unknown === 0 && c.hits.every((h) => h.kind === 'no' || h.kind === 'courtesy'));
}

/**
 * What a no means depends on what is open: with a live offer it declines it; with accepted tasks
 * ahead and no offer it gives one back (which one: the day named, or the only one; the caller
 * checks); with nothing open a bare no is thanked for and anything longer goes to a person.
 * A bare «nei» with only an accepted task open may be a late answer to an old offer: a person reads it.
 */
function negativeReading(clauses: readonly Clause[], answering: Clause, text: string, context: ReadingContext): ReplyReading {
  const evidence = describe(negativeHits(answering));
  const bare = isBareNo(clauses);
  // «Han er på sykehuset. Kan jeg ta det?»: a reason without a no, next to a question, is not a clear no.
  const onlyReasons = negativeHits(answering).every((h) => h.kind === 'reason');
  if (onlyReasons && clauses.some((c) => c.question)) return unclear([...evidence, 'a reason next to a question']);
  // More no («…, dessverre») and thanks are no note for a coordinator; «men på fredag går det» is.
  const rest = clauses.slice(clauses.indexOf(answering) + 1)
    .filter((c) => stanceOf(c) !== 'no' && (c.unknown > 0 || c.hits.some((h) => h.kind !== 'courtesy')))
    .map((c) => c.text).join(', ');
  switch (context.kind) {
    case 'offer':
      return { intent: 'decline', evidence, ...(rest === '' ? {} : { note: rest }) };
    case 'accepted': {
      if (bare) return unclear([...evidence, 'a bare no with only an accepted task open']);
      const day = findNamedDay(text, clauses.flatMap((c) => c.words));
      return { intent: 'withdraw', evidence, ...(day ? { day } : {}) };
    }
    case 'none':
      return bare ? { intent: 'decline', evidence } : unclear([...evidence, 'a no with nothing open']);
  }
}
