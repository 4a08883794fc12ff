import type { Response } from 'express';

/** The API's refusal: the request was understood and authenticated, but this actor may not do it. */
export function sendApiForbidden(res: Response, message: string): void {
  res.status(403).json({ error: 'forbidden', message });
}
