import { findLanguage } from '../languages';
import { nb } from '../languages/nb';
import type { VoiceTexts } from './voice-texts';

/**
 * The texts and voice a call uses for a volunteer's language. A language file without a `voice`
 * block is called in Norwegian (the service's language) rather than in a voice that cannot say it.
 * `overrides` maps a language code to a configured voice (VOICE_NB).
 */
export function voiceFor(code: string, overrides: Readonly<Record<string, string>>): { texts: VoiceTexts; voice: string } {
  const language = findLanguage(code);
  const texts = language?.voice ?? nb.voice!;
  const textsCode = language?.voice ? language.code : 'nb';
  return { texts, voice: overrides[textsCode] ?? texts.voice };
}
