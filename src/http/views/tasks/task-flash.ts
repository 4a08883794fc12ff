import { countOf, formatClockFrom } from '../format';

/**
 * What the task page's buttons answer, said as it really happens: offers held for quiet hours
 * are said to wait, and a count of volunteers told counts only SMS that will actually go.
 */
export function dispatchedText(now: Date, sendableAt: Date): string {
  if (sendableAt.getTime() <= now.getTime()) return 'Oppdraget er sendt ut. Tilbudene går på SMS nå.';
  return `Oppdraget er sendt ut, men det er stilletid: tilbudene venter til ${formatClockFrom(sendableAt, now)}. ` +
    'Trykk «Send nå likevel» på oppdraget hvis det ikke kan vente.';
}

export function stoppedText(told: number): string {
  if (told === 0) return 'Utsendingen er stoppet. Ingen tilbud hadde gått ut ennå, så ingen SMS ble sendt.';
  return `Utsendingen er stoppet. ${countOf(told, 'frivillig', 'frivillige')} får beskjed på SMS om at tilbudet er trukket tilbake.`;
}

export function sentNowText(sms: number, calls = 0): string {
  if (sms === 0 && calls === 0) return 'Ingen SMS på dette oppdraget venter på stilletiden.';
  if (calls === 0) return `${countOf(sms, 'SMS', 'SMS-er')} på dette oppdraget sendes nå, selv om det er stilletid.`;
  const parts = [sms > 0 ? countOf(sms, 'SMS', 'SMS-er') : '', countOf(calls, 'anrop', 'anrop')].filter(Boolean).join(' og ');
  return `${parts} på dette oppdraget går nå, selv om det er stilletid.`;
}
