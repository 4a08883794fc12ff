import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (OWASP's recommended minimum: 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when the e-mail is unknown makes both paths take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hash('not-a-real-password');
  try {
    return await verify(passwordHash ?? (await dummyHash), password) && passwordHash !== undefined;
  } catch {
    return false; // a malformed hash never verifies
  }
}

export const MIN_PASSWORD_LENGTH = 10;

export function checkPasswordStrength(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Passordet må ha minst ${MIN_PASSWORD_LENGTH} tegn.`;
  if (password.length > 200) return 'Passordet er for langt.';
  return undefined;
}
