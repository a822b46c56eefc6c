/** Screenshots of the main pages at five widths: `npx tsx e2e/shots.local.ts` after `npx vite build`. */
import { launchChromium, login, screenshot, startDemoServer } from './support.js';

const WIDTHS = (process.env.WIDTHS ?? '360,768,800,1024,1440').split(',').map(Number);
const PAGES = (process.env.PAGES ?? 'plans,documents,units,unit,audit,users').split(',');

const server = await startDemoServer();
const browser = await launchChromium();
try {
  const unit = await server.unitId('xa-ta-xua');
  for (const width of WIDTHS) {
    const touch = width < 1024;
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      hasTouch: touch,
      isMobile: touch && width < 768,
    });
    const page = await context.newPage();
    await login(page, server.baseUrl, 'admin');
    for (const name of PAGES) {
      const path = name === 'unit' ? `/units/${unit}` : `/${name}`;
      await page.goto(`${server.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      console.log(width, name, 'overflow', overflow, await screenshot(page, `w${width}-${name}`));
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
