import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { SYSTEM_ACTOR } from '../../platform/access.js';
import {
  type DatabaseHandle,
  type DatabaseKind,
  migrateToLatest,
  migrator,
  newPGlite,
  openDatabase,
} from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { backends, openThrowaway } from '../../test-support/db.js';
import { seedSourceDocuments } from '../documents/documents.seed.js';
import { seedDemoDirectory } from '../organizations/organizations.seed.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import foundingPlan from './fixtures/founding-plan.plan.json' with { type: 'json' };
import type { PlanImportObject } from './plan-format.js';
import { previewChoices } from './plans.import.js';
import type { PlanNodeValue } from './plans.schemas.js';
import { PlansService } from './plans.service.js';

/**
 * Migration 0005 on a database that holds the demo at the migration before it: the founding
 * plan written the way the service wrote plans then (plan_section, task, assignment), and a
 * plan of odd shape (tasks no section claims, a sub-section without tasks, a sub-task).
 * Every section, task and assignment must survive, placed in the tree.
 */
const BEFORE = (() => {
  const names = Object.keys(migrations);
  const before = names[names.indexOf('0005_task_tree') - 1];
  if (!before) throw new Error('0005_task_tree has no predecessor');
  return before;
})();

async function freshDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openDatabase({ pglite: newPGlite() });
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return openThrowaway(url);
}

// biome-ignore lint/suspicious/noExplicitAny: the tables of the old schema are not in Database
type Old = Kysely<any>;

/** The plan as PlansService.create wrote it before 0005: sections numbered plan-wide, tasks flat. */
async function writeOldPlan(
  db: Kysely<Database>,
  plan: Pick<PlanImportObject, 'sections' | 'tasks' | 'objectives'> & { title: string },
  ownerUnitId: string,
  units: Record<string, string | string[] | null>,
): Promise<string> {
  const old = db as unknown as Old;
  const doc = await old
    .insertInto('document')
    .values({ title: plan.title, issuer_unit_id: ownerUnitId, scope_unit_id: ownerUnitId, addressees: '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: planId } = await old
    .insertInto('plan')
    .values({
      document_id: doc.id,
      owner_unit_id: ownerUnitId,
      scope_unit_id: ownerUnitId,
      parent_plan_id: null,
      objectives: JSON.stringify(plan.objectives),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let position = 0;
  for (const section of plan.sections) {
    const { id } = await old
      .insertInto('plan_section')
      .values({ plan_id: planId, parent_id: null, position: position++, label: section.label, title: section.title })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const child of section.children) {
      await old
        .insertInto('plan_section')
        .values({ plan_id: planId, parent_id: id, position: position++, label: child.label, title: child.title })
        .execute();
    }
  }
  for (const [taskPosition, task] of plan.tasks.entries()) {
    const { id: taskId } = await old
      .insertInto('task')
      .values({
        plan_id: planId,
        position: taskPosition,
        ref: task.ref,
        title: task.title,
        text: task.text,
        deadline: task.deadline,
        recurrence: task.recurrence,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let n = 0;
    for (const a of task.assignments) {
      const v = units[a.organization];
      const list = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
      const rows =
        list.length <= 1
          ? [{ unit_id: list[0] ?? null, selector: null }]
          : list.map((unitId) => ({ unit_id: unitId, selector: a.organization }));
      for (const r of rows) {
        await old
          .insertInto('assignment')
          .values({ task_id: taskId, position: n++, organization: a.organization, role: a.role, ...r })
          .execute();
      }
    }
  }
  return planId;
}

const ODD: Pick<PlanImportObject, 'sections' | 'tasks' | 'objectives'> & { title: string } = {
  title: 'Kế hoạch có hình dạng lạ',
  objectives: [],
  sections: [
    { label: 'I.', title: 'Mục đích', children: [] },
    {
      label: 'II',
      title: 'Nhiệm vụ',
      children: [
        { label: '1.', title: 'Tuyên truyền' },
        { label: '2)', title: 'Không có nhiệm vụ nào' },
        { label: '3', title: 'Kiểm tra' },
      ],
    },
  ],
  tasks: [
    {
      ref: 'II.1',
      title: 'Tuyên truyền',
      text: 'Tuyên truyền sâu rộng',
      assignments: [],
      deadline: '2024-12-31',
      recurrence: null,
    },
    { ref: 'II.1.a', title: null, text: 'Việc nhỏ a', assignments: [], deadline: null, recurrence: 'monthly' },
    { ref: 'II.0', title: null, text: 'Việc thẳng dưới mục II', assignments: [], deadline: null, recurrence: null },
    { ref: 'II.3', title: null, text: 'Kiểm tra, giám sát', assignments: [], deadline: null, recurrence: null },
    { ref: '4', title: null, text: 'Việc không thuộc mục nào', assignments: [], deadline: null, recurrence: null },
  ],
};

const flat = (nodes: PlanNodeValue[], depth = 0): string[] =>
  nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.kind === 'task' ? `task ${n.ref}` : `section ${n.label}`}`,
    ...flat(n.children, depth + 1),
  ]);

describe.each(backends())('migration 0005 (the task tree) on %s', (kind) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it(`moves every section, task and assignment of a database at ${BEFORE} into the tree`, async () => {
    handle = await freshDatabase(kind);
    const db = handle.db;
    const up = await migrator(db).migrateTo(BEFORE);
    expect(up.error).toBeUndefined();
    await new OrganizationsService(db).ensureReferenceData();
    const units = await seedDemoDirectory(db);
    await seedSourceDocuments(db, units);
    const founding = foundingPlan as unknown as PlanImportObject;
    // Today's matcher (used to place the old plan) asks pg_trgm, which 0006_search installs later.
    await sql`create extension if not exists pg_trgm`.execute(db);
    const choices = await previewChoices(db, SYSTEM_ACTOR, founding);
    if (!choices.owner) throw new Error('owner');
    const foundingId = await writeOldPlan(
      db,
      { ...founding, title: founding.document.title ?? '' },
      choices.owner,
      choices.units,
    );
    const oddId = await writeOldPlan(db, ODD, choices.owner, {});

    const old = db as unknown as Old;
    const sections = await old.selectFrom('plan_section').selectAll().orderBy('id').execute();
    const tasks = await old
      .selectFrom('task')
      .select([
        'id',
        'plan_id',
        'ref',
        'title',
        'text',
        sql<string | null>`deadline::text`.as('deadline'),
        'recurrence',
      ])
      .orderBy('id')
      .execute();
    const assignments = await old.selectFrom('assignment').selectAll().orderBy('id').execute();
    const sectionCount = (p: Pick<PlanImportObject, 'sections'>) =>
      p.sections.reduce((n, sec) => n + 1 + sec.children.length, 0);
    expect(sections.length).toBe(sectionCount(founding) + sectionCount(ODD));
    expect(tasks.length).toBe(founding.tasks.length + ODD.tasks.length);
    expect(assignments.length).toBeGreaterThan(40);

    expect(await migrateToLatest(db)).toBe(Object.keys(migrations).at(-1));

    const nodes = await db.selectFrom('plan_node').selectAll().execute();
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const s of sections) {
      expect(byId.get(s.id)).toMatchObject({ plan_id: s.plan_id, kind: 'section', label: s.label, title: s.title });
    }
    for (const t of tasks) {
      expect(byId.get(t.id)).toMatchObject({
        plan_id: t.plan_id,
        kind: 'task',
        label: t.ref,
        title: t.title,
        text: t.text,
        deadline: t.deadline,
        recurrence: t.recurrence,
        weight: 1,
        status: 'not_started',
        version: 1,
      });
    }
    expect(nodes.length).toBe(sections.length + tasks.length);
    // Every assignment survives as it was; later migrations only add columns (0015: ended_on null, version 1).
    const after = await db.selectFrom('assignment').selectAll().orderBy('id').execute();
    expect(after.map((a) => ({ ...a, ended_on: undefined, version: undefined }))).toEqual(
      assignments.map((a) => ({ ...a, ended_on: undefined, version: undefined })),
    );
    expect(after.every((a) => a.ended_on === null && a.version === 1)).toBe(true);
    // Positions among siblings are 0, 1, 2, … under every parent.
    const siblings = new Map<string, number[]>();
    for (const n of nodes) {
      const k = `${n.plan_id}|${n.parent_id}`;
      siblings.set(k, [...(siblings.get(k) ?? []), n.position]);
    }
    for (const list of siblings.values()) expect(list.sort((a, b) => a - b)).toEqual(list.map((_, i) => i));

    const service = new PlansService(db);
    const plan = await service.get(SYSTEM_ACTOR, foundingId);
    expect(flat(plan.tree)).toEqual([
      'section I',
      'section II',
      '  section 1',
      '    task II.1',
      '  section 2',
      '    task II.2',
      '  section 3',
      '    task II.3',
      '  section 4',
      '    task II.4',
      'section III',
      '  section 1',
      '    task III.1',
      '  section 2',
      '    task III.2',
      '  section 3',
      '    task III.3',
      '  section 4',
      '    task III.4',
      '  section 5',
      '    task III.5',
    ]);
    const odd = await service.get(SYSTEM_ACTOR, oddId);
    expect(flat(odd.tree)).toEqual([
      'section I.',
      'section II',
      '  section 1.',
      '    task II.1',
      '    task II.1.a',
      '  section 2)',
      '  task II.0',
      '  section 3',
      '    task II.3',
      'task 4',
    ]);
    // A plan created now is placed by the same rule as the migration placed the old one.
    const created = await service.create(
      { actor: SYSTEM_ACTOR },
      {
        plan: { ...founding, document: { ...founding.document, symbol: '99-KH/HU' } },
        ownerUnitId: choices.owner,
        units: choices.units,
      },
    );
    expect(flat((await service.get(SYSTEM_ACTOR, created.id)).tree)).toEqual(flat(plan.tree));

    // And back: 0005's down restores the old tables with every row.
    const down = await migrator(db).migrateTo(BEFORE);
    expect(down.error).toBeUndefined();
    const restored = await old.selectFrom('task').select(['id', 'ref']).execute();
    expect(restored.length).toBe(tasks.length + founding.tasks.length);
    expect((await old.selectFrom('plan_section').select('id').execute()).length).toBe(
      sections.length + sectionCount(founding),
    );
    const foundingTasks = await old
      .selectFrom('task')
      .select('ref')
      .where('plan_id', '=', foundingId)
      .orderBy('position')
      .execute();
    expect(foundingTasks.map((t: { ref: string }) => t.ref)).toEqual(founding.tasks.map((t) => t.ref));
  });
});
