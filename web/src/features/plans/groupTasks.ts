import type { PlanSection, Task } from '../../api/types';

export type GroupItem =
  | { type: 'task'; task: Task }
  | { type: 'subgroup'; key: string; label: string; title: string | null; tasks: Task[] };

export interface TaskGroup {
  key: string;
  label: string | null;
  title: string | null;
  items: GroupItem[];
}

const clean = (label: string) => label.trim().replace(/[.)]+$/, '');

const under = (ref: string, prefix: string) => ref === prefix || ref.startsWith(`${prefix}.`);

/**
 * Puts each task under the section its ref starts with ("III.5" → section "III"), keeping the
 * plan's order. A task whose ref goes deeper than a sub-section ("II.1.a") is shown under that
 * sub-section's heading; a task that *is* the sub-section ("II.1") stands on its own, since it
 * carries the same title. Tasks that match no section end up in a last group.
 */
export function groupTasks(sections: PlanSection[], tasks: Task[]): TaskGroup[] {
  const placed = new Set<string>();
  const groups: TaskGroup[] = [];

  for (const section of sections) {
    const label = clean(section.label);
    if (!label) continue;
    const mine = tasks.filter((task) => !placed.has(task.id) && under(task.ref, label));
    if (mine.length === 0) continue;
    const items: GroupItem[] = [];
    const subgroups = new Map<string, Extract<GroupItem, { type: 'subgroup' }>>();
    for (const task of mine) {
      placed.add(task.id);
      const child = section.children.find((c) => task.ref.startsWith(`${label}.${clean(c.label)}.`));
      if (!child) {
        items.push({ type: 'task', task });
        continue;
      }
      const key = `${label}.${clean(child.label)}`;
      let group = subgroups.get(key);
      if (!group) {
        group = { type: 'subgroup', key, label: clean(child.label), title: child.title, tasks: [] };
        subgroups.set(key, group);
        items.push(group);
      }
      group.tasks.push(task);
    }
    groups.push({ key: label, label, title: section.title, items });
  }

  const rest = tasks.filter((task) => !placed.has(task.id));
  if (rest.length > 0) {
    groups.push({ key: '__rest', label: null, title: null, items: rest.map((task) => ({ type: 'task', task })) });
  }
  return groups;
}
