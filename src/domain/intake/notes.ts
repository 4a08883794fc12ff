import type { Span } from './normalize';

/**
 * What is left for the volunteer who says JA: needs, mobility aids, language, where to pick the
 * person up, names. Every sentence that does not carry the day or the time is kept as written;
 * greetings and sign-offs are dropped. Notes become task details, never part of an offer SMS.
 */

const NOISE = /^(?:hei|hallo|heisann|hi|hello|takk|tusen takk|mvh|hilsen|helsing|thanks|thank you|god morgen|god dag)\b[\s\p{L}.,!]*$/iu;

export function readNotes(clean: string, used: Span[]): string {
  const sentences: { text: string; start: number }[] = [];
  // A dot between digits («10.12», «14.30») is part of a date or a time, not the end of a sentence.
  for (const m of clean.matchAll(/(?:[^.!?\n]|(?<=\d)\.(?=\d))+[.!?]*/g)) sentences.push({ text: m[0], start: m.index });
  const kept = sentences.filter((s) => {
    const end = s.start + s.text.length;
    if (used.some((u) => u.start >= s.start && u.start < end)) return false;
    const text = s.text.trim();
    return text.length > 1 && !NOISE.test(text) && /\p{L}/u.test(text);
  });
  return kept.map((s) => s.text.trim()).join(' ');
}
