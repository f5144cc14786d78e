import { type UnzipFileInfo, unzipSync } from 'fflate';
import { NoticeFileError } from './notice-file-error.ts';

/** Largest single entry we inflate, and largest total per read (guards against zip bombs). */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
export const MAX_READ_BYTES = 512 * 1024 * 1024;
/** More entries than any document has; a damaged directory may claim billions. */
export const MAX_ENTRIES = 100_000;

/** A ZIP archive whose entries are looked up by normalized name (`/` separators, case-insensitive). */
export type ZipArchive = {
  /** Entry names as stored. */
  names: string[];
  has(name: string): boolean;
  /** Inflates the named entries that exist, keyed by `zipKey(name)`. */
  read(names: readonly string[]): Map<string, Uint8Array>;
};

/** How an archive is named in messages: `.docx`, `.xlsx` or `zip archive`. */
export type ZipLabel = string;

/** The lookup key of an entry name: `/` separators, no leading `/`, lower case. */
export function zipKey(name: string): string {
  let out = name.replaceAll('\\', '/').toLowerCase();
  while (out.startsWith('/')) out = out.slice(1);
  return out;
}

function corrupt(label: ZipLabel, reason: string, cause?: unknown): NoticeFileError {
  return new NoticeFileError(
    'corrupt',
    `corrupt ${label}: ${reason}`,
    `${label} 文件已损坏：${reason}`,
    cause === undefined ? undefined : { cause },
  );
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'invalid zip data') return 'invalid zip data (truncated or damaged file?)';
  if (message === 'unexpected EOF') return 'compressed data ends early (truncated file?)';
  return message;
}

function tooLarge(label: ZipLabel, info: UnzipFileInfo): NoticeFileError {
  const mib = Math.round(info.originalSize / (1024 * 1024));
  return new NoticeFileError(
    'unsupported',
    `${label} entry ${info.name} is too large (${mib} MiB)`,
    `${label} 中的 ${info.name} 过大（${mib} MiB）`,
  );
}

/** Opens a ZIP archive. Failures become `corrupt` errors naming `label`. */
export function openZip(bytes: Uint8Array, label: ZipLabel): ZipArchive {
  if (bytes.length < 22) throw corrupt(label, 'invalid zip data (truncated or damaged file?)');
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (info) => {
        if (names.length >= MAX_ENTRIES) throw corrupt(label, `more than ${MAX_ENTRIES} entries`);
        names.push(info.name);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof NoticeFileError) throw error;
    throw corrupt(label, reason(error), error);
  }
  const byKey = new Map<string, string>();
  for (const name of names) {
    const key = zipKey(name);
    if (!byKey.has(key)) byKey.set(key, name);
  }

  const read = (wanted: readonly string[]): Map<string, Uint8Array> => {
    const keys = new Set(wanted.map(zipKey));
    const stored = new Map<string, string>();
    for (const key of keys) {
      const name = byKey.get(key);
      if (name !== undefined) stored.set(name, key);
    }
    const out = new Map<string, Uint8Array>();
    if (stored.size === 0) return out;
    let files: Record<string, Uint8Array>;
    let total = 0;
    try {
      files = unzipSync(bytes, {
        filter: (info) => {
          if (!stored.has(info.name)) return false;
          total += info.originalSize;
          if (info.originalSize > MAX_ENTRY_BYTES || total > MAX_READ_BYTES) throw tooLarge(label, info);
          stored.delete(info.name); // first entry of a name wins
          return true;
        },
      });
    } catch (error) {
      if (error instanceof NoticeFileError) throw error;
      throw corrupt(label, reason(error), error);
    }
    for (const [name, data] of Object.entries(files)) out.set(zipKey(name), data);
    return out;
  };

  return { names, has: (name) => byKey.has(zipKey(name)), read };
}
