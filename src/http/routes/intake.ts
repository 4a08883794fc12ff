import { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseIntake } from '../../domain/intake';
import { parseRequest } from '../validate';

/** ISO 8601 with an explicit offset: the moment decides «i morgen», so it may not be guessed. */
const Instant = z.string().refine((s) => /(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(s) && DateTime.fromISO(s, { setZone: true }).isValid, {
  message: 'must be an ISO 8601 date and time with an offset, e.g. 2026-12-02T10:15:00+01:00',
});

const ParseBody = z.object({
  text: z.string().trim().min(1, 'text is required').max(2000),
  receivedAt: Instant,
});

/** `POST /api/intake/parse`: reads a request text as the SMS intake would, and changes nothing. */
export function intakeRoutes(): Router {
  const router = Router();
  router.post('/intake/parse', (req, res) => {
    const { text, receivedAt } = parseRequest(ParseBody, req.body);
    res.json(parseIntake(text, receivedAt));
  });
  return router;
}
