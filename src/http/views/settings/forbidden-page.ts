import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';

/** What a coordinator who is not an admin sees on Administrasjon (with status 403). */
export function forbiddenPage(frame: PageFrame): SafeHtml {
  return page(frame, {
    title: 'Ingen tilgang',
    section: 'admin',
    body: html`<h1>Ingen tilgang</h1>
<p>Administrasjon er bare for administratorer. Her lages enheter og koordinatorkontoer.</p>
<p>Trenger du en endring, spør en administrator i kommunen. <a href="/admin">Tilbake til I dag</a>.</p>`,
  });
}
