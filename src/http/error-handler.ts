import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from '../log';
import { clientErrorOf, wantsPage } from './input/client-errors';
import { RequestValidationError } from './validate';
import { html } from './views/html';
import { barePage } from './views/layout';

/** Maps expected request errors to clear answers; anything else is a 500 with nothing leaked. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const page = wantsPage(req);
    if (err instanceof RequestValidationError) {
      if (page) return sendErrorPage(res, 400, 'Kunne ikke lese skjemaet', 'Skjemaet inneholdt tegn som ikke kan brukes (for eksempel kontrolltegn).');
      res.status(400).json({ error: 'invalid_request', message: err.message, fields: err.issues });
      return;
    }
    const e = err as { type?: string; status?: number; code?: string };
    if (e.code === 'EBADCSRFTOKEN') {
      res.status(403).type('html').send(barePage('Skjemaet er utløpt', html`<h1>Skjemaet er utløpt</h1><p>Siden var åpen for lenge, eller skjemaet kom ikke fra Svarja. <a href="/admin">Gå tilbake</a> og prøv igjen.</p>`).value);
      return;
    }
    if (e.code?.startsWith('LIMIT_')) {
      res.status(413).type('html').send(barePage('For stor fil', html`<h1>For stor fil</h1><p>Filen er for stor (høyst 2 MB). <a href="/admin">Gå tilbake</a>.</p>`).value);
      return;
    }
    const client = clientErrorOf(err);
    if (client) {
      if (page) return sendErrorPage(res, client.status, client.title, client.text);
      res.status(client.status).json({ error: client.code, message: client.message });
      return;
    }
    log.error({ err, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal_error', message: 'something went wrong; it has been logged' });
  };
}

function sendErrorPage(res: Response, status: number, title: string, text: string): void {
  res.status(status).type('html').send(barePage(title, html`<h1>${title}</h1><p>${text} <a href="/admin">Gå tilbake</a> og prøv igjen.</p>`).value);
}
