/** Test fixtures: notices and the default org directory, read from the repository. */
import { readFileSync } from 'node:fs';
import { DEFAULT_DIRECTORY_URL, REFERENCE_NOTICE_URL } from '../../src/orgs/default-directory.ts';
import { type OrgDirectory, parseOrgDirectoryCsv } from '../../src/orgs/index.ts';

const here = new URL('../fixtures/', import.meta.url);

export function fixtureText(path: string): string {
  return readFileSync(new URL(path, here), 'utf8');
}

export function referenceText(): string {
  return readFileSync(REFERENCE_NOTICE_URL, 'utf8');
}

let cached: OrgDirectory | null = null;

export function defaultDirectory(): OrgDirectory {
  if (cached) return cached;
  const parsed = parseOrgDirectoryCsv(readFileSync(DEFAULT_DIRECTORY_URL, 'utf8'));
  if ('errors' in parsed) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  cached = parsed.directory;
  return cached;
}
