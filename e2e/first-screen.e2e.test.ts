import { request } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

/** The budget of issue 6: the first screen after login loads at most 350 kB of gzip JavaScript. */
const BUDGET = 350_000;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The bytes the server sends for a URL to a client that accepts gzip only. */
function gzipBytes(url: string): Promise<{ bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function total(urls: Iterable<string>, log = false): Promise<number> {
  const sizes = await Promise.all([...urls].map(async (url) => [url, (await gzipBytes(url)).bytes] as const));
  if (log) {
    const lines = [...sizes].sort((a, b) => b[1] - a[1]).map(([u, n]) => `${kB(n).padStart(9)} ${new URL(u).pathname}`);
    console.log(lines.join('\n'));
  }
  return sizes.reduce((a, [, n]) => a + n, 0);
}

describe('the first screen', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads at most 350 kB of gzip JavaScript: the login page, then the first screen (the home)', async () => {
    const page = await browser.newPage();
    const scripts = new Set<string>();
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(res.url())) scripts.add(res.url());
    });

    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.waitForLoadState('networkidle');
    const loginScripts = new Set(scripts);
    const loginBytes = await total(loginScripts);

    await login(page, server.baseUrl, 'giamsat');
    // A leader lands on the home (features/followup): the first screen.
    await page.waitForURL(/\/home$/);
    await page.getByTestId('home-counts').waitFor();
    await page.getByTestId('obligation-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'first-screen-home');
    const firstScreenBytes = await total(scripts, true);

    // A signed-in user who opens the app again lands on the plans page directly.
    const context = await browser.newContext({ storageState: await page.context().storageState() });
    const again = await context.newPage();
    const direct = new Set<string>();
    again.on('response', (res) => {
      if (res.request().resourceType() === 'script') direct.add(res.url());
    });
    await again.goto(`${server.baseUrl}/plans`);
    await again.getByRole('table').waitFor();
    await again.waitForLoadState('networkidle');
    const directBytes = await total(direct);
    await context.close();

    console.log(
      `first screen (gzip JavaScript): login page ${kB(loginBytes)} in ${loginScripts.size} files; ` +
        `login then home ${kB(firstScreenBytes)} in ${scripts.size} files; ` +
        `plans page opened signed in ${kB(directBytes)} in ${direct.size} files`,
    );
    expect(directBytes).toBeLessThanOrEqual(BUDGET);
    expect(loginScripts.size).toBeGreaterThan(0);
    expect(scripts.size).toBeGreaterThan(loginScripts.size);
    expect(firstScreenBytes).toBeLessThanOrEqual(BUDGET);
    await page.close();
  });

  it('sends scripts compressed and cached as immutable, index.html revalidated', async () => {
    const html = await fetch(`${server.baseUrl}/plans`);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const src = (await html.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(src).toBeDefined();
    const url = `${server.baseUrl}${src}`;

    for (const [accept, expected] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const res = await fetch(url, { headers: { 'accept-encoding': accept } });
      expect(res.headers.get('content-encoding')).toBe(expected);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    }
    const plain = await gzipBytes(url.replace('https:', 'http:'));
    expect(plain.encoding).toBe('gzip');
  });
});
