/**
 * Request bodies of these routes are JSON (or multipart on the upload routes): any other content
 * type — including text/plain, which Fastify would otherwise parse — is refused with 415 before
 * validation. Add it to an encapsulated scope so it applies to that module's routes only.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return headers['transfer-encoding'] !== undefined;
}

/** `multipartUrls` are Fastify route patterns (e.g. '/api/reports/:id/evidence') that also take uploads. */
export function acceptJsonOnly(scope: FastifyInstance, multipartUrls: readonly string[] = []): void {
  const uploads = new Set(multipartUrls);
  scope.addHook('preValidation', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !hasBody(req.headers)) return;
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json') return;
    const upload = uploads.has(req.routeOptions.url ?? '');
    if (upload && type === 'multipart/form-data') return;
    throw new AppError(
      'unsupported-media-type',
      upload
        ? '请以 JSON（application/json）或表单上传（multipart/form-data）提交'
        : '请以 JSON（application/json）提交',
    );
  });
}
