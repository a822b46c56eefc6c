/**
 * The progress roll-up (issue 7 item 8; docs/followup.md "Progress roll-up"). Pure: the counts
 * come from SQL (one grouped query per plan and period), the tree from `plan_node`.
 *
 * The rule, and why it never averages percentages:
 * - A TASK's progress in a period is a count over its obligations (unit × task): `done` = units
 *   whose report says done AND was accepted, over `owed` = units that owe a report. Its state:
 *   `cancelled` (the task's own status), `none` (nothing owed in the period), `done` (every owed
 *   unit done and accepted), `overdue` (any unit missing past its deadline), `not_started` (no
 *   unit has started), else `in_progress`.
 * - A SECTION and the PLAN add up the COUNTS of the tasks below them — units done over units owed
 *   is Σdone ÷ Σowed, a ratio of sums — and count TASKS: how many are done, and their weights
 *   (`plan_node.weight`, default 1): weightDone ÷ weight is the weighted share of tasks done.
 *   A task with weight 0 counts for nothing in the weighted share.
 * - Never the mean of the tasks' percentages: a task done by its 1 unit (100 %) beside a task
 *   done by 0 of 3,000 communes (0 %) is not "50 % done"; units give 1 ÷ 3,001, tasks 1 of 2.
 */

export interface NodeRow {
  id: string;
  parent_id: string | null;
  kind: 'section' | 'task';
  label: string;
  weight: number;
  status: string;
}

export interface TaskCountRow {
  task_id: string | null;
  owed: number;
  done: number;
  done_awaiting: number;
  started: number;
  cannot_do: number;
  overdue: number;
  returned: number;
}

export type ProgressState = 'done' | 'in_progress' | 'overdue' | 'not_started' | 'cancelled' | 'none';

export interface Progress {
  state: ProgressState;
  owed: number;
  done: number;
  doneAwaiting: number;
  started: number;
  cannotDo: number;
  overdue: number;
  returned: number;
  tasks: number;
  tasksDone: number;
  weight: number;
  weightDone: number;
}

const zero = (): Omit<Progress, 'state'> => ({
  owed: 0,
  done: 0,
  doneAwaiting: 0,
  started: 0,
  cannotDo: 0,
  overdue: 0,
  returned: 0,
  tasks: 0,
  tasksDone: 0,
  weight: 0,
  weightDone: 0,
});

function taskState(node: NodeRow, c: Omit<Progress, 'state'>): ProgressState {
  if (node.status === 'cancelled') return 'cancelled';
  if (c.owed === 0) return 'none';
  if (c.done === c.owed) return 'done';
  if (c.overdue > 0) return 'overdue';
  if (c.started === 0 && c.done === 0 && c.doneAwaiting === 0) return 'not_started';
  return 'in_progress';
}

/** The state of a group from its tasks' counts: the same rule over the summed counts and tasks. */
function groupState(c: Omit<Progress, 'state'>): ProgressState {
  if (c.tasks === 0) return 'none';
  if (c.tasksDone === c.tasks) return 'done';
  if (c.overdue > 0) return 'overdue';
  if (c.started === 0 && c.done === 0 && c.doneAwaiting === 0) return 'not_started';
  return 'in_progress';
}

const add = (into: Omit<Progress, 'state'>, c: Omit<Progress, 'state'>) => {
  for (const k of Object.keys(into) as (keyof typeof into)[]) into[k] += c[k];
};

export function rollUp(
  nodes: NodeRow[],
  counts: TaskCountRow[],
): {
  plan: Progress;
  nodes: (Progress & { id: string; parentId: string | null; kind: 'section' | 'task'; label: string })[];
} {
  const byTask = new Map(counts.map((c) => [c.task_id, c]));
  const children = new Map<string | null, NodeRow[]>();
  for (const n of nodes) {
    const list = children.get(n.parent_id) ?? [];
    list.push(n);
    children.set(n.parent_id, list);
  }
  const out = new Map<string, Progress>();
  const visit = (node: NodeRow, seen: Set<string>): Omit<Progress, 'state'> => {
    if (seen.has(node.id)) return zero(); // a cycle cannot be stored, but never loop
    seen.add(node.id);
    const sum = zero();
    if (node.kind === 'task') {
      const c = byTask.get(node.id);
      const own = zero();
      if (c) {
        own.owed = c.owed;
        own.done = c.done;
        own.doneAwaiting = c.done_awaiting;
        own.started = c.started;
        own.cannotDo = c.cannot_do;
        own.overdue = c.overdue;
        own.returned = c.returned;
      }
      const state = taskState(node, own);
      if (state !== 'cancelled' && state !== 'none') {
        own.tasks = 1;
        own.weight = node.weight;
        if (state === 'done') {
          own.tasksDone = 1;
          own.weightDone = node.weight;
        }
      }
      // A cancelled task's counts are shown on it but not added upward.
      if (state !== 'cancelled') add(sum, own);
      out.set(node.id, { ...own, state });
    }
    const below = zero();
    for (const child of children.get(node.id) ?? []) add(below, visit(child, seen));
    if (node.kind === 'section') {
      add(sum, below);
      out.set(node.id, { ...sum, state: groupState(sum) });
    } else if (below.tasks > 0) {
      add(sum, below); // tasks under a task (not made by the importer, but allowed by the tree)
    }
    return sum;
  };
  const plan = zero();
  const seen = new Set<string>();
  for (const root of children.get(null) ?? []) add(plan, visit(root, seen));
  return {
    plan: { ...plan, state: groupState(plan) },
    nodes: nodes.flatMap((n) => {
      const p = out.get(n.id);
      return p ? [{ id: n.id, parentId: n.parent_id, kind: n.kind, label: n.label, ...p }] : [];
    }),
  };
}
