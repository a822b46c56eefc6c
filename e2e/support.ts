import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { modules } from '../server/src/modules/index.js';
import { bootstrap } from '../server/src/platform/bootstrap.js';
import { openDatabase } from '../server/src/platform/db/database.js';
import { JobQueue } from '../server/src/platform/jobs.js';
import type { App } from '../server/src/platform/types.js';

export const PASSWORD = 'e2e-demo-password';
export const SCREENSHOTS = resolve('test-output/screenshots');

/** The demo app on an in-memory PGlite, serving the built web app (npm run build:web). */
export interface DemoServer {
  app: App;
  baseUrl: string;
  db: Awaited<ReturnType<typeof openDatabase>>['db'];
  /** The app's job queue (not polling). */
  jobs: JobQueue;
  unitId(code: string): Promise<string>;
  close(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const database = await openDatabase({});
  await bootstrap(database.db, { demo: true, demoPassword: PASSWORD, modules });
  const config = { ...loadConfig({}), webDir: resolve('dist/web'), logLevel: 'warn' };
  const jobs = new JobQueue(database, modules);
  const app = await buildApp({ config, database, logger: false, jobs });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    baseUrl: address,
    db: database.db,
    jobs,
    unitId: async (code) =>
      (await database.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id,
    close: async () => {
      await jobs.stop();
      await app.close();
      await database.close();
    },
  };
}

/** Debian's Chromium; `npx playwright install` cannot work on these machines. */
/** @param extraArgs more Chromium switches (e.g. --host-resolver-rules for a LAN-like host name). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
