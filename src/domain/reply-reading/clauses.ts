import { findLongestAt, meaningOf, type WordKind } from './lexicon';
import { spellingsOf, wordsOf } from './normalize';
import { isKnownWord } from './lexicon';

/** One matched phrase in a clause. */
export interface Hit {
  kind: WordKind;
  text: string;
  /** Index of the first word in the clause. */
  at: number;
  length: number;
  /** A word with two meanings across languages that the volunteer's language does not settle. */
  doubt?: boolean;
}

export interface Clause {
  /** As normalised, for notes and questions. */
  text: string;
  words: string[];
  hits: Hit[];
  /** Words no list knows. */
  unknown: number;
  /** Ends with "?" or opens with a question word. */
  question: boolean;
  /** Opened by «men»/«but»: what follows a yes is a restriction. */
  afterBreak: boolean;
}

// Sentence punctuation and line breaks end a clause; "?" stays with its clause.
const SPLIT = /(?<=[?])|[.!;:…\n,]+/;

/** Clauses of a normalised reply, split on punctuation and on «men»/«but». */
export function splitClauses(text: string, language: string | undefined): Clause[] {
  const clauses: Clause[] = [];
  for (const piece of text.split(SPLIT)) {
    const question = /\?\s*$/.test(piece);
    const words = wordsOf(piece).map((w) => respell(w));
    if (words.length === 0) {
      if (question && clauses.length > 0) clauses[clauses.length - 1]!.question = true; // «ja ?»
      continue;
    }
    clauses.push(...breakOnConnectors(words, question, language));
  }
  return clauses;
}

function respell(word: string): string {
  if (isKnownWord(word)) return word;
  return spellingsOf(word).find(isKnownWord) ?? word;
}

function breakOnConnectors(words: string[], question: boolean, language: string | undefined): Clause[] {
  const hits = scan(words, language);
  const breaks = hits.filter((h) => h.kind === 'clause_break' && h.at > 0).map((h) => h.at);
  const starts = [0, ...breaks];
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? words.length;
    const own = hits.filter((h) => h.at >= start && h.at < end).map((h) => ({ ...h, at: h.at - start }));
    const part = words.slice(start, end);
    const last = i === starts.length - 1;
    return toClause(part, own, last && question, i > 0 || hits.some((h) => h.kind === 'clause_break' && h.at === 0));
  });
}

function toClause(words: string[], hits: Hit[], endsWithQuestion: boolean, afterBreak: boolean): Clause {
  const covered = hits.reduce((n, h) => n + h.length, 0);
  const opener = hits.find((h) => h.kind !== 'courtesy' && h.kind !== 'clause_break');
  const opensWithQuestionWord = opener?.kind === 'question_word' && opener.at === firstContentIndex(hits);
  return {
    text: words.join(' '),
    words,
    hits,
    unknown: words.length - covered,
    question: endsWithQuestion || opensWithQuestionWord || hits.some((h) => h.kind === 'help'),
    afterBreak,
  };
}

/** Index of the first word that is not courtesy or a connector. */
function firstContentIndex(hits: readonly Hit[]): number {
  let index = 0;
  for (const h of [...hits].sort((a, b) => a.at - b.at)) {
    if (h.at !== index) break;
    if (h.kind !== 'courtesy' && h.kind !== 'clause_break') break;
    index = h.at + h.length;
  }
  return index;
}

/** Greedy longest-phrase scan, left to right. */
function scan(words: readonly string[], language: string | undefined): Hit[] {
  const hits: Hit[] = [];
  let index = 0;
  while (index < words.length) {
    const found = findLongestAt(words, index);
    if (!found) {
      index += 1;
      continue;
    }
    const meaning = meaningOf(found.entry, language);
    const text = words.slice(index, index + found.length).join(' ');
    if (meaning.kind === 'conflict') hits.push({ kind: 'yes', text, at: index, length: found.length, doubt: true });
    else if (meaning.kind !== 'false_friend') hits.push({ kind: meaning.kind, text, at: index, length: found.length });
    else hits.push({ kind: 'courtesy', text, at: index, length: found.length }); // known, and means nothing here
    index += found.length;
  }
  return hits;
}

export { firstContentIndex };
