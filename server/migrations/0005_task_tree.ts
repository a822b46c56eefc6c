import { type Kysely, sql } from 'kysely';

/**
 * The task tree: a plan's sections and tasks become one table of nodes, `plan_node`, each with
 * its parent, its position among its siblings, a weight and a status. Assignments now point at
 * task nodes. Today's rows keep their ids: every `plan_section` becomes a `section` node and
 * every `task` a `task` node placed under the section its ref starts with ("III.5" under "III",
 * "II.1" and "II.1.a" under sub-section "1" of "II"); a task that matches no section stays at the
 * root after the sections.
 *
 * The placement rule is copied here on purpose (not imported from the plans module): a migration
 * must keep doing what it did when it shipped.
 */

interface OldSection {
  id: string;
  plan_id: string;
  parent_id: string | null;
  position: number;
  label: string;
  title: string | null;
}
interface OldTask {
  id: string;
  plan_id: string;
  position: number;
  ref: string;
  title: string | null;
  text: string;
  deadline: string | null;
  recurrence: string | null;
}
interface Placed {
  id: string;
  parent_id: string | null;
  position: number;
}

const clean = (label: string) => label.trim().replace(/[.)]+$/, '');
const under = (ref: string, prefix: string) => ref === prefix || ref.startsWith(`${prefix}.`);

/** Where each section and task of one plan goes: parent and position among its siblings. */
export function placeLegacy(sections: OldSection[], tasks: OldTask[]): Placed[] {
  const roots = sections.filter((s) => s.parent_id === null || !sections.some((p) => p.id === s.parent_id));
  const childrenOf = (id: string) => sections.filter((s) => s.parent_id === id);
  const placedTask = new Map<string, string | null>();
  for (const task of tasks) {
    let parent: string | null = null;
    for (const root of roots) {
      const label = clean(root.label);
      if (!label || !under(task.ref, label)) continue;
      parent = root.id;
      const child = childrenOf(root.id).find((c) => clean(c.label) && under(task.ref, `${label}.${clean(c.label)}`));
      if (child) parent = child.id;
      break;
    }
    placedTask.set(task.id, parent);
  }
  // Siblings in document order: a section's key is its first task's position (or, when it
  // has none, just after the sibling section before it); a task's key is its own position.
  const out: Placed[] = [];
  const taskIndex = new Map(tasks.map((t, i) => [t.id, i]));
  const firstTaskUnder = (sectionId: string): number => {
    const own = tasks.filter((t) => placedTask.get(t.id) === sectionId).map((t) => taskIndex.get(t.id) ?? 0);
    const nested = childrenOf(sectionId).map((c) => firstTaskUnder(c.id));
    return Math.min(Number.POSITIVE_INFINITY, ...own, ...nested);
  };
  const order = (parent: string | null, sectionList: OldSection[]) => {
    const loose = tasks.filter((t) => placedTask.get(t.id) === parent);
    let ids: string[];
    if (parent === null) {
      // The root: the sections in their order, then the tasks no section claims.
      ids = [...sectionList.map((s) => s.id), ...loose.map((t) => t.id)];
    } else {
      const items: { id: string; key: number }[] = [];
      let previous = -1;
      for (const s of sectionList) {
        const first = firstTaskUnder(s.id);
        const key = Number.isFinite(first) ? first - 0.5 : previous + 0.001;
        previous = key;
        items.push({ id: s.id, key });
      }
      for (const t of loose) items.push({ id: t.id, key: taskIndex.get(t.id) ?? 0 });
      ids = items.sort((a, b) => a.key - b.key).map((item) => item.id);
    }
    ids.forEach((id, position) => {
      out.push({ id, parent_id: parent, position });
    });
    for (const s of sectionList) order(s.id, childrenOf(s.id));
  };
  order(null, roots);
  return out;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_node')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('plan_node.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('section', 'task')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('text', 'text')
    .addColumn('deadline', 'date')
    .addColumn('recurrence', 'text')
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1).check(sql`weight >= 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('not_started').check(sql`status in ('not_started', 'in_progress', 'done', 'cancelled')`),
    )
    // Optimistic concurrency, as for every editable record: 1 when created, +1 on each update.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('plan_node_task_text', sql`kind = 'section' or text is not null`)
    .execute();
  await sql`create index plan_node_plan_idx on plan_node (plan_id, parent_id, position)`.execute(db);
  await sql`create index plan_node_parent_idx on plan_node (parent_id)`.execute(db);

  // Today's rows, one plan at a time, keeping their ids.
  const sections = (
    await sql<OldSection>`select id, plan_id, parent_id, position, label, title
      from plan_section order by plan_id, position`.execute(db)
  ).rows;
  const tasks = (
    await sql<OldTask>`select id, plan_id, position, ref, title, text, deadline::text as deadline, recurrence
      from task order by plan_id, position`.execute(db)
  ).rows;
  const planIds = [...new Set([...sections.map((s) => s.plan_id), ...tasks.map((t) => t.plan_id)])];
  for (const planId of planIds) {
    const mySections = sections.filter((s) => s.plan_id === planId);
    const myTasks = tasks.filter((t) => t.plan_id === planId);
    const placed = new Map(placeLegacy(mySections, myTasks).map((p) => [p.id, p]));
    // Parents before children: sections in depth order, then tasks.
    const depth = (s: OldSection): number => {
      const parent = mySections.find((p) => p.id === s.parent_id);
      return parent ? 1 + depth(parent) : 0;
    };
    for (const s of [...mySections].sort((a, b) => depth(a) - depth(b))) {
      const p = placed.get(s.id);
      await sql`insert into plan_node (id, plan_id, parent_id, position, kind, label, title)
        values (${s.id}, ${planId}, ${p?.parent_id ?? null}, ${p?.position ?? 0}, 'section', ${s.label}, ${s.title})`.execute(
        db,
      );
    }
    for (const t of myTasks) {
      const p = placed.get(t.id);
      await sql`insert into plan_node (id, plan_id, parent_id, position, kind, label, title, text, deadline, recurrence)
        values (${t.id}, ${planId}, ${p?.parent_id ?? null}, ${p?.position ?? 0}, 'task', ${t.ref}, ${t.title},
                ${t.text}, ${t.deadline}::date, ${t.recurrence})`.execute(db);
    }
  }

  await sql`alter table assignment drop constraint if exists assignment_task_id_fkey`.execute(db);
  await sql`alter table assignment add constraint assignment_task_id_fkey
      foreign key (task_id) references plan_node (id) on delete cascade`.execute(db);
  await sql`create index assignment_task_role_idx on assignment (task_id, role, position)`.execute(db);
  await db.schema.dropTable('task').execute();
  await db.schema.dropTable('plan_section').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_section')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('plan_section.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .execute();
  await db.schema
    .createTable('task')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plan.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('deadline', 'date')
    .addColumn('recurrence', 'text')
    .execute();
  await db.schema.createIndex('task_plan_idx').on('task').column('plan_id').execute();
  // Sections in tree order (parents first), tasks in tree order; positions become plan-wide.
  await sql`with recursive walk as (
      select id, parent_id, kind, array[position] as path from plan_node where parent_id is null
      union all
      select n.id, n.parent_id, n.kind, w.path || n.position from plan_node n join walk w on n.parent_id = w.id
    ), ranked as (
      select w.id, row_number() over (partition by n.plan_id, n.kind order by w.path) - 1 as pos
      from walk w join plan_node n on n.id = w.id
    )
    insert into plan_section (id, plan_id, parent_id, position, label, title)
    select n.id, n.plan_id, case when p.kind = 'section' then n.parent_id end, r.pos, n.label, n.title
    from plan_node n join ranked r on r.id = n.id left join plan_node p on p.id = n.parent_id
    where n.kind = 'section'`.execute(db);
  await sql`with recursive walk as (
      select id, array[position] as path from plan_node where parent_id is null
      union all
      select n.id, w.path || n.position from plan_node n join walk w on n.parent_id = w.id
    )
    insert into task (id, plan_id, position, ref, title, text, deadline, recurrence)
    select n.id, n.plan_id, row_number() over (partition by n.plan_id order by w.path) - 1,
           n.label, n.title, n.text, n.deadline, n.recurrence
    from plan_node n join walk w on w.id = n.id where n.kind = 'task'`.execute(db);
  await sql`drop index if exists assignment_task_role_idx`.execute(db);
  await sql`alter table assignment drop constraint if exists assignment_task_id_fkey`.execute(db);
  await sql`alter table assignment add constraint assignment_task_id_fkey
      foreign key (task_id) references task (id) on delete cascade`.execute(db);
  await db.schema.dropTable('plan_node').execute();
}
