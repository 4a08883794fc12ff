import type { Actor } from '../../domain/access';
import { html, type SafeHtml } from './html';

export type Section = 'today' | 'tasks' | 'volunteers' | 'requesters' | 'inbox' | 'reports' | 'audit' | 'account' | 'admin' | 'simulator' | 'queues';

export interface PageFrame {
  actor: Extract<Actor, { kind: 'coordinator' }>;
  csrfToken: string;
  flash?: { kind: 'ok' | 'error'; text: string };
  /** SMS_TRANSPORT=simulator: the phone simulator is in the menu (for admins). */
  simulator?: boolean;
  /** A form posted after the session ended, to fill in again on this page (see admin/form-resume.ts). */
  restored?: Record<string, string | string[]>;
}

const NAV: { section: Section; href: string; label: string; adminOnly?: boolean; simulatorOnly?: boolean }[] = [
  { section: 'today', href: '/admin', label: 'I dag' },
  { section: 'tasks', href: '/admin/tasks', label: 'Oppdrag' },
  { section: 'volunteers', href: '/admin/volunteers', label: 'Frivillige' },
  { section: 'requesters', href: '/admin/requesters', label: 'Bestillere' },
  { section: 'inbox', href: '/admin/inbox', label: 'Innboks' },
  { section: 'reports', href: '/admin/reports', label: 'Rapporter' },
  { section: 'audit', href: '/admin/audit', label: 'Logg' },
  { section: 'admin', href: '/admin/settings', label: 'Administrasjon', adminOnly: true },
  { section: 'simulator', href: '/admin/simulator', label: 'Simulator', adminOnly: true, simulatorOnly: true },
];

/** The page frame every admin page shares: skip link, navigation, who is logged in, flash message. */
export function page(frame: PageFrame, opts: { title: string; section: Section; body: SafeHtml; scripts?: string[] }): SafeHtml {
  const nav = NAV.filter((n) => (!n.adminOnly || frame.actor.role === 'admin') && (!n.simulatorOnly || frame.simulator));
  return html`<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} – Svarja</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/admin.css">
${[...(opts.scripts ?? []), ...(frame.restored ? ['/static/form-restore.js'] : [])].map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Hopp til innholdet</a>
<header class="top">
  <a class="brand" href="/admin">Svarja</a>
  <nav class="main" aria-label="Hovedmeny">
    ${nav.map((n) => html`<a href="${n.href}"${n.section === opts.section ? html` aria-current="page"` : ''}>${n.label}</a>`)}
  </nav>
  <div class="who">
    <a href="/admin/account" style="color:#fff">${frame.actor.name}</a>
    <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${frame.csrfToken}"><button type="submit">Logg ut</button></form>
  </div>
</header>
<main id="main">
${frame.flash ? html`<p class="flash ${frame.flash.kind}" role="status">${frame.flash.text}</p>` : ''}
${frame.restored ? html`<p class="flash ok" role="status" id="restored-form" data-fields="${JSON.stringify(frame.restored)}">Skjemaet er fylt ut slik du sendte det. Se over og lagre på nytt.</p>` : ''}
${opts.body}
</main>
</body>
</html>`;
}

/** A page outside the logged-in frame (login, errors). */
export function barePage(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Svarja</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/admin.css">
</head>
<body>
<header class="top"><span class="brand">Svarja</span></header>
<main id="main">${body}</main>
</body>
</html>`;
}
