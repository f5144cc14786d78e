import { randomBytes, randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

/** A random URL-safe secret (session tokens, iCalendar feed tokens). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
