import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { modules } from '../modules/index.js';
import { bootstrap } from '../platform/bootstrap.js';
import { type DatabaseHandle, type DatabaseKind, newPGlite, openDatabase } from '../platform/db/database.js';

/**
 * Databases for tests. PGlite: one migrated template per worker and variant, cloned for each
 * test database. PostgreSQL (TEST_DATABASE_URL): templates made once by the global setup,
 * copied with CREATE DATABASE … TEMPLATE and dropped on close.
 */
export type Variant = 'empty' | 'demo';
export const DEMO_PASSWORD = 'test-demo-password';

export function backends(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

const templates = new Map<Variant, Promise<PGlite>>();

async function pgliteTemplate(variant: Variant): Promise<PGlite> {
  let template = templates.get(variant);
  if (!template) {
    template = (async () => {
      const pglite = newPGlite();
      const handle = await openDatabase({ pglite });
      await bootstrap(handle.db, { demo: variant === 'demo', demoPassword: DEMO_PASSWORD, modules });
      return pglite; // the Kysely handle is left open: closing it would close the template
    })();
    templates.set(variant, template);
  }
  return template;
}

export function templateName(variant: Variant): string {
  return `tk_template_${variant}`;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function testDatabase(kind: DatabaseKind = 'pglite', variant: Variant = 'demo'): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const clone = await (await pgliteTemplate(variant)).clone();
    return openDatabase({ pglite: clone });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return openThrowaway(url, { template: templateName(variant) });
}

/**
 * A new database on the PostgreSQL server at `serverUrl` (a copy of `template`, or empty): its
 * URL and how to drop it. Tests, the migration tests and the benchmarks make theirs here.
 */
export async function throwawayDatabase(
  serverUrl: string,
  options: { prefix?: string; template?: string } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${options.prefix ?? 'tk_t_'}${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}${options.template ? ` template ${options.template}` : ''}`);
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** A throwaway database, opened; closing the handle drops it. */
export async function openThrowaway(
  serverUrl: string,
  options: { prefix?: string; template?: string } = {},
): Promise<DatabaseHandle> {
  const database = await throwawayDatabase(serverUrl, options);
  const handle = await openDatabase({ url: database.url });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}

/** Vitest global setup for PostgreSQL: builds the templates once, drops every test database after. */
export async function setupPostgresTemplates(url: string): Promise<() => Promise<void>> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dropAll = async () => {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'tk\\_t\\_%' or datname like 'tk\\_template\\_%'",
    );
    for (const { datname } of rows) {
      await admin.query(`alter database ${datname} is_template false`);
      await admin.query(`drop database if exists ${datname} with (force)`);
    }
  };
  await dropAll();
  for (const variant of ['empty', 'demo'] as const) {
    const name = templateName(variant);
    await admin.query(`create database ${name}`);
    const handle = await openDatabase({ url: withDatabase(url, name) });
    await bootstrap(handle.db, { demo: variant === 'demo', demoPassword: DEMO_PASSWORD, modules });
    await handle.close();
    await admin.query(`alter database ${name} is_template true`);
  }
  return async () => {
    await dropAll();
    await admin.end();
  };
}
