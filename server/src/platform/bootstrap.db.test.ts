import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { testApp } from '../test-support/app.js';
import { backends } from '../test-support/db.js';
import { bootstrap } from './bootstrap.js';
import { openDatabase } from './db/database.js';

/** The newest migration: whichever was added last. */
const LATEST_MIGRATION = Object.keys(migrations).at(-1);

const run = promisify(execFile);

describe.each(backends())('a real installation on %s', (kind) => {
  it('starts without the demo: empty directory, no accounts, reference lists present', async () => {
    const t = await testApp(kind, 'empty');
    try {
      expect(await t.db.selectFrom('org_unit').select('id').execute()).toHaveLength(0);
      expect(await t.db.selectFrom('app_user').select('id').execute()).toHaveLength(0);
      expect((await t.db.selectFrom('org_level').select('code').execute()).length).toBeGreaterThanOrEqual(5);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'trienkhai-demo' },
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('loads the demo only into an empty database, and bootstrap can run again', async () => {
    const t = await testApp(kind, 'demo');
    try {
      const units = (await t.db.selectFrom('org_unit').select('id').execute()).length;
      const result = await bootstrap(t.db, { demo: true, demoPassword: 'x' });
      expect(result.demoLoaded).toBe(false);
      expect((await t.db.selectFrom('org_unit').select('id').execute()).length).toBe(units);
    } finally {
      await t.close();
    }
  });
});

describe('the trienkhai command', () => {
  it('migrates a new data folder and creates the first administrator, who can log in', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'trienkhai-cli-'));
    const env = { ...process.env, DATA_DIR: dataDir, TRIENKHAI_DEMO: 'off', DATABASE_URL: '' };
    const cli = (...args: string[]) => run('npx', ['tsx', 'server/src/cli/index.ts', ...args], { env });
    try {
      expect((await cli('migrate')).stdout).toContain(`pglite: ${LATEST_MIGRATION}`);
      const created = await cli('create-admin', '--username', 'quantri', '--password', 'mat-khau-quan-tri');
      expect(created.stdout).toContain('quantri');
      await expect(
        cli('create-admin', '--username', 'quantri', '--password', 'mat-khau-quan-tri'),
      ).rejects.toMatchObject({
        stderr: expect.stringContaining('đã tồn tại'),
      });
      const database = await openDatabase({ dataDir });
      try {
        const grants = await database.db
          .selectFrom('role_grant as g')
          .innerJoin('app_user as u', 'u.id', 'g.user_id')
          .select(['u.username', 'g.role', 'g.unit_id'])
          .execute();
        expect(grants).toEqual([{ username: 'quantri', role: 'admin', unit_id: null }]);
        expect(await database.db.selectFrom('org_unit').select('id').execute()).toHaveLength(0);
        const app = await buildApp({ config: { ...loadConfig({}), webDir: '/nonexistent' }, database, logger: false });
        const login = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'quantri', password: 'mat-khau-quan-tri' },
        });
        expect(login.statusCode).toBe(200);
        expect(login.json().user.capabilities).toContain('directory.manage');
        await app.close();
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
