/* global document, window, EventSource */
/*
 * Live updates for a task page: the server sends the status and timeline fragments (rendered and
 * escaped on the server) over Server-Sent Events whenever the task changes, and this script swaps
 * them in. Without it the page still works; it just needs a reload to show news.
 */
(() => {
  'use strict';
  const root = document.getElementById('task-root');
  if (!root || !('EventSource' in window)) return;
  const statusBox = document.getElementById('task-status');
  const timelineBox = document.getElementById('task-timeline');
  const candidatesBox = document.getElementById('task-candidates');
  const manualAssign = document.getElementById('manual-assign');
  const note = document.getElementById('live-note');
  const state = document.getElementById('live-state');
  let lastStatus = root.getAttribute('data-status');

  const say = (el, text) => {
    if (el) el.textContent = text;
  };

  const lastMarkup = new Map();

  /**
   * Replaces a fragment only when the server's markup changed, keeping what the user had open
   * (the cancel confirmation) and keyboard focus on the same button.
   */
  const swap = (box, markup) => {
    if (!box || lastMarkup.get(box) === markup) return;
    lastMarkup.set(box, markup);
    const parsed = document.createElement('template');
    parsed.innerHTML = markup;
    // Open <details> stay open: matched by id (their summary may change, «3 spurt» → «4 spurt»), else by summary.
    const opened = new Set([...box.querySelectorAll('details[open]')].map((d) => d.id || d.querySelector('summary')?.textContent));
    const focused = box.contains(document.activeElement) ? document.activeElement.closest('form') : null;
    const action = focused ? focused.getAttribute('action') : null;
    box.replaceChildren(parsed.content);
    for (const details of box.querySelectorAll('details')) {
      if (opened.has(details.id || details.querySelector('summary')?.textContent)) details.open = true;
    }
    const again = action ? box.querySelector(`form[action="${action}"] button`) : null;
    if (again) again.focus();
  };

  const source = new EventSource(root.getAttribute('data-live-url'));
  source.addEventListener('open', () => say(state, 'Siden oppdateres automatisk.'));
  source.addEventListener('update', (event) => {
    const update = JSON.parse(event.data);
    swap(statusBox, update.statusHtml);
    swap(timelineBox, update.timelineHtml);
    swap(candidatesBox, update.candidatesHtml);
    // The section is «Tildel manuelt» or, on a task someone has, «Bytt frivillig»: each shows while it applies.
    if (manualAssign) manualAssign.hidden = !(manualAssign.getAttribute('data-swap') === 'yes' ? update.swappable : update.assignable);
    if (update.status !== lastStatus) say(note, `Status endret: ${update.statusLabel}`);
    lastStatus = update.status;
  });
  source.addEventListener('error', () => {
    // The browser reconnects by itself unless the server refused (e.g. the session ended).
    say(state, source.readyState === EventSource.CLOSED
      ? 'Automatisk oppdatering er stoppet. Last inn siden på nytt.'
      : 'Mistet forbindelsen, prøver igjen …');
  });
})();
