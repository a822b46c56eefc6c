import { randomUUID } from 'node:crypto';
import type { PlanImportObject } from './plan-format.js';

/**
 * The tree of a plan: where the importer's flat sections and tasks go. A task goes under the
 * section its ref starts with ("III.5" under "III"), and under that section's sub-section when
 * its ref continues with the sub-section's label ("II.1" and "II.1.a" under sub-section "1" of
 * "II"). Siblings keep document order: a sub-section stands where its first task stands; one
 * without tasks follows the sub-section before it. Tasks no section claims stay at the root,
 * after the sections. (Migration 0005 placed today's rows by the same rule.)
 */
export interface NewNode {
  id: string;
  parentId: string | null;
  position: number;
  kind: 'section' | 'task';
  label: string;
  title: string | null;
  /** Index into `plan.tasks` for a task node. */
  taskIndex: number | null;
}

const clean = (label: string) => label.trim().replace(/[.)]+$/, '');
const under = (ref: string, prefix: string) => ref === prefix || ref.startsWith(`${prefix}.`);

/** Nodes in insertion order: every parent before its children. */
export function planTree(
  plan: Pick<PlanImportObject, 'sections' | 'tasks'>,
  newId: () => string = randomUUID,
): NewNode[] {
  interface Sec {
    id: string;
    label: string;
    title: string | null;
    children: Sec[];
  }
  const roots: Sec[] = plan.sections.map((s) => ({
    id: newId(),
    label: s.label,
    title: s.title,
    children: s.children.map((c) => ({ id: newId(), label: c.label, title: c.title, children: [] })),
  }));
  const taskIds = plan.tasks.map(() => newId());
  const parentOfTask = plan.tasks.map((task) => {
    for (const root of roots) {
      const label = clean(root.label);
      if (!label || !under(task.ref, label)) continue;
      const child = root.children.find((c) => clean(c.label) && under(task.ref, `${label}.${clean(c.label)}`));
      return child ? child.id : root.id;
    }
    return null;
  });
  const firstTaskUnder = (sec: Sec): number =>
    Math.min(
      Number.POSITIVE_INFINITY,
      ...parentOfTask.flatMap((p, i) => (p === sec.id ? [i] : [])),
      ...sec.children.map(firstTaskUnder),
    );

  const out: NewNode[] = [];
  const place = (parentId: string | null, secs: Sec[]) => {
    const loose = parentOfTask.flatMap((p, i) => (p === parentId ? [i] : []));
    type Item = { key: number; sec: Sec | null; task: number | null };
    let items: Item[];
    if (parentId === null) {
      items = [
        ...secs.map((sec) => ({ key: 0, sec, task: null })),
        ...loose.map((i) => ({ key: 0, sec: null, task: i })),
      ];
    } else {
      items = [];
      let previous = -1;
      for (const sec of secs) {
        const first = firstTaskUnder(sec);
        const key = Number.isFinite(first) ? first - 0.5 : previous + 0.001;
        previous = key;
        items.push({ key, sec, task: null });
      }
      for (const i of loose) items.push({ key: i, sec: null, task: i });
      items.sort((a, b) => a.key - b.key);
    }
    items.forEach((item, position) => {
      if (item.sec) {
        out.push({
          id: item.sec.id,
          parentId,
          position,
          kind: 'section',
          label: item.sec.label,
          title: item.sec.title,
          taskIndex: null,
        });
      } else if (item.task !== null) {
        const task = plan.tasks[item.task];
        out.push({
          id: taskIds[item.task] ?? newId(),
          parentId,
          position,
          kind: 'task',
          label: task?.ref ?? '',
          title: task?.title ?? null,
          taskIndex: item.task,
        });
      }
    });
    for (const sec of secs) place(sec.id, sec.children);
  };
  place(null, roots);
  return out;
}

/** A node as the repository returns it, and the nested tree the plan page renders. */
export interface FlatNode {
  id: string;
  parent_id: string | null;
  position: number;
}

/**
 * Nests rows (any order) into the tree, siblings by position. A row whose parent is missing is
 * kept at the root rather than lost.
 */
export function nest<T extends FlatNode, R>(rows: T[], present: (row: T, children: R[]) => R): R[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const row of rows) {
    const key = row.parent_id !== null && ids.has(row.parent_id) ? row.parent_id : null;
    const list = byParent.get(key) ?? [];
    list.push(row);
    byParent.set(key, list);
  }
  const build = (parent: string | null, seen: Set<string>): R[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.position - b.position)
      .filter((row) => !seen.has(row.id))
      .map((row) => {
        seen.add(row.id);
        return present(row, build(row.id, seen));
      });
  return build(null, new Set());
}
