import { defineConfig } from 'vitest/config';

/**
 * Three sizes of test, one command (`npm test`):
 * - unit:     *.test.ts            pure functions, no database
 * - database: *.db.test.ts         against PGlite, and PostgreSQL when TEST_DATABASE_URL is set
 * - browser:  e2e/*.e2e.test.ts    the demo app in Debian's Chromium (playwright-core)
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/src/**/*.test.ts'],
          exclude: ['server/src/**/*.db.test.ts'],
        },
      },
      {
        test: {
          name: 'database',
          include: ['server/src/**/*.db.test.ts'],
          globalSetup: ['server/src/test-support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A page under load (2 cores, three Node versions in CI) can take more than
          // expect.poll's default second to answer; the timeout bounds waiting, not speed.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
