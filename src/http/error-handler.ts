import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../log';
import { RequestValidationError } from './validate';

/** Maps expected request errors to clear answers; anything else is a 500 with nothing leaked. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof RequestValidationError) {
      res.status(400).json({ error: 'invalid_request', message: err.message, fields: err.issues });
      return;
    }
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.parse.failed' || e.type === 'entity.too.large') {
      res.status(e.status ?? 400).json({ error: 'invalid_body', message: e.type === 'entity.too.large' ? 'request body too large' : 'request body is not valid' });
      return;
    }
    log.error({ err, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal_error', message: 'something went wrong; it has been logged' });
  };
}
