import { formatAvailability } from '../../../domain/availability-text';
import { listLanguages } from '../../../domain/messages';
import { PREVIEW_PAGE_SIZE, type CsvSource, type ImportPreviewSummary } from '../../../domain/import-preview';
import { type BadRow, type CsvFileError, type CsvVolunteer, type GoodRow } from '../../../domain/volunteer-csv';
import { csrfInput } from '../form';
import { html, type SafeHtml } from '../html';
import { page, type PageFrame } from '../layout';
import { formatCount, describeFileError, formatDay, formatPhone, formatLanguage, PAPERS, ROW_PROBLEM_TEXT, formatTaskTypes } from './labels';

/** Step 1: choose a file. */
export function importUploadPage(frame: PageFrame, error?: CsvFileError | 'no_file'): SafeHtml {
  const message = error === undefined ? undefined : error === 'no_file' ? 'Velg en CSV-fil.' : describeFileError(error);
  return page(frame, {
    title: 'Importer frivillige',
    section: 'volunteers',
    body: html`
<p><a href="/admin/volunteers">← Alle frivillige</a></p>
<h1>Importer frivillige fra CSV</h1>
<p>Lagre regnearket fra Excel som <strong>CSV UTF-8</strong> (eller vanlig CSV, med semikolon eller komma).
Første linje må være overskrifter. Disse kolonnene leses, store eller små bokstaver:</p>
<ul>
  <li><strong>Navn</strong> og <strong>Telefon</strong> (eller Mobil): må være med.</li>
  <li><strong>Språk</strong> (${languageChoices()}), <strong>Områder</strong> og <strong>Oppgaver</strong> (Handlehjelp, Følge, Besøk, Tur, Praktisk hjelp, Annet): kan være med.</li>
  <li><strong>Avtale signert</strong>, <strong>Taushetserklæring</strong>, <strong>Politiattest</strong>, <strong>Opplæring</strong> og <strong>Pause til</strong>
  (datoer, for eksempel 3.12.2026), <strong>Tilgjengelig</strong> (for eksempel «man–fre 09–15, lør 10–13»), <strong>Maks per uke</strong> og <strong>Notater</strong>: kan være med.</li>
  <li><strong>Meldt av</strong>: en dato her betyr at personen har meldt seg av (STOPP). Hen blir lagt inn, men får ingen SMS før hen sender START.</li>
</ul>
<p>En fil fra «Eksporter CSV» på listen over frivillige har alle disse kolonnene.</p>
<p>Du ser alle radene før noe blir lagret.</p>
<form class="stack" method="post" action="/admin/volunteers/import" enctype="multipart/form-data">
  ${csrfInput(frame.csrfToken)}
  <div class="field"><label for="f-file">CSV-fil</label>
  ${message ? html`<span class="error-text" id="file-error">${message}</span>` : ''}
  <input id="f-file" name="file" type="file" accept=".csv,text/csv" required${message ? html` aria-invalid="true" aria-describedby="file-error"` : ''}></div>
  <div><button type="submit">Vis forhåndsvisning</button></div>
</form>`,
  });
}

export interface ImportPreviewView { source: CsvSource; summary: ImportPreviewSummary }

/**
 * Step 2: the counts, a page of the bad and of the good rows, and a confirm button. Nothing is
 * stored until it is pressed.
 */
export function importPreviewPage(frame: PageFrame, { source, summary }: ImportPreviewView): SafeHtml {
  const { counts, rows, page: current, pages } = summary;
  const good = describeWork(counts.fresh, counts.changed);
  return page(frame, {
    title: 'Forhåndsvisning av import',
    section: 'volunteers',
    body: html`
<p><a href="/admin/volunteers/import">← Velg en annen fil</a></p>
<h1>Forhåndsvisning av import</h1>
<p role="status"><strong>${good ? `${counts.fresh > 0 ? 'Kan importeres' : 'Kan lagres'}: ${good}.` : 'Ingenting nytt å lagre.'}</strong>
${counts.unchanged > 0 ? html` ${formatCount(counts.unchanged, 'rad er', 'rader er')} som lagret og endrer ingenting.` : ''}
${counts.bad > 0 ? html` ${formatCount(counts.bad, 'rad har', 'rader har')} feil og blir hoppet over.` : ''} Ingenting er lagret ennå.</p>
${pages > 1 ? pager(current, pages) : ''}
${counts.bad > 0 ? badRowsTable(rows.bad, counts.bad) : ''}
${fileForm(frame, source, good || undefined)}
${good ? '' : html`<p>Ingen rader gir noe nytt. Rett filen og prøv igjen.</p>`}
${counts.changed > 0 ? changedRowsTable(rows.changed, counts.changed) : ''}
${counts.fresh > 0 ? goodRowsTable(rows.fresh, counts.fresh) : ''}`,
  });
}

/**
 * The form names the kept upload: the confirm step reads and checks the file again (it trusts
 * nothing here), and the pager's buttons post the same form to the preview instead.
 */
function fileForm(frame: PageFrame, source: CsvSource, good: string | undefined): SafeHtml {
  return html`<form id="import-file" method="post" action="/admin/volunteers/import/confirm" class="actions">
  ${csrfInput(frame.csrfToken)}
  ${'uploadId' in source ? html`<input type="hidden" name="upload" value="${source.uploadId}">` : html`<input type="hidden" name="csv" value="${source.csvText}">`}
  ${good ? html`<button type="submit">Importer ${good}</button>` : ''}
  <a class="button secondary" href="/admin/volunteers">Avbryt</a>
</form>`;
}

/** Other pages of the preview: buttons of the file's form, sent to the preview. */
function pager(page: number, pages: number): SafeHtml {
  const button = (to: number, label: string) => html`<button type="submit" form="import-file" formaction="/admin/volunteers/import/preview" name="page" value="${String(to)}" class="secondary">${label}</button>`;
  return html`<nav class="actions" aria-label="Sider i forhåndsvisningen"><span>Side ${page} av ${pages} (${PREVIEW_PAGE_SIZE} rader av hvert slag per side)</span>
${page > 1 ? button(page - 1, 'Forrige side') : ''}${page < pages ? button(page + 1, 'Neste side') : ''}</nav>`;
}

function badRowsTable(rows: BadRow[], total: number): SafeHtml {
  return html`<h2>Rader med feil (${total})</h2>
<div class="table-wrap"><table id="bad-rows">
<caption class="sr-only">Rader som ikke blir importert, og hvorfor</caption>
<thead><tr><th scope="col">Linje</th><th scope="col">Navn</th><th scope="col">Telefon</th><th scope="col">Hvorfor</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td data-label="Linje">${r.line}</td><td data-label="Navn">${r.name || html`<span class="muted">(tomt)</span>`}</td><td data-label="Telefon">${r.phone || html`<span class="muted">(tomt)</span>`}</td>
<td data-label="Hvorfor" class="error-text">${describeProblems(r)}</td></tr>`)}</tbody></table></div>`;
}

/** '3 nye frivillige og oppdater 2 frivillige', or '' when nothing would be stored. */
function describeWork(fresh: number, changed: number): string {
  const parts = [
    fresh > 0 ? formatCount(fresh, 'ny frivillig', 'nye frivillige') : '',
    changed > 0 ? `oppdater ${formatCount(changed, 'frivillig', 'frivillige')}` : '',
  ];
  return parts.filter(Boolean).join(' og ');
}

/** Registered volunteers the file changes: every changed column, old → new. */
function changedRowsTable(rows: GoodRow[], total: number): SafeHtml {
  return html`<h2>Endres (${total})</h2>
<div class="table-wrap"><table id="changed-rows">
<caption class="sr-only">Frivillige som allerede er registrert, og hva som endres</caption>
<thead><tr><th scope="col">Linje</th><th scope="col">Frivillig</th><th scope="col">Endringer</th></tr></thead>
<tbody>${rows.map(({ line, update }) => html`<tr><td data-label="Linje">${line}</td><td data-label="Frivillig"><a href="/admin/volunteers/${update!.id}">${update!.name}</a></td>
<td data-label="Endringer"><ul class="changes">${update!.changes.map((c) => html`<li><strong>${c.column}:</strong> ${shown(c.before)} → ${shown(c.after)}</li>`)}</ul></td></tr>`)}</tbody></table></div>`;
}

function shown(value: string): SafeHtml | string {
  return value === '' ? html`<span class="muted">(tomt)</span>` : `«${value}»`;
}

function describeProblems(row: BadRow): SafeHtml[] {
  const texts: (SafeHtml | string)[] = row.problems.map((p) => {
    if (p === 'duplicate_in_file' && row.sameAsLine) return `${ROW_PROBLEM_TEXT[p]} (samme nummer som linje ${row.sameAsLine}${row.sameAsName ? `, ${row.sameAsName}` : ''})`;
    if (p === 'requester_phone' && row.requesterName) return `nummeret tilhører bestilleren «${row.requesterName}»`;
    if (p === 'number_of_other_person' && row.holder) return html`nummeret tilhører <a href="/admin/volunteers/${row.holder.id}">${row.holder.name}</a>: rett nummeret, eller navnet hvis det er samme person`;
    if (p === 'invalid_date' && row.badDateColumns) return `ugyldig dato i ${row.badDateColumns.map((c) => `«${c}»`).join(', ')} (skriv dd.mm.åååå)`;
    return ROW_PROBLEM_TEXT[p];
  });
  return texts.map((t, i) => html`${i > 0 ? ', ' : ''}${t}`);
}

function languageChoices(): string {
  return listLanguages().map((l) => `${l.code} ${l.name}`).join(', ');
}

function goodRowsTable(rows: GoodRow[], total: number): SafeHtml {
  return html`<h2>Rader som importeres (${total})</h2>
<div class="table-wrap"><table id="good-rows">
<caption class="sr-only">Rader som blir importert</caption>
<thead><tr><th scope="col">Linje</th><th scope="col">Navn</th><th scope="col">Telefon</th><th scope="col">Språk</th><th scope="col">Områder</th><th scope="col">Oppgaver</th><th scope="col">Detaljer</th></tr></thead>
<tbody>${rows.map(({ line, volunteer: v }) => html`<tr><td data-label="Linje">${line}</td><td data-label="Navn">${v.name}</td><td data-label="Telefon">${formatPhone(v.phone)}</td><td data-label="Språk">${formatLanguage(v.language)}</td>
<td data-label="Områder">${v.areas.join(', ')}</td><td data-label="Oppgaver">${formatTaskTypes(v.taskTypes)}</td><td data-label="Detaljer">${describeDetails(v)}</td></tr>`)}</tbody></table></div>`;
}

/** What else the row brings, so a coordinator sees that papers and limits came along. */
function describeDetails(v: CsvVolunteer): string {
  const parts = [
    ...PAPERS.filter((p) => v[p.field]).map((p) => `${p.short} ${formatDay(v[p.field]!)}`),
    v.availability.length > 0 ? formatAvailability(v.availability) : '',
    v.maxTasksPerWeek === null ? '' : `maks ${v.maxTasksPerWeek} per uke`,
    v.pausedUntil ? `pause til ${formatDay(v.pausedUntil)}` : '',
    v.optedOutOn ? `meldt av ${formatDay(v.optedOutOn)} (får ingen SMS)` : '',
  ];
  return parts.filter(Boolean).join('; ');
}
