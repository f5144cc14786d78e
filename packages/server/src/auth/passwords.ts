import { hash, verify } from '@node-rs/argon2';
import { newSecret } from '../ids.ts';
import { passwordProblem } from './password-policy.ts';

/** argon2id with the library's defaults (memory-hard); the encoded hash carries its own parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}

/** A random password that meets the policy (16 URL-safe characters), for the first administrator. */
export function generatePassword(username: string): string {
  for (;;) {
    const candidate = newSecret(12);
    if (passwordProblem(candidate, username) === null) return candidate;
  }
}
