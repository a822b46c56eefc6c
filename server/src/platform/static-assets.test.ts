import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import type { App } from './types.js';

/** The web app as the build leaves it: hashed assets with .br and .gz beside them (vite.config.ts). */
describe('serving the built web app', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'tk-web-'));
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  let database: DatabaseHandle;
  let app: App;

  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><script type="module" src="/assets/main-abc123.js"></script>',
    );
    writeFileSync(join(webDir, 'assets/main-abc123.js'), script);
    writeFileSync(join(webDir, 'assets/main-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(join(webDir, 'assets/main-abc123.js.gz'), gzipSync(script));
    database = await openDatabase({});
    app = await buildApp({ config: { ...loadConfig({}), webDir, logLevel: 'silent' }, database, logger: false });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('sends /assets/*.js as brotli or gzip when asked, cached as immutable', async () => {
    const br = await app.inject({ url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await app.inject({ url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('sends index.html (and every page path) to be revalidated', async () => {
    for (const url of ['/', '/plans/123']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });
});
