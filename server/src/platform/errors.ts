import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflictFromDatabase } from './db/conflicts.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './db/unavailable.js';
import { ENTITY_NAMES, type Locale, localeFrom, type MessageCode, translate } from './i18n.js';

/**
 * Errors are answers: every failure leaves as `application/problem+json` (RFC 9457) with a
 * stable `code` and a `detail` in the caller's language. Nothing answers 500 on bad input.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly params: Record<string, string | number> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export const notFound = (entity: keyof typeof ENTITY_NAMES) => new AppError(404, 'entity_not_found', { entity });
export const forbidden = () => new AppError(403, 'forbidden');
export const outOfScope = () => new AppError(403, 'out_of_scope');
export const unauthenticated = () => new AppError(401, 'unauthenticated');

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function problem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: MessageCode,
  params: Record<string, string | number> = {},
  extra: Record<string, unknown> = {},
) {
  const locale: Locale = localeFrom(request.headers['accept-language']);
  const entity = params.entity ? ENTITY_NAMES[String(params.entity)]?.[locale] : undefined;
  const detail = translate(code, locale, entity ? { ...params, entity } : params);
  if (typeof extra.retryAfter === 'number') reply.header('retry-after', String(extra.retryAfter));
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, code, detail, ...extra });
}

interface ValidationIssue {
  keyword: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const ZOD_LOCALES = { vi: z.locales.vi(), en: z.locales.en() };

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const name = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  return name || context || 'body';
}

/** Zod's own Vietnamese and English messages for a validation issue. */
function messageOf(issue: ValidationIssue, locale: Locale): string {
  const raw = { ...issue.params, code: issue.keyword, path: [], input: undefined } as unknown as Parameters<
    (typeof ZOD_LOCALES)['vi']['localeError']
  >[0];
  const out = ZOD_LOCALES[locale].localeError(raw);
  const text = typeof out === 'string' ? out : out?.message;
  return (text ?? issue.message ?? '').replace(/, nhận được undefined|, received undefined/, '');
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route (bad URL encoding, a path
 * parameter over `maxParamLength`) leaves as problem+json too.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const path = (request.raw.url ?? '').slice(0, 200);
  if (error.code === 'FST_ERR_BAD_URL') return problem(request, reply, 400, 'bad_url', { path });
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return problem(request, reply, 414, 'path_too_long');
  return problem(request, reply, 400, 'validation_failed', { details: error.message });
}

/**
 * @param spa when the web app is served: a GET for a page (not /api, not a file) answers the
 * app's index.html so the client router can take it; everything else unknown is a 404 problem.
 */
export function registerErrorHandling(app: FastifyInstance, spa: { enabled: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (spa.enabled && isPage) return reply.type('text/html').sendFile('index.html');
    return problem(request, reply, 404, 'not_found', { path: request.url });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return problem(request, reply, error.status, error.code, error.params, error.extra);
    }
    const conflict = conflictFromDatabase(error);
    if (conflict) return problem(request, reply, conflict.status, conflict.code, conflict.params, conflict.extra);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation as unknown as ValidationIssue[];
      const fields = issues.map((i) => fieldOf(i, error.validationContext));
      const locale = localeFrom(request.headers['accept-language']);
      const details = issues.map((i, n) => `${fields[n]}: ${messageOf(i, locale)}`).join('; ');
      return problem(request, reply, 400, 'validation_failed', { details }, { fields: [...new Set(fields)] });
    }
    if (error.validation) {
      const details = error.message;
      return problem(request, reply, 400, 'validation_failed', { details });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return problem(request, reply, 400, 'invalid_json');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return problem(request, reply, 415, 'unsupported_media_type', {
          type: String(request.headers['content-type'] ?? ''),
        });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return problem(request, reply, 413, 'payload_too_large');
      case 'FST_REQ_FILE_TOO_LARGE':
        return problem(request, reply, 413, 'file_too_large', { max: 20 });
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      case 'FST_PARTS_LIMIT':
      case 'FST_FILES_LIMIT':
      case 'FST_FIELDS_LIMIT':
      case 'FST_PROTO_VIOLATION':
        return problem(request, reply, 400, 'validation_failed', { details: error.message });
    }
    if (error.statusCode === 429) return problem(request, reply, 429, 'rate_limited');
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      const seconds = DATABASE_RETRY_AFTER_SECONDS;
      return problem(request, reply, 503, 'database_unavailable', { seconds }, { retryAfter: seconds });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return problem(request, reply, error.statusCode, 'validation_failed', { details: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return problem(request, reply, 500, 'internal');
  });
}
