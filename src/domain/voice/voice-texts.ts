import type { TaskFacts } from '../language';

/**
 * What a call says, in one language: the <Say> voice and these texts. Spoken texts are short
 * sentences (the listener cannot scroll back) and never carry the details before a yes.
 */
export interface VoiceTexts {
  /** <Say language>, e.g. 'nb-NO'. */
  readonly sayLanguage: string;
  /** <Say voice>; for nb configurable with VOICE_NB. */
  readonly voice: string;
  /** The offer: who calls, what, when, roughly where. No name, address or health details. */
  offer(p: { firstName: string; centreName: string; task: TaskFacts }): string;
  /** The keys, said after the offer and on its repeats. */
  keys(): string;
  /** After 1, when the task is theirs: when, where and the details, and that they come by SMS too. */
  accepted(p: { task: TaskFacts; details: string; bySms: boolean }): string;
  declined(): string;
  /** After 1 when someone else was first, or the offer no longer stands. */
  taken(): string;
  /** A key that means nothing here. */
  unknownKey(): string;
  /** An answering machine: who called and how to answer, no details (anyone may play it back). */
  machineMessage(p: { centreName: string; centrePhone: string; bySms: boolean }): string;
  /** Nobody pressed anything, twice: the offer still waits for an answer by SMS or a call back. */
  noAnswerGoodbye(p: { centrePhone: string }): string;
  /** A volunteer rings in with a task ahead: when and where, and 9 to cancel it. */
  taskAhead(p: { firstName: string; centreName: string; task: TaskFacts }): string;
  /** After 9: press 1 to confirm the cancellation. */
  confirmCancel(): string;
  /** The task is given back. */
  cancelled(): string;
  /** Anything but 1 after 9, or nothing pressed: the task stays theirs. */
  keptTask(): string;
}

/** The first name, as a caller would be greeted ('Kari Nordmann' → 'Kari'). */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
