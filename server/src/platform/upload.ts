import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { isStorableText } from './text.js';

export interface Upload {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  size: number;
  sha256: string;
}

/** Any error of the multipart parser (a cut body, a bad header, a wrong boundary) is bad input. */
function multipartError(error: unknown, maxBytes: number): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  return new AppError(400, 'validation_failed', { details: `multipart: ${e.message ?? 'malformed body'}` });
}

const tooLarge = (maxBytes: number) => new AppError(413, 'file_too_large', { max: maxBytes / 1024 / 1024 });

/**
 * The one file of a multipart request (field `file`), streamed: counted and hashed chunk by chunk
 * as it arrives, so the event loop never holds a whole file in one synchronous step. A file over
 * `maxBytes` is 413 however the body is cut (the limit is checked on the bytes counted, not on
 * the parser's truncation flag alone); a part without a file name, a cut or malformed body is
 * 400 problem+json.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError(400, 'file_missing');
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + 1024 * 1024) throw tooLarge(maxBytes);
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1 }, throwFileSizeLimit: false });
  } catch (error) {
    throw multipartError(error, maxBytes);
  }
  if (!part) throw new AppError(400, 'file_missing');
  const fileName = typeof part.filename === 'string' ? part.filename.trim() : '';
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) continue; // keep draining so the request ends; the answer is 413
      hash.update(chunk);
      chunks.push(chunk);
    }
  } catch (error) {
    throw multipartError(error, maxBytes);
  }
  if (size > maxBytes || part.file.truncated) throw tooLarge(maxBytes);
  if (!fileName || !isStorableText(fileName)) {
    throw new AppError(400, fileName ? 'text_not_storable' : 'file_name_missing', { field: 'file' });
  }
  const bytes = Buffer.concat(chunks, size);
  return {
    fileName,
    contentType: part.mimetype || 'application/octet-stream',
    bytes,
    size,
    sha256: hash.digest('hex'),
  };
}
