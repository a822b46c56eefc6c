import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, testApp } from '../test-support/app.js';
import { backends } from '../test-support/db.js';

/**
 * The fuzzer (docs/testing.md): every route and method of /api/docs/json, as an administrator
 * with a valid CSRF token, gets a bounded, seeded set of hostile inputs — NUL bytes, unpaired
 * surrogates, huge strings, impossible dates, wrong types, forged and malformed ids, malformed
 * JSON, multipart without a file name — in path, query and body. No answer may be 5xx, and every
 * error must be problem+json. A new route is fuzzed without being listed here.
 *
 * FUZZ_SEED picks another seed; FUZZ_PER_ROUTE (default 40) bounds the requests per route and
 * FUZZ_BUDGET_MS (default 90 s per backend) the time.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 40);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 90_000);

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u200b\u200c\ufeff',
  '',
  '   ',
  'A'.repeat(100_000),
  'Ư'.repeat(3_000),
  '0000-01-01',
  '2024-02-30',
  '99999-01-01',
  'tomorrow',
  '2024-13-01',
  "' or 1=1 --",
  '%',
  '%%00',
  '\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '𝕏😀',
  '-1',
  '1e309',
  'null',
];
const WRONG_TYPES: unknown[] = [0, -1, 1e308, 3.5, true, null, [], {}, [1, 2], { $gt: '' }, ['\u0000']];
const FORGED_UUID = '3f1c2b1e-9d4e-4c4b-8a6e-1d2f3a4b5c6d';
const ID_VALUES = [FORGED_UUID, '00000000-0000-0000-0000-000000000000', 'not-a-uuid', '1', '%00', '%ED%A0%80'];
const HOSTILE_QUERY = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  'A'.repeat(5_000),
  '0000-01-01',
  '2024-02-30',
  '99999-01-01',
  'tomorrow',
  '-1',
  '1e309',
  'true',
  '',
  FORGED_UUID,
];

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
};
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
};
type Spec = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

interface Outcome {
  method: string;
  url: string;
  status: number;
  contentType: string;
  note: string;
}

describe.each(backends())('fuzzing every route on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let spec: Spec;
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await testApp(kind);
    admin = await t.login('admin');
    spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as Spec;
    // Real ids too, so that hostile bodies reach the services and not only the id check.
    const pick = async (url: string) =>
      ((await admin.request({ method: 'GET', url })).json() as { items?: { id: string }[] }).items
        ?.slice(0, 3)
        .map((i) => i.id) ?? [];
    ids.document = await pick('/api/v1/documents');
    ids.unit = await pick('/api/v1/org-units?q=huyen');
    ids.plan = await pick('/api/v1/plans');
  }, 120_000);
  afterAll(() => t.close());

  it('answers no hostile request with 5xx, and every error as problem+json', async () => {
    const random = rng(SEED);
    const pickOne = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const resolve = (s: Schema | undefined): Schema => {
      if (!s) return {};
      if (s.$ref) return resolve(spec.components?.schemas?.[s.$ref.split('/').pop() ?? '']);
      return s;
    };
    const realId = () => pickOne([...(ids.document ?? []), ...(ids.unit ?? []), ...(ids.plan ?? [])]);

    /** A plausible value for a schema: the base that one hostile change is made to. */
    const plausible = (raw: Schema | undefined, depth = 0): unknown => {
      const s = resolve(raw);
      if (s.const !== undefined) return s.const;
      if (s.enum) return pickOne(s.enum);
      const variants = s.anyOf ?? s.oneOf;
      if (variants) return plausible(pickOne(variants.filter((v) => resolve(v).type !== 'null')) ?? {}, depth);
      const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
      if (depth > 6) return null;
      switch (type) {
        case 'object': {
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = plausible(v, depth + 1);
          return out;
        }
        case 'array':
          return random() < 0.5 ? [] : [plausible(s.items, depth + 1)];
        case 'integer':
        case 'number':
          return 1;
        case 'boolean':
          return false;
        case 'string':
          if (s.format === 'uuid') return realId() ?? FORGED_UUID;
          if (s.format === 'date') return '2025-06-01';
          return 'Thử nghiệm';
        default:
          return 'x';
      }
    };

    /** Paths to every leaf of a value, for a hostile change at one of them. */
    const leaves = (value: unknown, path: (string | number)[] = []): (string | number)[][] => {
      if (value && typeof value === 'object') {
        const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
        const below = entries.flatMap(([k, v]) => leaves(v, [...path, k]));
        return below.length ? [path, ...below] : [path];
      }
      return [path];
    };
    const setAt = (value: unknown, path: (string | number)[], leaf: unknown): unknown => {
      if (path.length === 0) return leaf;
      const copy = structuredClone(value) as Record<string | number, unknown>;
      let node = copy;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
      node[path.at(-1) as string | number] = leaf;
      return copy;
    };
    const hostileValue = () => (random() < 0.65 ? pickOne(HOSTILE_STRINGS) : pickOne(WRONG_TYPES));

    const outcomes: Outcome[] = [];
    const started = performance.now();
    let session = admin;
    const send = async (method: string, url: string, note: string, extra: Record<string, unknown> = {}) => {
      // Hostile sign-ins come from another address, so the login throttle they fill is not ours.
      const login = url.split('?')[0]?.endsWith('/auth/login') ?? false;
      const res = await session.request({
        method: method as 'GET',
        url,
        ...extra,
        ...(login ? { remoteAddress: '203.0.113.7' } : {}),
      });
      outcomes.push({
        method,
        url: url.slice(0, 160),
        status: res.statusCode,
        contentType: String(res.headers['content-type'] ?? ''),
        note: `${note}: ${res.body.slice(0, 160)}`,
      });
      // Logout (or a hostile request that ends the session) must not stop the run.
      if ((res.statusCode === 401 && !login) || (method === 'POST' && url.endsWith('/auth/logout'))) {
        session = await t.login('admin');
      }
    };

    for (const [template, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const verb = method.toUpperCase();
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === 'path');
        const queryParams = params.filter((p) => p.in === 'query');
        const jsonSchema = op.requestBody?.content['application/json']?.schema;
        const multipart = Boolean(op.requestBody?.content['multipart/form-data']) || template.endsWith('/file');
        const withPath = (choose: (name: string) => string) =>
          pathParams.reduce((url, p) => url.replace(`{${p.name}}`, choose(p.name)), template);
        const goodPath = () => withPath((name) => (name === 'code' ? 'district' : (realId() ?? FORGED_UUID)));

        for (let n = 0; n < PER_ROUTE && performance.now() - started < BUDGET_MS; n++) {
          const roll = random();
          if (pathParams.length && roll < 0.2) {
            await send(
              verb,
              withPath(() => pickOne(ID_VALUES)),
              'path',
            );
          } else if (queryParams.length && roll < 0.5) {
            const query = queryParams
              .filter(() => random() < 0.6)
              .map((p) => `${encodeURIComponent(p.name)}=${pickOne(HOSTILE_QUERY)}`)
              .join('&');
            await send(verb, `${goodPath()}?${query}`, 'query');
          } else if (jsonSchema && roll < 0.85) {
            const base = plausible(jsonSchema);
            const at = pickOne(leaves(base));
            await send(verb, goodPath(), `body at ${at.join('.')}`, { payload: setAt(base, at, hostileValue()) });
          } else if (multipart && roll < 0.95) {
            const b = 'fuzz';
            const bodies = [
              `--${b}\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\nKẾ HOẠCH\r\n--${b}--\r\n`,
              `--${b}\r\nContent-Disposition: form-data; name="file"; filename=""\r\n\r\nx\r\n--${b}--\r\n`,
              `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.txt"\r\n\r\nx\r\n--${b}--\r\n`,
              `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nKẾ HOẠCH`,
              `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\n\r\nPK\u0003\u0004garbage\r\n--${b}--\r\n`,
              'garbage',
            ];
            await send(verb, goodPath(), 'multipart', {
              payload: pickOne(bodies),
              headers: { 'content-type': `multipart/form-data; boundary=${b}` },
            });
          } else if (verb !== 'GET' && verb !== 'DELETE') {
            const raw = pickOne(['{"a":', '[', 'nul', '{"title": "\\ud800"}', '"x"', '[]', '1', '']);
            await send(verb, goodPath(), 'malformed JSON', {
              payload: raw,
              headers: { 'content-type': 'application/json' },
            });
          } else {
            await send(verb, `${goodPath()}?${pickOne(HOSTILE_QUERY)}=${pickOne(HOSTILE_QUERY)}`, 'stray query');
          }
        }
      }
    }

    const serverErrors = outcomes.filter((o) => o.status >= 500);
    const notProblems = outcomes.filter((o) => o.status >= 400 && !o.contentType.includes('application/problem+json'));
    const routes = new Set(outcomes.map((o) => `${o.method} ${o.url.split('?')[0]}`)).size;
    console.info(
      `fuzz ${kind}: seed ${SEED}, ${outcomes.length} requests over ${Object.keys(spec.paths).length} paths (${routes} distinct URLs), ${serverErrors.length} answered 5xx`,
    );
    expect(outcomes.length).toBeGreaterThan(200);
    expect(serverErrors).toEqual([]);
    expect(notProblems).toEqual([]);
  }, 300_000);
});
