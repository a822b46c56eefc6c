import { describe, expect, it } from 'vitest';
import { nest, planTree } from './tree.js';

const task = (ref: string) => ({
  ref,
  title: null,
  text: ref,
  assignments: [],
  deadline: null,
  recurrence: null,
});

describe('planTree', () => {
  it('puts each task under the section and sub-section its ref starts with, in document order', () => {
    let n = 0;
    const nodes = planTree(
      {
        sections: [
          { label: 'I.', title: 'Mục đích', children: [] },
          {
            label: 'II',
            title: 'Nhiệm vụ',
            children: [
              { label: '1.', title: 'A' },
              { label: '2)', title: 'Không có nhiệm vụ' },
              { label: '3', title: 'C' },
            ],
          },
        ],
        tasks: [task('II.1'), task('II.1.a'), task('II.0'), task('II.3'), task('4'), task('II.10')],
      },
      () => `n${n++}`,
    );
    const tree = nest(
      nodes.map((x) => ({ ...x, parent_id: x.parentId })),
      (x, children: string[]): string => `${x.label}${children.length ? `[${children.join(' ')}]` : ''}`,
    );
    expect(tree).toEqual(['I.', 'II[1.[II.1 II.1.a] 2) II.0 3[II.3] II.10]', '4']);
    // Parents come before their children, so one insert statement can take them in order.
    const seen = new Set<string | null>([null]);
    for (const node of nodes) {
      expect(seen.has(node.parentId)).toBe(true);
      seen.add(node.id);
    }
  });
});

describe('nest', () => {
  it('orders siblings by position and keeps a row whose parent is missing at the root', () => {
    const rows = [
      { id: 'b', parent_id: 'a', position: 1 },
      { id: 'a', parent_id: null, position: 0 },
      { id: 'c', parent_id: 'a', position: 0 },
      { id: 'orphan', parent_id: 'gone', position: 5 },
    ];
    expect(nest(rows, (r, children: string[]): string => `${r.id}(${children.join(',')})`)).toEqual([
      'a(c(),b())',
      'orphan()',
    ]);
  });
});
