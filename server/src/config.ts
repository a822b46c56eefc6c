import { resolve } from 'node:path';

/** Every setting comes from the environment; README lists them. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  demoPassword: string;
  logLevel: string;
  secureCookies: boolean;
  webDir: string;
  /** Run the job worker in this process (TRIENKHAI_JOBS, default on). */
  jobs: boolean;
  /** PostgreSQL timeouts (ms): a stopped or frozen server answers 503, never hangs a request. */
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
  /** How long /api/health waits for the database before it says "degraded" (503). */
  healthTimeoutMs: number;
  /** SMTP for e-mail reminders (TRIENKHAI_SMTP_URL, e.g. smtp://user:pass@mail.example:587); unset: in-app only. */
  smtpUrl: string | undefined;
  /** The From address of e-mail reminders (TRIENKHAI_MAIL_FROM). */
  mailFrom: string;
}

/** A positive number of milliseconds from the environment, or the default. */
function millis(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? Math.round(n) : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const flag = (value: string | undefined, fallback: boolean) =>
    value === undefined || value === '' ? fallback : !['0', 'off', 'false', 'no'].includes(value.toLowerCase());
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: flag(env.TRIENKHAI_DEMO, true),
    demoPassword: env.TRIENKHAI_DEMO_PASSWORD || 'trienkhai-demo',
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: flag(env.COOKIE_SECURE, false),
    webDir: resolve(env.WEB_DIR ?? './dist/web'),
    jobs: flag(env.TRIENKHAI_JOBS, true),
    dbConnectTimeoutMs: millis(env.DB_CONNECT_TIMEOUT_MS, 5_000),
    dbStatementTimeoutMs: millis(env.DB_STATEMENT_TIMEOUT_MS, 30_000),
    healthTimeoutMs: millis(env.HEALTH_TIMEOUT_MS, 2_000),
    smtpUrl: env.TRIENKHAI_SMTP_URL || undefined,
    mailFrom: env.TRIENKHAI_MAIL_FROM || 'Triển Khai <trienkhai@localhost>',
  };
}
