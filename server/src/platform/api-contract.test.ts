import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GENERATED_FILE, generateApiTypes, openapiDocument } from '../../../scripts/gen-api.js';
import { openapiTransform, ProblemDoc, problemStatuses } from './openapi.js';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * The one API contract: the server's zod schemas → /api/docs/json → web/src/api/schema.gen.ts.
 * The web app compiles against the generated file, so a drift between server and web fails here.
 */
describe('API contract', () => {
  let document: Document;
  const operations: { path: string; method: string; op: Operation }[] = [];

  beforeAll(async () => {
    document = (await openapiDocument()) as unknown as Document;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item))
        if (METHODS.includes(method)) operations.push({ path, method, op });
    }
  }, 60_000);

  it('web/src/api/schema.gen.ts is generated from the current server (run npm run gen:api)', async () => {
    const expected = await generateApiTypes(document as unknown as Record<string, unknown>);
    const checkedIn = await readFile(GENERATED_FILE, 'utf8').catch(() => '');
    expect(checkedIn === expected, 'web/src/api/schema.gen.ts is out of date: run npm run gen:api').toBe(true);
  });

  it('documents every /api route', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.every((o) => o.path.startsWith('/api/'))).toBe(true);
  });

  it('gives every route a response schema for its success', () => {
    const missing = operations
      .filter(({ op }) => {
        const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        return !ok.some(([, r]) => Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
      })
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });

  it('lists every route’s error responses as problem+json', () => {
    expect(document.components.schemas.Problem).toBeDefined();
    const wrong: string[] = [];
    for (const { path, method, op } of operations) {
      const errors = Object.keys(op.responses ?? {}).filter((s) => /^[45]\d\d$/.test(s));
      // every route: the rate limit and a database outage
      for (const status of ['429', '503']) if (!errors.includes(status)) wrong.push(`${method} ${path}: no ${status}`);
      for (const status of errors) {
        const content = op.responses?.[status]?.content ?? {};
        if (!content['application/problem+json']) wrong.push(`${method} ${path}: ${status} is not problem+json`);
      }
      const isPublicRead = path === '/api/health';
      if (!isPublicRead && !errors.includes('401') && !errors.includes('403'))
        wrong.push(`${method} ${path}: neither 401 nor 403`);
      if (path.includes('{') && !errors.includes('404')) wrong.push(`${method} ${path}: no 404 for its id`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('problemStatuses', () => {
  it('derives the statuses from the route’s shape', () => {
    expect(problemStatuses({ method: 'GET', url: '/api/health', config: { public: true } })).toEqual([429, 503]);
    expect(problemStatuses({ method: 'GET', url: '/api/v1/x/:id', schema: { params: {} } })).toEqual([
      400, 401, 403, 404, 429, 503,
    ]);
    expect(problemStatuses({ method: 'PATCH', url: '/api/v1/x/:id', schema: { params: {}, body: {} } })).toEqual([
      400, 401, 403, 404, 409, 413, 415, 429, 503,
    ]);
    expect(
      problemStatuses({
        method: 'POST',
        url: '/api/v1/auth/login',
        schema: { body: {} },
        config: { public: true, csrfExempt: true, problems: [401, 429] },
      }),
    ).toEqual([400, 401, 413, 415, 429, 503]);
  });

  it('describes what platform/errors.ts sends', () => {
    const sent = { type: 'about:blank', title: 'Bad Request', status: 400, code: 'validation_failed', detail: 'x' };
    expect(ProblemDoc.safeParse({ ...sent, fields: ['name'] }).success).toBe(true);
    expect(ProblemDoc.safeParse({ ...sent, current: { id: 'x' } }).data).toMatchObject({ current: { id: 'x' } });
    expect(ProblemDoc.safeParse({ status: 400 }).success).toBe(false);
  });

  it('keeps an error schema the route declares, as problem+json', () => {
    const Conflict = ProblemDoc.extend({ current: z.object({ version: z.number() }) });
    const out = openapiTransform({
      schema: { response: { 200: z.object({ ok: z.boolean() }), 409: Conflict } },
      url: '/api/v1/x',
      route: { method: 'PATCH', url: '/api/v1/x', schema: { body: {} } },
      openapiObject: { openapi: '3.0.3' },
    } as unknown as Parameters<typeof openapiTransform>[0]);
    const response = (out.schema as { response: Record<string, { content?: Record<string, { schema: unknown }> }> })
      .response;
    const conflict = response[409]?.content?.['application/problem+json']?.schema as { properties?: object };
    expect(conflict?.properties).toHaveProperty('current');
    expect(response[415]?.content?.['application/problem+json']).toBeDefined();
    expect(response[200]?.content).toBeUndefined();
  });
});
