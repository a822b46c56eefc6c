import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { modules } from '../modules/index.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { DatabaseKind } from '../platform/db/database.js';
import { JobQueue } from '../platform/jobs.js';
import type { App, JobDefinition } from '../platform/types.js';
import { DEMO_PASSWORD, testDatabase, type Variant } from './db.js';

export interface TestApp {
  app: App;
  db: Awaited<ReturnType<typeof testDatabase>>['db'];
  kind: DatabaseKind;
  /** The app's job queue (not polling unless a test calls `jobs.start()`). */
  jobs: JobQueue;
  close(): Promise<void>;
  login(username: string, password?: string): Promise<Session>;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  user: { id: string; username: string };
  request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse>;
}

export interface TestAppOptions extends Omit<Partial<Config>, 'jobs'> {
  /** A fixed clock (platform/clock.ts fixedClock) for every service of the app. */
  clock?: Clock;
  /** Extra job handlers, beside the modules' own. */
  // biome-ignore lint/suspicious/noExplicitAny: each job declares its own data type
  jobs?: JobDefinition<any>[];
}

/** @param options a clock, extra jobs, and any configuration to override. */
export async function testApp(
  kind: DatabaseKind = 'pglite',
  variant: Variant = 'demo',
  options: TestAppOptions = {},
): Promise<TestApp> {
  const { clock: fixed, jobs: extraJobs, ...overrides } = options;
  const database = await testDatabase(kind, variant);
  const dataDir = mkdtempSync(join(tmpdir(), 'tk-test-data-')); // the PGlite file store (platform/files.ts)
  const config = { ...loadConfig({}), webDir: '/nonexistent', logLevel: 'silent', dataDir, ...overrides };
  const clock = fixed ?? systemClock;
  const jobs = new JobQueue(database, modules, clock);
  for (const job of extraJobs ?? []) jobs.define(job);
  const app = await buildApp({ config, database, logger: false, clock, jobs });
  await app.ready();
  return {
    app,
    db: database.db,
    kind,
    jobs,
    close: async () => {
      await jobs.stop();
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    login: async (username, password = DEMO_PASSWORD) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const body = res.json() as { csrfToken: string; user: { id: string; username: string } };
      return {
        cookie,
        csrfToken: body.csrfToken,
        user: body.user,
        request: ({ csrf = true, headers, ...options }) =>
          app.inject({
            ...options,
            headers: { ...headers, cookie, ...(csrf ? { 'x-csrf-token': body.csrfToken } : {}) },
          }),
      };
    },
  };
}

/** Id of a demo unit by its code. */
export async function unitId(t: TestApp, code: string): Promise<string> {
  const row = await t.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

/** A multipart/form-data body with one file in the field `file`. */
export function multipartFile(fileName: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----trienkhai-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
