import { type Kysely, sql, type Transaction } from 'kysely';
import { type Clock, systemClock } from './clock.js';
import { migrateToLatest } from './db/database.js';
import type { Database } from './db/schema.js';
import type { ModuleManifest, SeedContext } from './types.js';

export interface BootstrapResult {
  migration: string | null;
  demoLoaded: boolean;
}

export interface BootstrapOptions {
  demo: boolean;
  demoPassword: string;
  /** The manifests of modules/index.ts (passed in: the platform imports no module). */
  modules: readonly ModuleManifest[];
  clock?: Clock;
}

/**
 * Brings a database to a usable state: migrations, every module's reference lists, and — when
 * asked and the directory is empty — the demo. Safe to run at every start.
 */
export async function bootstrap(db: Kysely<Database>, options: BootstrapOptions): Promise<BootstrapResult> {
  const migration = await migrateToLatest(db);
  for (const module of options.modules) await module.referenceData?.(db);
  let demoLoaded = false;
  if (options.demo) {
    const empty = (await db.selectFrom('org_unit').select('id').limit(1).execute()).length === 0;
    if (empty) {
      await loadDemo(db, options.demoPassword, options.modules, options.clock);
      demoLoaded = true;
    }
  }
  return { migration, demoLoaded };
}

/**
 * Every module's demo seeds in one transaction: a crash or an error part-way leaves nothing, so
 * the next start finds an empty directory and loads the whole demo again.
 */
export async function loadDemo(
  db: Kysely<Database>,
  password: string,
  modules: readonly ModuleManifest[],
  clock: Clock = systemClock,
): Promise<void> {
  const seeds = modules.flatMap((m) => m.seeds ?? []).sort((a, b) => a.order - b.order);
  await db.transaction().execute(async (trx) => {
    // Two starts at once (PostgreSQL): the second waits here, then finds the demo loaded.
    await sql`select pg_advisory_xact_lock(7305001)`.execute(trx);
    const loaded = (await trx.selectFrom('org_unit').select('id').limit(1).execute()).length > 0;
    if (loaded) return;
    const ctx: SeedContext = { db: joined(trx), clock, demoPassword: password, shared: new Map() };
    for (const seed of seeds) await seed.run(ctx);
  });
}

/**
 * The transaction seen as a database whose own `transaction()` joins it: the services the seeds
 * call open their transactions as usual, and all of them commit (or roll back) together.
 */
export function joined(trx: Transaction<Database>): Kysely<Database> {
  return new Proxy(trx, {
    get(target, property, receiver) {
      if (property === 'transaction') {
        return () => {
          const builder: Record<string, unknown> = new Proxy(
            {},
            {
              get: (_t, method) =>
                method === 'execute' ? (fn: (t: Kysely<Database>) => Promise<unknown>) => fn(receiver) : () => builder,
            },
          );
          return builder;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Kysely<Database>;
}

/** A value an earlier demo seed left in `ctx.shared`; a missing one is a seed-order mistake. */
export function sharedValue<T>(ctx: SeedContext, key: string): T {
  if (!ctx.shared.has(key)) throw new Error(`demo seed: ${key} is not set by an earlier seed`);
  return ctx.shared.get(key) as T;
}
