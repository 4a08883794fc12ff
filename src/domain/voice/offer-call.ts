import type { TaskFacts } from '../language';
import { GATHER_TIMEOUT_SECONDS, type VoiceScript, type VoiceVerb } from './voice-script';
import type { VoiceTexts } from './voice-texts';

/**
 * The offer call's menu: the offer (never the details), then 1 = yes, 2 = no, 0 = again. Silence
 * plays it once more; after MAX_SILENCES silent turns the call says goodbye and the offer keeps
 * waiting for an answer until it expires, as an unanswered SMS offer does.
 */
export const MAX_SILENCES = 2;

/** Where a menu turn is: the turn number (one per Gather action) and how many were silent. */
export interface MenuTurn { step: number; silences: number }

export type OfferKeyDecision =
  | { kind: 'accept' }
  | { kind: 'decline' }
  | { kind: 'ask_again'; next: MenuTurn; unknownKey: boolean }
  | { kind: 'give_up' };

/** What a key (or silence: undefined / '') at this turn means. */
export function decideOfferKey(digits: string | undefined, turn: MenuTurn): OfferKeyDecision {
  const key = (digits ?? '').trim();
  if (key === '1') return { kind: 'accept' };
  if (key === '2') return { kind: 'decline' };
  if (key === '') {
    const silences = turn.silences + 1;
    return silences >= MAX_SILENCES ? { kind: 'give_up' } : { kind: 'ask_again', next: { step: turn.step + 1, silences }, unknownKey: false };
  }
  // 0 asks to hear it again; any other key is explained and the menu repeats (not counted as silence).
  return { kind: 'ask_again', next: { step: turn.step + 1, silences: turn.silences }, unknownKey: key !== '0' };
}

export interface OfferCallScriptInput {
  texts: VoiceTexts;
  voice: string;
  firstName: string;
  centreName: string;
  task: TaskFacts;
}

/** The offer and its keys in one Gather, so a key can be pressed while it is still being read. */
export function offerMenuScript(i: OfferCallScriptInput, action: string, opts: { unknownKey?: boolean } = {}): VoiceScript {
  const say = [
    ...(opts.unknownKey ? [i.texts.unknownKey()] : []),
    i.texts.offer({ firstName: i.firstName, centreName: i.centreName, task: i.task }),
    i.texts.keys(),
  ];
  return script(i, [{ verb: 'gather', say, action, timeoutSeconds: GATHER_TIMEOUT_SECONDS }]);
}

/** A last sentence, then the call ends. */
export function goodbyeScript(i: Pick<OfferCallScriptInput, 'texts' | 'voice'>, text: string): VoiceScript {
  return script(i, [{ verb: 'say', text }, { verb: 'hangup' }]);
}

function script(i: Pick<OfferCallScriptInput, 'texts' | 'voice'>, verbs: VoiceVerb[]): VoiceScript {
  return { language: i.texts.sayLanguage, voice: i.voice, verbs };
}
