import type { z } from 'zod';

export class RequestValidationError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'RequestValidationError';
  }
}

/** Parses a request part with a zod schema; a failure becomes a 400 naming each field. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RequestValidationError(result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })));
}
