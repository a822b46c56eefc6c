import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrations } from '../../../migrations/index.js';
import { lockDataDir } from './lock.js';
import { PGliteDialect, TYPE_PARSERS } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** Raw SQL for libraries that bring their own (pg-boss): several statements when no values;
   * on PGlite it waits for the one connection like every Kysely query. */
  executeSql?(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent, embedded PGlite is used. */
  url?: string | undefined;
  /** Folder for PGlite's files; absent means in memory. */
  dataDir?: string | undefined;
  /** An existing PGlite (tests pass a clone of a migrated template). */
  pglite?: PGliteInterface;
  /** PostgreSQL: ms to get a connection (new or from a busy pool); default 5 s. */
  connectTimeoutMs?: number | undefined;
  /** PostgreSQL: ms a statement may run (server side) and wait for its answer (client side); default 30 s. */
  statementTimeoutMs?: number | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      // A stopped server fails fast, a frozen one answers within the timeouts: the request gets
      // 503 database_unavailable (platform/db/unavailable.ts) instead of hanging.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      query_timeout: (options.statementTimeoutMs ?? 30_000) + 1_000,
      keepAlive: true,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          const parser = TYPE_PARSERS[oid];
          return parser ?? pg.types.getTypeParser(oid, format as 'text');
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client that the server drops (restart, admin command) must not crash the process;
    // the pool replaces it on the next query.
    let closing = false;
    pool.on('error', (error) => {
      if (!closing) console.error(`PostgreSQL: idle connection lost: ${error.message}`);
    });
    // Nor one lost while it is checked out (the server stopped between two queries of a request):
    // that request answers 503 and the pool drops the broken client when it comes back.
    pool.on('connect', (client) => {
      client.on('error', (error) => {
        if (!closing) console.error(`PostgreSQL: connection lost: ${error.message}`);
      });
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      executeSql: async (text, values) => {
        const result = await pool.query(text, values as unknown[]);
        return Array.isArray(result) ? (result.at(-1) ?? { rows: [] }) : result;
      },
      close: async () => {
        closing = true;
        await db.destroy();
      },
    };
  }
  let pglite: PGliteInterface | undefined = options.pglite;
  // One process per data folder (platform/db/lock.ts): a second one would lose writes.
  let lock: Awaited<ReturnType<typeof lockDataDir>> | undefined;
  if (!pglite) {
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      lock = await lockDataDir(options.dataDir);
    }
    pglite = newPGlite(options.dataDir ? join(options.dataDir, 'pglite') : undefined);
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  const lite = pglite;
  const executeSql = (text: string, values?: unknown[]) =>
    db.connection().execute(async () => {
      if (values?.length) return lite.query(text, values as unknown[], { parsers: TYPE_PARSERS });
      return (await lite.exec(text, { parsers: TYPE_PARSERS })).at(-1) ?? { rows: [] };
    });
  return {
    db,
    kind: 'pglite',
    executeSql,
    close: async () => {
      await db.destroy();
      await lock?.release();
    },
  };
}

/** A PGlite with the extensions our migrations use (pg_trgm for search). */
export function newPGlite(dataDir?: string): PGlite {
  return new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
}

export function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
}

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string | null> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${reason}`);
  }
  return currentMigration(db);
}

export async function currentMigration(db: Kysely<Database>): Promise<string | null> {
  const all = await migrator(db).getMigrations();
  const done = all.filter((m) => m.executedAt);
  return done.at(-1)?.name ?? null;
}
