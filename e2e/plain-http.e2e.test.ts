import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../server/src/test-support/app.js';
import { type DemoServer, launchChromium, screenshot, startDemoServer } from './support.js';

/**
 * Issue 6, defect 8: over plain HTTP on any address but localhost the page stayed blank — the
 * CSP's upgrade-insecure-requests (and HSTS) made the browser fetch the scripts over HTTPS.
 * `lan.test` is mapped to 127.0.0.1 inside Chromium, so the origin is http://lan.test:PORT:
 * not "potentially trustworthy" like localhost, as an intranet address is not.
 */
describe('the web app over plain HTTP on an intranet address', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium(['--host-resolver-rules=MAP lan.test 127.0.0.1']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the login page at http://lan.test:PORT/', async () => {
    const port = new URL(server.baseUrl).port;
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    const res = await page.goto(`http://lan.test:${port}/`);
    expect(res?.status()).toBe(200);
    await expect(page.getByLabel('Tên đăng nhập').waitFor({ timeout: 15_000 })).resolves.toBeUndefined();
    await screenshot(page, 'plain-http-lan-login');
    expect(failed).toEqual([]);
    expect(res?.headers()['content-security-policy'] ?? '').not.toContain('upgrade-insecure-requests');
    expect(res?.headers()['strict-transport-security']).toBeUndefined();
  });

  it('keeps the HTTPS headers when COOKIE_SECURE=on', async () => {
    const t = await testApp('pglite', 'empty', { secureCookies: true });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await t.close();
    }
    const plain = await testApp('pglite', 'empty');
    try {
      const res = await plain.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
