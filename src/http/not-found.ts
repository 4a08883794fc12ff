import type { Request, RequestHandler } from 'express';
import { html } from './views/html';
import { barePage } from './views/layout';

/** Machine clients (the API, Twilio, monitoring) get JSON; a person gets a page in Norwegian. */
function wantsJson(req: Request): boolean {
  return /^\/(api|webhooks|metrics|healthz|readyz)(\/|$|\?)/.test(req.originalUrl) || req.accepts(['html', 'json']) === 'json';
}

/** The last route: an unknown URL. */
export function notFound(): RequestHandler {
  return (req, res) => {
    if (wantsJson(req)) {
      res.status(404).json({ error: 'not_found', message: 'no such route' });
      return;
    }
    res.status(404).type('html').send(barePage('Fant ikke siden', html`<h1>Fant ikke siden</h1>
<p>Adressen finnes ikke i Svarja. Kanskje lenken er gammel, eller det er en skrivefeil i adressen.</p>
<p><a href="/admin">Til forsiden (I dag)</a> · <a href="/admin/tasks">Oppdrag</a> · <a href="/admin/volunteers">Frivillige</a></p>`).value);
  };
}
