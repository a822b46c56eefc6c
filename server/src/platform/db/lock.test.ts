import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_NAME, lockDataDir, STALE_MS } from './lock.js';

/**
 * The PGlite data folder belongs to one process. These tests run the real command
 * (`node bin/trienkhai.js`, through tsx) as child processes on one folder.
 */

const BIN = resolve('bin/trienkhai.js');
const PASSWORD = 'lock-test-password-1';
const children: ChildProcess[] = [];
const folders: string[] = [];

function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tk-lock-'));
  folders.push(dir);
  return dir;
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function env(dataDir: string, port = 0): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return {
    ...rest,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    TRIENKHAI_DEMO: 'off',
    LOG_LEVEL: 'warn',
  };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(dataDir: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: env(dataDir), timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Starts `trienkhai serve` and waits for /api/health; answers the process. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], { env: env(dataDir, port), stdio: 'ignore' });
  children.push(child);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return { child, port };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

describe('the PGlite data folder lock, with real processes', () => {
  it('refuses create-admin, migrate and a second server beside a running server, and frees the folder after kill -9', async () => {
    const dataDir = tempFolder();
    const { child: server } = await startServer(dataDir);

    const admin = await run(dataDir, ['create-admin', '--username', 'beside', '--password', PASSWORD]);
    expect(admin.code).toBe(1);
    expect(admin.stdout).not.toContain('created');
    expect(admin.stderr).toContain(dataDir);
    expect(admin.stderr).toContain('đang được một tiến trình Triển Khai khác dùng');
    expect(admin.stderr).toContain('Stop the running server');
    expect(admin.stderr).toContain(`pid ${server.pid}`);

    const migrate = await run(dataDir, ['migrate']);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain('DATABASE_URL');

    const port = await freePort();
    const second = spawn(process.execPath, [BIN, 'serve'], { env: env(dataDir, port), stdio: 'ignore' });
    children.push(second);
    expect(await exited(second)).toBe(1);
    expect(server.exitCode).toBeNull(); // the first server is untouched

    // kill -9: the lock stays on disk, but its holder is gone — the next process takes it at once.
    server.kill('SIGKILL');
    await exited(server);
    const started = Date.now();
    const after = await run(dataDir, ['create-admin', '--username', 'after', '--password', PASSWORD]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain('Administrator "after" created');
    expect(Date.now() - started).toBeLessThan(STALE_MS);
    // …and what it wrote is there for the next process.
    const again = await run(dataDir, ['create-admin', '--username', 'after', '--password', PASSWORD]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Tên đăng nhập "after" đã tồn tại');
  }, 240_000);
});

describe('lockDataDir', () => {
  it('refuses a folder whose lock is fresh, naming the folder and the holder', async () => {
    const dir = tempFolder();
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(lockDataDir(dir)).rejects.toThrow(`pid ${process.pid}`);
    await lock.release();
    const again = await lockDataDir(dir);
    await again.release();
  });

  it('takes over a lock left by a process on another machine once it is stale, not before', async () => {
    const dir = tempFolder();
    mkdirSync(join(dir, LOCK_NAME));
    writeFileSync(
      join(dir, 'trienkhai.lock.json'),
      JSON.stringify({ pid: 1, hostname: 'another-host', command: 'serve', since: '2026-01-01T00:00:00Z' }),
    );
    await expect(lockDataDir(dir)).rejects.toThrow('another Triển Khai process (pid 1, serve');
    const old = new Date(Date.now() - STALE_MS - 5_000);
    utimesSync(join(dir, LOCK_NAME), old, old);
    const lock = await lockDataDir(dir);
    await lock.release();
  });
});
