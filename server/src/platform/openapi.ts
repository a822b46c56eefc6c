import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Error statuses this route answers beyond the ones {@link problemStatuses} derives from
     * its shape (e.g. login: 401 for a wrong password, 429 when throttled).
     */
    problems?: readonly ProblemStatus[];
  }
}

export const PROBLEM_STATUSES = [400, 401, 403, 404, 409, 413, 415, 429, 503] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/**
 * The one error shape (RFC 9457), as `platform/errors.ts` sends it. Some problems add members
 * (`fields` on validation, `retryAfter` on 429/503, the current record on a 409), so the
 * object is open.
 */
export const ProblemDoc = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Mã lỗi ổn định (platform/i18n.ts)'),
    detail: z.string().describe('Thông báo cho người dùng, theo Accept-Language (tiếng Việt mặc định)'),
    fields: z.array(z.string()).optional().describe('Các trường không hợp lệ (400 validation_failed)'),
    retryAfter: z.number().optional().describe('Số giây nên chờ (429, 503)'),
  })
  .meta({ id: 'Problem' });

const DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Dữ liệu không hợp lệ (validation_failed, invalid_json…)',
  401: 'Chưa đăng nhập hoặc phiên đã hết hạn',
  403: 'Không có quyền, ngoài phạm vi, hoặc thiếu/sai x-csrf-token',
  404: 'Không tìm thấy',
  409: 'Xung đột: trùng lặp hoặc bản ghi đã bị người khác sửa',
  413: 'Nội dung quá lớn',
  415: 'Kiểu nội dung không được hỗ trợ',
  429: 'Quá nhiều yêu cầu',
  503: 'Cơ sở dữ liệu tạm thời không sẵn sàng (Retry-After)',
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

interface RouteShape {
  method: string | string[];
  url: string;
  schema?: { params?: unknown; querystring?: unknown; body?: unknown; consumes?: unknown } | undefined;
  config?: { public?: boolean; csrfExempt?: boolean; problems?: readonly ProblemStatus[] } | undefined;
}

/**
 * The error statuses a route can answer, derived from its shape in one place:
 * 400 when it takes params, a query or a body; 401 and 403 unless public (403 also for a
 * state-changing route's CSRF check); 404 for an id in the path; 409 for a write; 413 and 415
 * for a body; 429 (rate limit) and 503 (database unavailable) everywhere.
 */
export function problemStatuses(route: RouteShape): ProblemStatus[] {
  const method = (Array.isArray(route.method) ? route.method[0] : route.method)?.toUpperCase() ?? 'GET';
  const schema = route.schema ?? {};
  const config = route.config ?? {};
  const out = new Set<ProblemStatus>(config.problems ?? []);
  const takesBody = WITH_BODY.has(method) && Boolean(schema.body || schema.consumes);
  if (schema.params || schema.querystring || takesBody) out.add(400);
  if (!config.public) out.add(401).add(403);
  if (UNSAFE.has(method) && !config.csrfExempt) out.add(403);
  if (schema.params) out.add(404);
  if (WITH_BODY.has(method) && !config.public) out.add(409);
  if (takesBody) out.add(413).add(415);
  out.add(429).add(503);
  return PROBLEM_STATUSES.filter((s) => out.has(s));
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0] & { route?: RouteShape };

/**
 * The OpenAPI transform: every /api route's document lists its error responses as
 * `application/problem+json` ({@link ProblemDoc}, `#/components/schemas/Problem`), then the zod
 * schemas become JSON Schema as usual. An error status the route declares itself keeps its
 * schema, as problem+json.
 */
export function openapiTransform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const { schema, url, route } = input;
  if (!schema || schema.hide || !url.startsWith('/api/') || !route) return jsonSchemaTransform(input);
  const response: Record<string, unknown> = { ...(schema.response as Record<string, unknown> | undefined) };
  // An error the route declares itself (e.g. a 409 carrying the current record) leaves through
  // platform/errors.ts too, so it is problem+json.
  for (const [status, declared] of Object.entries(response)) {
    if (Number(status) < 400 || (declared && typeof declared === 'object' && 'content' in declared)) continue;
    response[status] = {
      description: DESCRIPTIONS[Number(status) as ProblemStatus] ?? 'Lỗi',
      content: { 'application/problem+json': { schema: declared } },
    };
  }
  for (const status of problemStatuses(route)) {
    if (response[status] !== undefined) continue;
    response[status] = {
      description: DESCRIPTIONS[status],
      content: { 'application/problem+json': { schema: ProblemDoc } },
    };
  }
  return jsonSchemaTransform({ ...input, schema: { ...schema, response } });
}
