import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import { modules } from './modules/index.js';
import { registerAuth } from './platform/auth/plugin.js';
import { type Clock, systemClock } from './platform/clock.js';
import { currentMigration, type DatabaseHandle } from './platform/db/database.js';
import { DATABASE_RETRY_AFTER_SECONDS, withDeadline } from './platform/db/unavailable.js';
import { frameworkErrors, registerErrorHandling } from './platform/errors.js';
import { DiskFileStore } from './platform/files.js';
import { registerInputGuard } from './platform/input.js';
import { JobQueue } from './platform/jobs.js';
import { openapiTransform } from './platform/openapi.js';
import { registerRouteTable } from './platform/route-table.js';
import type { App, Deps } from './platform/types.js';

export interface BuildOptions {
  config: Config;
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
  /** "now" for every service; tests pass a fixed clock (platform/clock.ts). */
  clock?: Clock;
  /** The job queue; by default one over `database` with the modules' jobs, not polling. */
  jobs?: JobQueue;
}

/** Platform plugins in a fixed order, then every module of modules/index.ts. */
export async function buildApp({ config, database, logger, clock = systemClock, jobs }: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: false,
    bodyLimit: 2 * 1024 * 1024,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveWeb = existsSync(join(config.webDir, 'index.html'));
  registerErrorHandling(app, { enabled: serveWeb });
  registerRouteTable(app);

  // Many district and commune intranets serve the app over plain HTTP: upgrading requests to
  // HTTPS (CSP upgrade-insecure-requests) and HSTS belong to COOKIE_SECURE=on only, or the
  // browser asks for the scripts over HTTPS and shows a blank page.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1024 * 1024, parts: 10 } });
  await app.register(rateLimit, { max: 1000, timeWindow: '1 minute', allowList: ['127.0.0.1', '::1'] });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Triển Khai API',
        version: '1',
        description:
          'API của Triển Khai. Đăng nhập bằng POST /api/v1/auth/login; mọi yêu cầu thay đổi dữ liệu gửi kèm header x-csrf-token. Lỗi trả về application/problem+json.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tk_session' } } },
      security: [{ session: [] }],
    },
    // Every route's error responses (problem+json) are added in one place: platform/openapi.ts.
    transform: openapiTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  registerInputGuard(app);
  registerAuth(app, database.db, clock);

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Tình trạng hệ thống',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.object({ kind: z.enum(['pglite', 'postgres']), migration: z.string().nullable() }),
          }),
          503: z.object({
            status: z.literal('degraded'),
            database: z.object({ kind: z.enum(['pglite', 'postgres']), migration: z.null() }),
          }),
        },
      },
    },
    // Answers within HEALTH_TIMEOUT_MS even when the database is stopped or frozen.
    async (_req, reply) => {
      try {
        const migration = await withDeadline(currentMigration(database.db), config.healthTimeoutMs);
        return { status: 'ok' as const, database: { kind: database.kind, migration } };
      } catch {
        return reply
          .status(503)
          .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
          .send({ status: 'degraded' as const, database: { kind: database.kind, migration: null } });
      }
    },
  );

  // An unknown /api address is 404 with or without a session (the web app's catch-all route
  // would otherwise take it and ask for a session first).
  app.all('/api/*', { config: { public: true }, schema: { hide: true } }, (_req, reply) => reply.callNotFound());

  // PGlite runs in this thread: file bytes stay out of it (platform/files.ts, docs/adr/0004).
  const files = database.kind === 'pglite' ? new DiskFileStore(join(config.dataDir, 'files')) : null;
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock,
    jobs: jobs ?? new JobQueue(database, modules, clock),
    files,
  };
  for (const module of modules) module.routes(app, deps);

  if (serveWeb) {
    // Files are looked up at request time, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, {
      root: config.webDir,
      // The build writes .br and .gz beside every asset (vite.config.ts): sent as they are.
      preCompressed: true,
      maxAge: '1h',
      setHeaders: (res, path) => {
        if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
        else res.header('cache-control', 'no-cache');
      },
    });
  }
  return app;
}
