import type { TimelineEntry } from '../../../services/get-task-view';
import { formatDateTime } from '../format';
import { html, type SafeHtml } from '../html';
import { timelineLine } from './timeline-text';

/** The timeline fragment (replaced live): offers, SMS, calls and coordinators' actions, newest last. */
export function timelineFragment(entries: TimelineEntry[]): SafeHtml {
  if (entries.length === 0) return html`<p class="muted">Ingenting har skjedd ennå.</p>`;
  return html`<ol class="timeline">
${entries.map((e) => {
    const line = timelineLine(e);
    const text = line.tone === 'bad' ? html`<span class="error-text">${line.text}</span>` : line.tone === 'ok' ? html`<strong>${line.text}</strong>` : line.text;
    // An SMS held for quiet hours shows when it is planned to leave; once it left, when it left.
    const planned = (e.kind === 'sms_out' || e.kind === 'call') && e.planned ? 'planlagt ' : '';
    return html`<li><time class="muted" datetime="${e.at.toISOString()}">${planned}${formatDateTime(e.at)}</time><br>${text}</li>`;
  })}
</ol>`;
}
