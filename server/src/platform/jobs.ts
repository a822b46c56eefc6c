import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';
import { joined } from './bootstrap.js';
import { type Clock, systemClock } from './clock.js';
import type { DatabaseHandle } from './db/database.js';
import type { Database } from './db/schema.js';
import type { JobDefinition, ModuleManifest } from './types.js';

/**
 * Durable jobs on pg-boss 10 (docs/adr/0003-durable-jobs-pg-boss.md), over our own connection:
 * PGlite's one connection (each pg-boss statement waits its turn like a Kysely query) or the
 * PostgreSQL pool. pg-boss gives the schedule (start_after, cron), the retries with back-off and
 * the lease (a job active longer than `expireInSeconds` is failed and retried by maintenance).
 * We add the exactly-once effect: the handler runs in one transaction with the job's completion
 * and a `job_receipt` row for its idempotency key.
 */
export const JOB_SCHEMA = 'pgboss';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

type Executor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobRow {
  id: string;
  queue: string;
  state: JobState;
  key: string | null;
  data: unknown;
  output: unknown;
  retryCount: number;
  retryLimit: number;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  createdOn: Date;
}

export interface SendOptions {
  /** Idempotency key: a second send with the same key while the first job exists adds nothing,
   * and the effect of a key happens once (job_receipt). */
  key?: string;
  /** Not before this instant. */
  startAfter?: Date;
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  db?: Kysely<Database>;
}

export interface WorkerOptions {
  /** Seconds between polls of each queue (pg-boss minimum 0.5). */
  pollingIntervalSeconds?: number;
  /** Seconds between maintenance runs (expired leases, retention). */
  maintenanceIntervalSeconds?: number;
  /** Run the cron schedules of the manifests (one process per installation is enough). */
  schedules?: boolean;
}

/** A job id derived from queue + key, so a duplicate send is an ON CONFLICT DO NOTHING. */
export function jobIdForKey(queue: string, key: string): string {
  const h = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function trxExecutor(trx: Kysely<Database>): Executor {
  return {
    executeSql: async (text, values) => {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}

export class JobQueue {
  private client: PgBoss | null = null;
  private installed: Promise<void> | null = null;
  private worker: PgBoss | null = null;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly executor: Executor;

  constructor(
    private readonly database: Pick<DatabaseHandle, 'db' | 'executeSql'>,
    modules: readonly ModuleManifest[] = [],
    private readonly clock: Clock = systemClock,
  ) {
    if (!database.executeSql) throw new Error('jobs: the database handle has no executeSql');
    this.executor = { executeSql: database.executeSql };
    for (const m of modules) for (const job of m.jobs ?? []) this.define(job);
  }

  /** Adds a handler (modules declare theirs in the manifest; tests add their own). */
  // biome-ignore lint/suspicious/noExplicitAny: each job declares its own data type
  define(job: JobDefinition<any>): void {
    this.definitions.set(job.name, job);
  }

  get queues(): string[] {
    return [...this.definitions.keys()];
  }

  /** Installs (or upgrades) pg-boss's schema and the queues, once. No polling. */
  ready(): Promise<void> {
    if (!this.installed) {
      this.installed = (async () => {
        const client = new PgBoss({
          db: this.executor,
          schema: JOB_SCHEMA,
          supervise: false,
          schedule: false,
        } as PgBoss.ConstructorOptions);
        client.on('error', (error) => console.error(`jobs: ${error.message}`));
        await client.start();
        for (const job of this.definitions.values()) {
          const options = {
            retryLimit: job.retryLimit ?? 5,
            retryDelay: job.retryDelaySeconds ?? 30,
            retryBackoff: true,
            expireInSeconds: job.expireInSeconds ?? 15 * 60,
          };
          if (!(await client.getQueue(job.name))) {
            // Two processes starting at once: the second create fails; the queue exists then.
            await client.createQueue(job.name, { name: job.name, ...options }).catch(() => {});
          }
          await client.updateQueue(job.name, { name: job.name, ...options });
        }
        this.client = client;
      })().catch((error) => {
        this.installed = null;
        throw error;
      });
    }
    return this.installed;
  }

  /** Enqueues a job; returns its id, or null when a job with this key already exists. */
  async send(queue: string, data: object, options: SendOptions = {}): Promise<string | null> {
    if (!this.definitions.has(queue)) throw new Error(`jobs: unknown queue ${queue}`);
    await this.ready();
    return (this.client as PgBoss).send(queue, data, {
      ...(options.key ? { id: jobIdForKey(queue, options.key), singletonKey: options.key } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.db ? { db: trxExecutor(options.db) } : {}),
    } as PgBoss.SendOptions);
  }

  /** Starts polling every defined queue (and the cron schedules). */
  async start(options: WorkerOptions = {}): Promise<void> {
    await this.ready();
    const worker = new PgBoss({
      db: this.executor,
      schema: JOB_SCHEMA,
      supervise: true,
      schedule: options.schedules ?? true,
      migrate: false,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    } as PgBoss.ConstructorOptions);
    worker.on('error', (error) => console.error(`jobs: ${error.message}`));
    await worker.start();
    this.worker = worker;
    for (const job of this.definitions.values()) {
      await worker.work(
        job.name,
        {
          batchSize: job.batchSize ?? 1,
          includeMetadata: true,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        },
        // A batch is fetched at once; each job still runs in its own transaction with its receipt.
        async (batch: PgBoss.JobWithMetadata<unknown>[]) => {
          for (const received of batch) await this.run(job, received);
        },
      );
      if (job.schedule && (options.schedules ?? true)) {
        await worker.schedule(job.name, job.schedule.cron, job.schedule.data ?? {}, { tz: TIME_ZONE });
      }
    }
  }

  /** One attempt: receipt, effect and completion in one transaction. Throws → pg-boss retries. */
  private async run(job: JobDefinition, received: PgBoss.Job<unknown>): Promise<void> {
    const key = (received as { singletonKey?: string | null }).singletonKey ?? received.id;
    await this.database.db.transaction().execute(async (trx) => {
      const fresh = await trx
        .insertInto('job_receipt')
        .values({ key: `${job.name}:${key}`, queue: job.name, job_id: received.id })
        .onConflict((c) => c.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      if (fresh) {
        await job.handler(
          {
            db: joined(trx),
            clock: this.clock,
            jobId: received.id,
            key,
            send: (queue, data, options = {}) => this.send(queue, data, { ...options, db: trx }),
          },
          received.data as Record<string, unknown>,
        );
      }
      await (this.client as PgBoss).complete(job.name, received.id, fresh ? {} : { duplicateOf: key }, {
        db: trxExecutor(trx),
      } as never);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.stop({ graceful: false, wait: true, close: false } as never);
    if (this.client) await this.client.stop({ graceful: false, wait: true, close: false } as never);
  }

  /** Jobs, newest first: the live table and the archive. */
  async list(filter: { state?: JobState[]; queue?: string; limit: number; offset: number }): Promise<{
    items: JobRow[];
    total: number;
  }> {
    await this.ready();
    const db = this.database.db;
    const all = sql`(select id, name, state::text as state, singleton_key, data, output, retry_count, retry_limit,
        start_after, started_on, completed_on, created_on from ${sql.raw(JOB_SCHEMA)}.job
      union all
      select id, name, state::text, singleton_key, data, output, retry_count, retry_limit,
        start_after, started_on, completed_on, created_on from ${sql.raw(JOB_SCHEMA)}.archive)`;
    const where = sql.join(
      [
        sql`name not like '\\_\\_pgboss%'`,
        ...(filter.state?.length ? [sql`state in (${sql.join(filter.state)})`] : []),
        ...(filter.queue ? [sql`name = ${filter.queue}`] : []),
      ],
      sql` and `,
    );
    const rows = await sql<{
      id: string;
      name: string;
      state: JobState;
      singleton_key: string | null;
      data: unknown;
      output: unknown;
      retry_count: number;
      retry_limit: number;
      start_after: Date;
      started_on: Date | null;
      completed_on: Date | null;
      created_on: Date;
    }>`select * from ${all} j where ${where} order by created_on desc, id limit ${filter.limit} offset ${filter.offset}`.execute(
      db,
    );
    const count = await sql<{ n: number }>`select count(*)::int as n from ${all} j where ${where}`.execute(db);
    return {
      total: count.rows[0]?.n ?? 0,
      items: rows.rows.map((r) => ({
        id: r.id,
        queue: r.name,
        state: r.state,
        key: r.singleton_key,
        data: r.data,
        output: r.output,
        retryCount: r.retry_count,
        retryLimit: r.retry_limit,
        startAfter: new Date(r.start_after),
        startedOn: r.started_on ? new Date(r.started_on) : null,
        completedOn: r.completed_on ? new Date(r.completed_on) : null,
        createdOn: new Date(r.created_on),
      })),
    };
  }

  /** Number of jobs per state (live table and archive). */
  async counts(): Promise<Partial<Record<JobState, number>>> {
    await this.ready();
    const { rows } = await sql<{ state: JobState; n: number }>`
      select state, count(*)::int as n from (
        select state::text as state, name from ${sql.raw(JOB_SCHEMA)}.job
        union all select state::text, name from ${sql.raw(JOB_SCHEMA)}.archive) j
      where name not like '\_\_pgboss%' group by state`.execute(this.database.db);
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  /** The cron schedules the workers registered (queue, cron, time zone). */
  async schedules(): Promise<{ queue: string; cron: string; timezone: string | null }[]> {
    await this.ready();
    const { rows } = await sql<{ queue: string; cron: string; timezone: string | null }>`
      select name as queue, cron, timezone from ${sql.raw(JOB_SCHEMA)}.schedule order by name`.execute(
      this.database.db,
    );
    return rows;
  }

  /** One job by id (live table only: archived jobs are done and cannot change). */
  async get(trx: Kysely<Database>, id: string): Promise<{ id: string; queue: string; state: JobState } | undefined> {
    await this.ready();
    const r = await sql<{ id: string; name: string; state: JobState }>`
      select id, name, state::text as state from ${sql.raw(JOB_SCHEMA)}.job where id = ${id}::uuid
      for update`.execute(trx);
    const row = r.rows[0];
    return row ? { id: row.id, queue: row.name, state: row.state } : undefined;
  }

  /** A failed or cancelled job runs once more, now. */
  async retry(trx: Kysely<Database>, queue: string, id: string): Promise<boolean> {
    const r = await sql`
      update ${sql.raw(JOB_SCHEMA)}.job
      set state = 'retry', start_after = now(), completed_on = null, retry_limit = retry_count + 1
      where name = ${queue} and id = ${id}::uuid and state in ('failed', 'cancelled')`.execute(trx);
    return Number(r.numAffectedRows ?? 0) > 0;
  }

  /** A queued job is not run. */
  async cancel(trx: Kysely<Database>, queue: string, id: string): Promise<boolean> {
    const r = await sql`
      update ${sql.raw(JOB_SCHEMA)}.job set state = 'cancelled', completed_on = now()
      where name = ${queue} and id = ${id}::uuid and state in ('created', 'retry')`.execute(trx);
    return Number(r.numAffectedRows ?? 0) > 0;
  }
}
