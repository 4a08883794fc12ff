import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';

/** Why the page refused, in the coordinator's words. */
export const FORBIDDEN_REASONS = {
  admin: 'Administrasjon er bare for administratorer. Her lages enheter og koordinatorkontoer.',
  simulator: 'Simulatoren er bare for administratorer: den viser alle SMS-er, også detaljene i oppdragene.',
  task: 'Oppdraget tilhører en annen enhet. Bare koordinatorene i den enheten og administratorer kan endre det.',
  unit: 'Du kan bare se og gjøre dette for din egen enhet.',
  followUp: 'Oppfølgingen gjelder et oppdrag i en annen enhet.',
  inbox: 'Meldingen gjelder et oppdrag i en annen enhet.',
  volunteerErase: 'Bare administratorer kan slette en frivilliges personopplysninger. Du kan deaktivere den frivillige, eller be en administrator slette.',
} as const;

export type ForbiddenReason = keyof typeof FORBIDDEN_REASONS;

/** What a coordinator sees (with status 403) when the access model says no. */
export function forbiddenPage(frame: PageFrame, reason: ForbiddenReason = 'admin'): SafeHtml {
  return page(frame, {
    title: 'Ingen tilgang',
    section: reason === 'admin' || reason === 'simulator' ? 'admin' : 'today',
    body: html`<h1>Ingen tilgang</h1>
<p>${FORBIDDEN_REASONS[reason]}</p>
<p>Trenger du en endring, spør en administrator i kommunen. <a href="/admin">Tilbake til I dag</a>.</p>`,
  });
}
