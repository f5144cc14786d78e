/**
 * The password policy (等保2.0 三级 身份鉴别, OWASP ASVS 2.1): at least PASSWORD_MIN_LENGTH
 * characters, at least three of four character classes, not containing the user name, not on the
 * shipped list of common passwords. Pure apart from reading the list once; every rule broken is
 * named in Chinese on the field `password`.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../errors.ts';
import { COMMON_PASSWORDS_URL } from './common-password-patterns.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_CLASSES = 3;

export const PASSWORD_PATTERNS = {
  lower: /[a-z]/,
  upper: /[A-Z]/,
  digit: /[0-9]/,
  /** Anything that is not an ASCII letter or digit: punctuation, spaces, Chinese characters. */
  other: /[^A-Za-z0-9]/,
  /** Digits and symbols before the first and after the last letter (the 'Password2024!' suffix). */
  edges: /^[^a-z]+|[^a-z]+$/g,
  /** The same suffix, keeping the '@' and '$' that may stand for letters ('p@ssw0rd', '@dmin'). */
  suffix: /[^a-z@$]+$/,
} as const;

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  $: 's',
  '5': 's',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '7': 't',
};

let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_URL, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  );
  return common;
}

/**
 * The forms of a password looked up in the list: as typed (lowercase), its letters' stem, and
 * without its suffix, also un-leeted. Called on at most PASSWORD_MAX_LENGTH characters.
 */
function listForms(password: string): string[] {
  const lower = password.toLowerCase();
  const stem = lower.replace(PASSWORD_PATTERNS.edges, '');
  const unleet = (s: string) => [...s].map((c) => LEET[c] ?? c).join('');
  const trailing = lower.replace(PASSWORD_PATTERNS.suffix, '');
  return [lower, stem, trailing, unleet(trailing), unleet(trailing).replace(PASSWORD_PATTERNS.edges, '')];
}

export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  return listForms(password).some((f) => f.length > 0 && list.has(f));
}

export function characterClasses(password: string): number {
  const { lower, upper, digit, other } = PASSWORD_PATTERNS;
  return [lower, upper, digit, other].filter((re) => re.test(password)).length;
}

/** The first rule the password breaks, in Chinese, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过${PASSWORD_MAX_LENGTH}位`;
  if (characterClasses(password) < PASSWORD_MIN_CLASSES)
    return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) return '密码不能包含用户名';
  if (isCommonPassword(password)) return '密码过于常见，容易被猜中，请换一个';
  return null;
}

/** Throws a validation error on `password` naming the rule broken. */
export function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('validation', problem, field);
}
