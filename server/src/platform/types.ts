import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { DatabaseKind } from './db/database.js';
import type { Database } from './db/schema.js';
import type { FileStore } from './files.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Deps {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  config: Config;
  /** "now" and "today" for every service; fixed in tests. */
  clock: Clock;
  /** The durable job queue (platform/jobs.ts): enqueue, list, retry, cancel. */
  jobs: import('./jobs.js').JobQueue;
  /** Where file bytes live outside the database (PGlite: DATA_DIR/files); null: in the database. */
  files: FileStore | null;
}

/** What a demo seed receives: one transaction for the whole demo, and what earlier seeds left. */
export interface SeedContext {
  db: Kysely<Database>;
  clock: Clock;
  demoPassword: string;
  /** Values handed from one seed to a later one (e.g. the directory's unit ids by code). */
  shared: Map<string, unknown>;
}

/** One step of the demo; steps of every module run in `order` (ascending). */
export interface DemoSeed {
  order: number;
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

/** A job a module handles; `schedule` (cron, Vietnam time) enqueues it periodically. */
export interface JobDefinition<T extends object = Record<string, unknown>> {
  /** Queue name, `<module>.<job>`. */
  name: string;
  /** Runs inside a transaction (`ctx.db`) that also completes the job: its writes and the
   * completion commit together, so a crash before the commit leaves neither. */
  handler(ctx: JobContext, data: T): Promise<void>;
  schedule?: { cron: string; data?: T };
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** The lease: a job active longer than this is taken again by another worker. */
  expireInSeconds?: number;
  /** Jobs fetched per poll (default 1): many small jobs (one reminder each) are not held to one per poll. */
  batchSize?: number;
}

export interface JobContext {
  db: Kysely<Database>;
  clock: Clock;
  jobId: string;
  /** The idempotency key the job was sent with (its singleton key), or its id. */
  key: string;
  /** Enqueues another job inside this job's transaction (it exists only if this one completes). */
  send(queue: string, data: object, options?: { key?: string; startAfter?: Date }): Promise<string | null>;
}

/** A module declares itself here; modules/index.ts lists the manifests, bootstrap and app read them. */
export interface ModuleManifest {
  name: string;
  routes(app: App, deps: Deps): void;
  /** Who may do what in this module (its `<m>.policy.ts`); services ask it before every read
   * and write. Declared here so that the platform and its tests can list every module's rules. */
  policy?: object;
  /** Lists the product needs in every installation (levels, kinds); run at every start. */
  referenceData?(db: Kysely<Database>): Promise<void>;
  /** Demo data, loaded into an empty directory when TRIENKHAI_DEMO is on. */
  seeds?: DemoSeed[];
  // biome-ignore lint/suspicious/noExplicitAny: each job declares its own data type
  jobs?: JobDefinition<any>[];
  /** Runs inside the transaction of any write that changes a plan (platform/plan-events.ts). */
  onPlanChanged?: import('./plan-events.js').PlanChangeHandler;
  /** Runs inside the transaction of any write that changes the directory's units. */
  onDirectoryChanged?: import('./plan-events.js').DirectoryChangeHandler;
  /** Gates on submitting and accepting the obligations of a role this module owns. */
  reviewGates?: import('./plan-events.js').ReviewGate[];
}
