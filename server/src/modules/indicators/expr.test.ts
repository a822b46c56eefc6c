import { describe, expect, it } from 'vitest';
import { type CategoryDef, type CellValue, combosOf, compare, ExprError, evaluate, parseExpr } from './expr.js';

const ETH: CategoryDef = {
  code: 'ETH',
  options: [{ code: 'kinh' }, { code: 'thai', group: 'dtts' }, { code: 'mong', group: 'dtts' }],
};
const AGE: CategoryDef = { code: 'AGE', options: [{ code: 'duoi40' }, { code: 'tu40' }] };
const cats = new Map([
  ['ETH', ETH],
  ['AGE', AGE],
]);
const cell = (combo: string, value: number | null, notAvailable = false): CellValue => ({ combo, value, notAvailable });

describe('expressions', () => {
  it('parses terms, filters, groups, constants and COUNT', () => {
    const e = parseExpr('CU_NU[ETH:@dtts; AGE:duoi40] - CU_TONG + 2 + COUNT(DTH_CO)');
    expect(e.terms).toEqual([
      { sign: 1, kind: 'element', element: 'CU_NU', filter: { ETH: ['@dtts'], AGE: ['duoi40'] } },
      { sign: -1, kind: 'element', element: 'CU_TONG', filter: {} },
      { sign: 1, kind: 'constant', value: 2 },
      { sign: 1, kind: 'count', element: 'DTH_CO' },
    ]);
  });

  it.each(['', 'A +', 'A B', 'a', 'A[ETH]', 'A[ETH:kinh; ETH:thai]', 'A[ETH:kinh', '+ - A', 'A * 2'])(
    'refuses %j with a Vietnamese message',
    (source) => {
      expect(() => parseExpr(source)).toThrow(ExprError);
      try {
        parseExpr(source);
      } catch (e) {
        expect((e as ExprError).vi.length).toBeGreaterThan(5);
      }
    },
  );

  it('makes the cells as the cross product of categories, in code order', () => {
    expect(combosOf([ETH, AGE])).toEqual([
      'AGE:duoi40|ETH:kinh',
      'AGE:tu40|ETH:kinh',
      'AGE:duoi40|ETH:thai',
      'AGE:tu40|ETH:thai',
      'AGE:duoi40|ETH:mong',
      'AGE:tu40|ETH:mong',
    ]);
    expect(combosOf([])).toEqual(['']);
  });

  it('sums matching cells; n/a and empty cells are not zero', () => {
    const cells: Record<string, CellValue[]> = {
      CU_NU: [cell('AGE:duoi40|ETH:kinh', 2), cell('AGE:tu40|ETH:thai', 3), cell('AGE:duoi40|ETH:mong', 1)],
      CU_TONG: [cell('', 20)],
      NA: [cell('', null, true)],
    };
    const of = (code: string) => cells[code] ?? [];
    expect(evaluate(parseExpr('CU_NU'), of, cats)).toBe(6);
    expect(evaluate(parseExpr('CU_NU[ETH:@dtts]'), of, cats)).toBe(4);
    expect(evaluate(parseExpr('CU_NU[ETH:@dtts; AGE:duoi40]'), of, cats)).toBe(1);
    expect(evaluate(parseExpr('CU_TONG - CU_NU'), of, cats)).toBe(14);
    expect(evaluate(parseExpr('CU_TONG + NA'), of, cats)).toBeNull();
    expect(evaluate(parseExpr('MISSING'), of, cats)).toBeNull();
    expect(evaluate(parseExpr('COUNT(CU_TONG)'), of, cats)).toBe(1);
    expect(evaluate(parseExpr('COUNT(NA)'), of, cats)).toBeNull();
  });

  it('compares with a tolerance for decimals', () => {
    expect(compare(0.1 + 0.2, '==', 0.3)).toBe(true);
    expect(compare(3, '<=', 3)).toBe(true);
    expect(compare(3, '<', 3)).toBe(false);
    expect(compare(4, '>', 3)).toBe(true);
  });
});
