import { describe, expect, it } from 'vitest';
import { type NodeRow, rollUp, type TaskCountRow } from './progress.js';

const task = (id: string, parent: string | null, weight = 1, status = 'in_progress'): NodeRow => ({
  id,
  parent_id: parent,
  kind: 'task',
  label: id,
  weight,
  status,
});
const section = (id: string, parent: string | null = null): NodeRow => ({
  id,
  parent_id: parent,
  kind: 'section',
  label: id,
  weight: 1,
  status: 'not_started',
});
const counts = (task_id: string, owed: number, done: number, extra: Partial<TaskCountRow> = {}): TaskCountRow => ({
  task_id,
  owed,
  done,
  done_awaiting: 0,
  started: done,
  cannot_do: 0,
  overdue: 0,
  returned: 0,
  ...extra,
});

describe('progress roll-up', () => {
  it('never averages percentages: units are summed, tasks counted', () => {
    // One task done by its single unit (100 %), one done by 0 of 3,000 communes (0 %).
    const { plan, nodes } = rollUp(
      [section('S'), task('a', 'S'), task('b', 'S')],
      [counts('a', 1, 1), counts('b', 3000, 0, { started: 10 })],
    );
    expect(plan).toMatchObject({ owed: 3001, done: 1, tasks: 2, tasksDone: 1, weight: 2, weightDone: 1 });
    // Not 50 %: one unit of 3,001, one task of 2.
    expect(plan.done / plan.owed).toBeCloseTo(1 / 3001);
    expect(nodes.find((n) => n.id === 'a')?.state).toBe('done');
    expect(nodes.find((n) => n.id === 'b')?.state).toBe('in_progress');
    expect(nodes.find((n) => n.id === 'S')).toMatchObject({ state: 'in_progress', owed: 3001, tasks: 2 });
  });

  it('weights tasks by plan_node.weight; a weight of 0 counts for nothing', () => {
    const { plan } = rollUp(
      [task('a', null, 3), task('b', null, 1), task('c', null, 0)],
      [counts('a', 5, 5), counts('b', 5, 2), counts('c', 5, 5)],
    );
    expect(plan).toMatchObject({ tasks: 3, tasksDone: 2, weight: 4, weightDone: 3 });
  });

  it('states: overdue beats in progress, nothing started, nothing owed, cancelled kept apart', () => {
    const { plan, nodes } = rollUp(
      [section('S'), task('late', 'S'), task('idle', 'S'), task('free', 'S'), task('gone', 'S', 1, 'cancelled')],
      [
        counts('late', 4, 1, { overdue: 2 }),
        counts('idle', 3, 0, { started: 0 }),
        counts('gone', 9, 0, { overdue: 9 }),
      ],
    );
    const state = (id: string) => nodes.find((n) => n.id === id)?.state;
    expect(state('late')).toBe('overdue');
    expect(state('idle')).toBe('not_started');
    expect(state('free')).toBe('none');
    expect(state('gone')).toBe('cancelled');
    // The cancelled task's nine overdue units are not added upward; the empty task is no task.
    expect(plan).toMatchObject({ state: 'overdue', owed: 7, overdue: 2, tasks: 2 });
  });

  it('a section is done when every task below it with something owed is done, through sub-sections', () => {
    const { nodes, plan } = rollUp(
      [section('I'), section('I.1', 'I'), task('x', 'I.1'), task('y', 'I')],
      [counts('x', 2, 2), counts('y', 1, 1)],
    );
    expect(nodes.find((n) => n.id === 'I')).toMatchObject({ state: 'done', owed: 3, done: 3, tasks: 2, tasksDone: 2 });
    expect(plan.state).toBe('done');
    const empty = rollUp([section('I')], []);
    expect(empty.plan.state).toBe('none');
  });

  it('a report done but awaiting review is in progress, not done', () => {
    const { nodes } = rollUp([task('a', null)], [counts('a', 2, 0, { done_awaiting: 2, started: 2 })]);
    expect(nodes[0]).toMatchObject({ state: 'in_progress', doneAwaiting: 2, done: 0 });
  });
});
