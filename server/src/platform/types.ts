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
  /** Where file bytes live outside the database (PGlite: DATA_DIR/files); null: in the database. */
  files: FileStore | null;
}

/** A module registers its routes under /api/v1; see modules/index.ts. */
export interface ModuleManifest {
  name: string;
  routes(app: App, deps: Deps): void;
}
