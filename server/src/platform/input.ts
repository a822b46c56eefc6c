import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';
import { isStorableText } from './text.js';

const MAX_DEPTH = 64;

/** The path of the first string in `value` that PostgreSQL cannot store (NUL, lone surrogate). */
export function findUnstorable(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || 'body';
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const bad = !isStorableText(key) ? `${path}${path ? '.' : ''}${key}` : null;
    if (bad) return bad;
    const found = findUnstorable(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The net under every route's schema: a NUL byte or an unpaired UTF-16 surrogate anywhere in the
 * path parameters, the query or a JSON body is refused with 400 `text_not_storable` before any
 * code (the session lookup included) can hand it to the database. Route schemas refuse the same
 * (platform/schemas.ts); this keeps a route without a text schema from answering 500.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.isMultipart() ? null : request.body]) {
      const field = findUnstorable(part);
      if (field) throw new AppError(400, 'text_not_storable', { field });
    }
  });
}
