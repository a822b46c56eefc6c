import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import type { DatabaseKind } from '../platform/db/database.js';
import type { App } from '../platform/types.js';
import { DEMO_PASSWORD, testDatabase, type Variant } from './db.js';

export interface TestApp {
  app: App;
  db: Awaited<ReturnType<typeof testDatabase>>['db'];
  kind: DatabaseKind;
  close(): Promise<void>;
  login(username: string, password?: string): Promise<Session>;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  user: { id: string; username: string };
  request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse>;
}

export async function testApp(
  kind: DatabaseKind = 'pglite',
  variant: Variant = 'demo',
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const database = await testDatabase(kind, variant);
  const dataDir = mkdtempSync(join(tmpdir(), 'tk-test-data-')); // the PGlite file store (platform/files.ts)
  const config = { ...loadConfig({}), webDir: '/nonexistent', logLevel: 'silent', dataDir, ...overrides };
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    db: database.db,
    kind,
    close: async () => {
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
