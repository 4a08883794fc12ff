/**
 * Characters no person types: control characters (NUL above all, which Postgres cannot store) and
 * lone UTF-16 surrogates. Tab, newline and carriage return are typed (notes, SMS texts) and stay.
 * U+FFFD is what a decoder leaves where bytes were not valid UTF-8; it counts as unreadable too.
 */
const CONTROL = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]';
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const REPLACEMENT = '\uFFFD';
const UNREADABLE = new RegExp(`${CONTROL}|${LONE_SURROGATE}|${REPLACEMENT}`);
const TO_REPLACE = new RegExp(`${CONTROL}|${LONE_SURROGATE}`, 'g');

/** Whether a text holds a control character, a lone surrogate or U+FFFD. */
export function hasUnreadableCharacters(text: string): boolean {
  return UNREADABLE.test(text);
}

/**
 * The text with every control character and lone surrogate replaced by U+FFFD: storable, and still
 * marked, so `JA` + a control character or an invalid byte + `JA` never reads as a clean JA.
 */
export function markUnreadableCharacters(text: string): string {
  return text.replace(TO_REPLACE, REPLACEMENT);
}
