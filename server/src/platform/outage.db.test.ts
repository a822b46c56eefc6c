import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { modules } from '../modules/index.js';
import { bootstrap } from './bootstrap.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import type { App } from './types.js';

/**
 * Issue 6, defect 6: with PostgreSQL stopped every request answered 500, and with PostgreSQL
 * frozen (SIGSTOP) every request, /api/health included, hung for as long as it stayed frozen.
 * This suite starts its own throwaway PostgreSQL 15 (as scripts/with-postgres.sh does) so it can
 * stop and freeze it without disturbing the shared test server. Skipped where Debian's
 * PostgreSQL 15 binaries are missing.
 */
const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';
const available = existsSync(join(PGBIN, 'initdb'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0
    ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' })
    : execFileSync(command, args, { stdio: 'pipe' });

describe.runIf(available)('PostgreSQL stopped or frozen', () => {
  let dir: string;
  let port: number;
  let database: DatabaseHandle;
  let app: App;
  const pgCtl = (...args: string[]) => asPostgres(join(PGBIN, 'pg_ctl'), ['-D', join(dir, 'data'), ...args]);
  const start = () =>
    pgCtl(
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off`,
      'start',
    );
  /** The postmaster and its children: the processes this suite started. */
  const serverPids = (): number[] => {
    const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
    return [postmaster, ...children];
  };
  const signal = (pids: number[], sig: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, sig);
      } catch {
        // a child that ended meanwhile
      }
    }
  };
  const cookie = 'tk_session=00000000000000000000000000000000'; // makes the session lookup query

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tk-outage-'));
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
    port = await freePort();
    asPostgres(join(PGBIN, 'initdb'), [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    start();
    database = await openDatabase({
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      connectTimeoutMs: 1_000,
      statementTimeoutMs: 1_500,
    });
    await bootstrap(database.db, { demo: false, demoPassword: 'x', modules });
    const config = {
      ...loadConfig({}),
      webDir: '/nonexistent',
      logLevel: 'silent',
      healthTimeoutMs: 1_000,
      dataDir: dir,
    };
    app = await buildApp({ config, database, logger: false });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    if (dir && existsSync(join(dir, 'data', 'postmaster.pid'))) {
      signal(serverPids(), 'SIGCONT');
      pgCtl('-m', 'immediate', 'stop');
    }
    await app?.close();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const expectUnavailable = (res: Awaited<ReturnType<App['inject']>>) => {
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json().code).toBe('database_unavailable');
  };

  it('answers health "ok" while the database answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ok');
  });

  it('frozen (SIGSTOP): health says "degraded" and requests answer 503, none hangs', async () => {
    const pids = serverPids();
    signal(pids, 'SIGSTOP');
    try {
      // Every answer must come while the server is still frozen (the test's own timeout bounds it).
      const [health, list, login] = await Promise.all([
        app.inject({ method: 'GET', url: '/api/health' }),
        app.inject({ method: 'GET', url: '/api/v1/plans', headers: { cookie } }),
        app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'b' } }),
      ]);
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'degraded', database: { kind: 'postgres' } });
      expect(Number(health.headers['retry-after'])).toBeGreaterThan(0);
      expectUnavailable(list);
      expectUnavailable(login);
    } finally {
      signal(pids, 'SIGCONT');
    }
    // Thawed, the same pool serves again.
    let again = await app.inject({ method: 'GET', url: '/api/health' });
    for (let i = 0; i < 20 && again.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      again = await app.inject({ method: 'GET', url: '/api/health' });
    }
    expect(again.statusCode).toBe(200);
  }, 60_000);

  it('stopped: requests answer 503 database_unavailable with Retry-After, then recover', async () => {
    pgCtl('-m', 'fast', '-w', 'stop');
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json().status).toBe('degraded');
    expectUnavailable(await app.inject({ method: 'GET', url: '/api/v1/plans', headers: { cookie } }));
    expectUnavailable(
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'b' } }),
    );
    start();
    let again = await app.inject({ method: 'GET', url: '/api/health' });
    for (let i = 0; i < 20 && again.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      again = await app.inject({ method: 'GET', url: '/api/health' });
    }
    expect(again.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: { cookie } })).statusCode).toBe(401);
  }, 60_000);
});
