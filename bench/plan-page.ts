import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import * as documentsRepo from '../server/src/modules/documents/documents.repository.js';
import * as repo from '../server/src/modules/plans/plans.repository.js';
import { FIRST_PER_GROUP } from '../server/src/modules/plans/plans.service.js';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { benchDatabase, type Figure, figure, sample } from './harness.js';

/**
 * plan-page: GET /api/v1/plans/{id} through the whole stack (routing, session, CSRF-free read,
 * policy, five queries, presentation, response validation), against the same five queries run
 * directly on the database as the floor.
 */
export async function planPage(kind: DatabaseKind, n: number): Promise<Figure> {
  const password = 'bench-password';
  const database = await benchDatabase(kind, password);
  const app = await buildApp({ config: { ...loadConfig({}), webDir: '/nonexistent' }, database, logger: false });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'giamsat', password },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const plan = await database.db.selectFrom('plan').select(['id', 'document_id']).executeTakeFirstOrThrow();
    const url = `/api/v1/plans/${plan.id}`;
    const probe = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (probe.statusCode !== 200) throw new Error(`plan page answered ${probe.statusCode}`);

    const full = await sample(() => app.inject({ method: 'GET', url, headers: { cookie } }), n);
    const floor = await sample(async () => {
      const db = database.db;
      await repo.findPlan(db, plan.id);
      await Promise.all([
        repo.nodesOf(db, plan.id),
        repo.assignmentGroups(db, plan.id, FIRST_PER_GROUP),
        documentsRepo.referencesOf(db, plan.document_id),
        repo.recipientsOf(db, plan.document_id),
      ]);
    }, n);
    return figure('plan-page', kind, full, floor);
  } finally {
    await app.close();
    await database.close();
  }
}
