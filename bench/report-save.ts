import { sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { insertTestObligations } from '../server/src/test-support/obligations.js';
import { benchDatabase, type Figure, figure, sample } from './harness.js';

/**
 * report-save: `PUT /api/v1/obligations/{id}/report` (a draft autosave) through the whole stack
 * as the commune officer — session, CSRF, validation, policy, the transaction (report row locked,
 * version checked, updated, the timeline's `saved` event folded, audit row) and the page it
 * answers — against the floor: the same row locked and updated in a bare transaction.
 */
export async function reportSave(kind: DatabaseKind, n: number): Promise<Figure> {
  const password = 'bench-password';
  const database = await benchDatabase(kind, password);
  const app = await buildApp({ config: { ...loadConfig({}), webDir: '/nonexistent' }, database, logger: false });
  try {
    const db = database.db;
    const plan = await db
      .selectFrom('plan')
      .innerJoin('document', 'document.id', 'plan.document_id')
      .select('plan.id')
      .where('document.symbol', '=', '45-KH/HU')
      .executeTakeFirstOrThrow();
    const rows = await insertTestObligations(db, plan.id, [
      { key: 'bench-2030', start: '2030-01-01', end: '2030-03-15', due: '2030-03-20' },
    ]);
    const taXua = await db
      .selectFrom('org_unit')
      .select('path')
      .where('code', '=', 'xa-ta-xua')
      .executeTakeFirstOrThrow();
    const owed = await db
      .selectFrom('obligation as o')
      .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
      .select('o.id')
      .where(
        'o.id',
        'in',
        rows.map((r) => r.id),
      )
      .where('u.path', 'like', `${taXua.path}%`)
      .executeTakeFirstOrThrow();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'xa1-canbo', password },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
    const url = `/api/v1/obligations/${owed.id}/report`;
    let version = 0;
    let i = 0;
    const save = async () => {
      i += 1;
      const res = await app.inject({
        method: 'PUT',
        url,
        headers,
        payload: { version, status: 'in_progress', progress: i % 100, narrative: `Bản nháp số ${i}` },
      });
      if (res.statusCode !== 200) throw new Error(`report save answered ${res.statusCode}: ${res.body}`);
      version = (res.json() as { report: { version: number } }).report.version;
    };
    const full = await sample(save, n);
    const floor = await sample(
      () =>
        db.transaction().execute(async (trx) => {
          await trx.selectFrom('report').select('version').where('obligation_id', '=', owed.id).forUpdate().execute();
          i += 1;
          await trx
            .updateTable('report')
            .set({ narrative: `Bản nháp số ${i}`, version: sql<number>`version + 1` })
            .where('obligation_id', '=', owed.id)
            .execute();
        }),
      n,
    );
    return figure('report-save', kind, full, floor);
  } finally {
    await app.close();
    await database.close();
  }
}
