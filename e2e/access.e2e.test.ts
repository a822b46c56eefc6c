import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchChromium, login, screenshot, startDemoServer } from './support.js';

/** The buttons follow the `actions` the server answers, for each viewer and each object. */
describe('buttons from the server’s actions', () => {
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

  const as = async (username: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await login(page, server.baseUrl, username);
    return page;
  };
  const documentId = async (page: Page, symbol: string): Promise<string> => {
    const res = await page.request.get(`${server.baseUrl}/api/v1/documents?q=${encodeURIComponent(symbol)}`);
    const found = ((await res.json()).items as { id: string; symbol: string }[]).find((d) => d.symbol === symbol);
    if (!found) throw new Error(`document ${symbol} not found`);
    return found.id;
  };
  const openDocument = async (page: Page, symbol: string) => {
    await page.goto(`${server.baseUrl}/documents/${await documentId(page, symbol)}`);
    await expect.poll(() => page.getByTestId('document-header').count()).toBe(1);
  };

  it('the district monitor edits the district’s document, not the province’s letter nor 21-CT/TW', async () => {
    const page = await as('giamsat');
    await openDocument(page, '23-CT/HU');
    await expect.poll(() => page.getByTestId('edit-document').count()).toBe(1);
    expect(await page.getByTestId('add-link').count()).toBe(1);
    expect(await page.getByTestId('document-file-input').count()).toBe(1);
    await screenshot(page, 'access-giamsat-district-document');

    for (const symbol of ['570-CV/TU', '21-CT/TW']) {
      await openDocument(page, symbol);
      expect(await page.getByTestId('edit-document').count(), symbol).toBe(0);
      expect(await page.getByTestId('add-link').count(), symbol).toBe(0);
      expect(await page.getByTestId('document-file-input').count(), symbol).toBe(0);
    }
    await screenshot(page, 'access-giamsat-central-document');

    await page.goto(`${server.baseUrl}/documents`);
    await expect.poll(() => page.getByTestId('add-document').count()).toBe(1);
    await page.goto(`${server.baseUrl}/units/${await server.unitId('xa-ta-xua')}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Xã Tà Xùa' }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('edit-unit').count()).toBe(0);
    await page.close();
  });

  it('the administrator sees every button; a viewer none', async () => {
    const admin = await as('admin');
    await openDocument(admin, '21-CT/TW');
    await expect.poll(() => admin.getByTestId('edit-document').count()).toBe(1);
    expect(await admin.getByTestId('document-file-input').count()).toBe(1);
    await admin.goto(`${server.baseUrl}/units/${await server.unitId('xa-ta-xua')}`);
    await expect.poll(() => admin.getByTestId('edit-unit').count()).toBe(1);
    expect(await admin.getByTestId('move-unit').count()).toBe(1);
    await admin.goto(`${server.baseUrl}/units`);
    await expect.poll(() => admin.getByTestId('add-unit').count()).toBe(1);
    await admin.close();

    const viewer = await as('thuongtruc');
    await openDocument(viewer, '23-CT/HU');
    expect(await viewer.getByTestId('edit-document').count()).toBe(0);
    expect(await viewer.getByTestId('document-file-input').count()).toBe(0);
    await viewer.goto(`${server.baseUrl}/documents`);
    await expect.poll(() => viewer.getByTestId('document-filters').count()).toBe(1);
    expect(await viewer.getByTestId('add-document').count()).toBe(0);
    await viewer.goto(`${server.baseUrl}/plans`);
    await expect
      .poll(() => viewer.getByText('Kế hoạch triển khai thực hiện Chỉ thị số 21-CT/TW').count())
      .toBeGreaterThan(0);
    expect(await viewer.getByTestId('import-plan').count()).toBe(0);
    await screenshot(viewer, 'access-viewer-plans');
    await viewer.close();
  });
});
