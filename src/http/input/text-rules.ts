import { hasUnreadableCharacters, markUnreadableCharacters } from '../../domain/unreadable-text';

/**
 * The path (`name`, `areas.2`, `absences.0.from`) of the first string in a parsed body or query that
 * holds characters no person types (keys included); undefined when all is clean. Stops at depth 32:
 * a 100 kB JSON body can nest 50,000 deep, which would overflow the stack, and no route's schema
 * takes anything deeper than a few levels anyway.
 */
export function findUnreadableText(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return hasUnreadableCharacters(value) ? path.join('.') || '(body)' : undefined;
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (hasUnreadableCharacters(key)) return [...path, '(key)'].join('.');
    const found = findUnreadableText(inner, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A flat form (Twilio's fields) with unreadable characters marked in every value. */
export function markUnreadableFields(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? markUnreadableCharacters(v) : v]));
}
