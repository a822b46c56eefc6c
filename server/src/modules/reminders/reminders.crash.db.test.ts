import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { openDatabase } from '../../platform/db/database.js';
import { backends, templateName, throwawayDatabase } from '../../test-support/db.js';
import { dueDeliveries } from './ladder.js';
import { startTestSmtp } from './test-smtp.js';

const WORKER = join(import.meta.dirname, 'reminder-worker.ts');
/** The deadline is 2026-03-20: nhắc is due from the 17th, 09:00 Vietnam time. */
const BEFORE = '2026-03-16T02:00:00Z';
const DUE = '2026-03-17T02:00:00Z';

/**
 * The reminder worker is a real process, killed with SIGKILL at each point of the ladder around
 * the due time, then started again on the same database. Counted afterwards: reminder rows,
 * in-app notifications, and the messages the SMTP server received.
 */
describe.each(backends())('reminders survive kill -9 on %s', (kind) => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let run = 0;
  const open = () =>
    openDatabase(kind === 'pglite' ? { dataDir: env.DATA_DIR as string } : { url: env.DATABASE_URL as string });

  beforeAll(async () => {
    smtp = await startTestSmtp();
    if (kind === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'trienkhai-reminders-'));
      env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const database = await throwawayDatabase(process.env.TEST_DATABASE_URL as string, {
        template: templateName('empty'),
      });
      env = { ...process.env, DATABASE_URL: database.url };
      cleanup = database.drop;
    }
    env.SMTP_URL = smtp.url;
  });
  afterAll(async () => {
    await cleanup();
    await smtp.close();
  });

  const start = (mode: string, extra: NodeJS.ProcessEnv = {}) => {
    run++;
    return spawn(process.execPath, ['--import', 'tsx', WORKER, mode], {
      env: { ...env, RUN: String(run), ...extra },
      stdio: 'pipe',
    });
  };
  const output = (child: ChildProcess, text: string) =>
    new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes(text)) resolve(seen);
      });
      child.stderr?.on('data', (chunk) => {
        seen += chunk;
      });
      child.on('exit', (code) => (seen.includes(text) ? resolve(seen) : reject(new Error(`exit ${code}: ${seen}`))));
    });
  const killAt = async (now: string, point: string) => {
    const child = start('work', { NOW: now, CRASH_AT: point });
    await output(child, `crash-point ${point}`);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  };
  const runToEnd = async (now: string) => {
    const child = start('work', { NOW: now });
    await output(child, 'idle');
    await new Promise((r) => child.once('exit', r));
  };

  it('sends every reminder once — in-app exactly once, e-mail once per Message-ID — across kills', async () => {
    await output(start('setup'), 'ready');
    await runToEnd(BEFORE);
    const database = await open();
    try {
      expect(await database.db.selectFrom('reminder').select('id').execute()).toEqual([]);
    } finally {
      await database.close();
    }

    // Around the due time: killed while scanning, while delivering, before and after an e-mail left.
    await killAt(DUE, 'scan');
    await killAt(DUE, 'deliver');
    await killAt(DUE, 'mail-before');
    const mailedBeforeLastKill = smtp.received.length;
    await killAt(DUE, 'mail-after');
    expect(smtp.received.length).toBe(mailedBeforeLastKill + 1);
    await runToEnd(DUE);
    await runToEnd(DUE); // and once more, as the next cron run would

    const handle = await open();
    const db = handle.db;
    try {
      // None lost: nothing due at this time is left unrecorded.
      expect(await dueDeliveries(db, fixedClock(DUE))).toEqual([]);
      const reminders = await db.selectFrom('reminder').selectAll().execute();
      expect(reminders.length).toBeGreaterThan(0);
      expect(new Set(reminders.map((r) => r.key)).size).toBe(reminders.length);
      // In-app: one notification per in-app reminder, never two.
      const inApp = reminders.filter((r) => r.channel === 'in_app');
      const notes = await db.selectFrom('notification').select(['reminder_id']).execute();
      expect(notes.length).toBe(inApp.length);
      expect(new Set(notes.map((n) => n.reminder_id)).size).toBe(notes.length);
      expect(inApp.every((r) => r.outcome === 'sent')).toBe(true);
      // E-mail: every addressed reminder sent; the server saw each Message-ID; the one message
      // accepted just before a kill (before its commit) came again with the same Message-ID.
      const email = reminders.filter((r) => r.channel === 'email' && r.recipient_email !== null);
      expect(email.length).toBeGreaterThanOrEqual(2);
      expect(email.every((r) => r.outcome === 'sent')).toBe(true);
      const ids = smtp.received.map((m) => m.messageId);
      expect([...new Set(ids)].sort()).toEqual(email.map((r) => r.message_id).sort());
      expect(ids.length).toBe(email.length + 1);
      const counts = new Map<string | null, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      expect([...counts.values()].filter((n) => n > 1)).toEqual([2]);
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from job_receipt where queue like 'reminders.%'`.execute(db);
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  }, 300_000);
});
