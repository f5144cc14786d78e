/**
 * Reading a multipart upload: text fields, and evidence files staged in the blob store's temp area
 * (hashed and size-checked while streaming, type sniffed from the bytes). Nothing enters the store
 * until the use case commits the staged blobs inside its transaction; on any failure call discard().
 */
import type { FastifyRequest } from 'fastify';
import { BlobTooLargeError, type StagedBlob, stageBlob } from '../../blobs/blob-store.ts';
import { detectFileType, refusalOf, sanitizeFileName } from '../../blobs/file-types.ts';
import { AppError } from '../../errors.ts';

export const EVIDENCE_FIELD = 'evidence';

export type StagedFile = { blob: StagedBlob; fileName: string; contentType: string };

export type Upload = {
  fields: Record<string, string>;
  files: StagedFile[];
  /** Commit every staged file into the store (call inside the transaction, last). */
  commit(): Promise<void>;
  /** Remove what was staged and not committed. */
  discard(): Promise<void>;
};

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

function upload(fields: Record<string, string>, files: StagedFile[]): Upload {
  return {
    fields,
    files,
    async commit() {
      for (const f of files) await f.blob.commit();
    },
    async discard() {
      for (const f of files) await f.blob.discard();
    },
  };
}

/** Read the request's multipart parts. Throws 413 / 415 / 400 with the file named, leaving nothing behind. */
export async function readUpload(req: FastifyRequest, dataDir: string, limitBytes: number): Promise<Upload> {
  const fields: Record<string, string> = {};
  const files: StagedFile[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string')
          throw new AppError('validation', `字段 ${part.fieldname} 应为文字`, part.fieldname);
        if (Object.hasOwn(fields, part.fieldname))
          throw new AppError('validation', `字段 ${part.fieldname} 重复`, part.fieldname);
        fields[part.fieldname] = part.value;
        continue;
      }
      const fileName = sanitizeFileName(part.filename ?? '');
      if (part.fieldname !== EVIDENCE_FIELD) {
        part.file.resume();
        throw new AppError('validation', `文件应放在 ${EVIDENCE_FIELD} 字段中上传`, part.fieldname);
      }
      let blob: StagedBlob;
      try {
        blob = await stageBlob(dataDir, part.file, { limitBytes });
      } catch (err) {
        if (err instanceof BlobTooLargeError)
          throw new AppError(
            'payload-too-large',
            `文件「${fileName}」超过 ${megabytes(limitBytes)} 的大小限制`,
            EVIDENCE_FIELD,
          );
        throw err;
      }
      if (part.file.truncated) {
        await blob.discard();
        throw new AppError(
          'payload-too-large',
          `文件「${fileName}」超过 ${megabytes(limitBytes)} 的大小限制`,
          EVIDENCE_FIELD,
        );
      }
      if ((part.filename ?? '') === '' && blob.size === 0) {
        // A form sent with no file chosen: browsers send an empty, nameless part.
        await blob.discard();
        continue;
      }
      if (blob.size === 0) {
        await blob.discard();
        throw new AppError('validation', `文件「${fileName}」是空文件`, EVIDENCE_FIELD);
      }
      const type = detectFileType(fileName, blob.head);
      if (!type) {
        await blob.discard();
        throw new AppError('unsupported-media-type', refusalOf(fileName, blob.head), EVIDENCE_FIELD);
      }
      files.push({ blob, fileName, contentType: type.contentType });
    }
  } catch (err) {
    for (const f of files) await f.blob.discard();
    throw err;
  }
  return upload(fields, files);
}

/** An upload with no files (the JSON variant of a route). */
export function noFiles(): Upload {
  return upload({}, []);
}
