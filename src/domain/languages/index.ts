import type { Language } from '../language';
import { ar } from './ar';
import { en } from './en';
import { nb } from './nb';
import { pl } from './pl';
import { so } from './so';
import { uk } from './uk';

/**
 * Every supported language, in the order the admin pages list them. Replies and keywords are
 * understood in all of them whatever the volunteer's setting; the order only decides which
 * language is reported when a phrase means the same in several.
 *
 * Adding a language is one file, <code>.ts, next to this one, plus its line here. "No code change
 * at all" would need this registry to list the folder at run time, which src/domain may not do
 * (no I/O) and TypeScript cannot do at compile time (no glob imports). So the line stays, and
 * test/unit/languages.test.ts fails when a file in this folder is not registered here.
 */
export const LANGUAGES: readonly Language[] = [nb, en, uk, ar, pl, so];

export function findLanguage(code: string): Language | undefined {
  return LANGUAGES.find((language) => language.code === code);
}
