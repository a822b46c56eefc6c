/**
 * The small expression language of the catalogue (docs/indicators.md "Expressions"): indicators'
 * numerators and denominators and validation rules' two sides are sums and differences of
 * data-element terms and constants.
 *
 *   CU_NU                          every cell of element CU_NU (its total)
 *   CU_NU[ETH:kinh]                the cells whose ETH option is kinh
 *   CU_NU[ETH:@dtts; AGE:lt40]     ETH in the options of group dtts, and AGE lt40
 *   CU_TONG - CU_NU + 2            constants are allowed
 *   COUNT(DTH_CO)                  the number of units that gave a number for DTH_CO (1 for one
 *                                  unit that did): "units with a dialogue ÷ units reporting"
 *
 * Totals are never typed: a total is the sum of an element's cells. Cells are identified by a
 * canonical combo string, 'AGE:lt40|ETH:kinh' (categories in code order), '' without categories.
 */

export class ExprError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** A filter: per category code, the options (or `@group`s) a cell must have. */
export type Filter = Readonly<Record<string, readonly string[]>>;

export type Term =
  | { sign: 1 | -1; kind: 'element'; element: string; filter: Filter }
  | { sign: 1 | -1; kind: 'constant'; value: number }
  | { sign: 1 | -1; kind: 'count'; element: string };

export interface Expr {
  source: string;
  terms: Term[];
}

const CODE = /^[A-Z][A-Z0-9_.]*$/;
const OPTION = /^@?[a-z0-9_]+$/;

function parseFilter(text: string, element: string): Filter {
  const filter: Record<string, string[]> = {};
  for (const part of text.split(';')) {
    const p = part.trim();
    if (!p) continue;
    const [cat, opts, extra] = p.split(':');
    const category = cat?.trim() ?? '';
    if (extra !== undefined || !opts || !CODE.test(category)) {
      throw new ExprError(`Bộ lọc không hợp lệ ở ${element}: "${p}"`, `Bad filter on ${element}: "${p}"`);
    }
    const options = opts
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    if (options.length === 0 || !options.every((o) => OPTION.test(o))) {
      throw new ExprError(`Bộ lọc không hợp lệ ở ${element}: "${p}"`, `Bad filter on ${element}: "${p}"`);
    }
    if (filter[category]) {
      throw new ExprError(`Phân tổ ${category} lặp lại ở ${element}`, `Category ${category} repeated on ${element}`);
    }
    filter[category] = options;
  }
  return filter;
}

/** Parses an expression; throws ExprError with a Vietnamese and an English message. */
export function parseExpr(source: string): Expr {
  const terms: Term[] = [];
  let i = 0;
  const s = source;
  const skip = () => {
    while (i < s.length && /\s/.test(s[i] as string)) i++;
  };
  let sign: 1 | -1 = 1;
  let expectTerm = true;
  let leadingSign = false;
  skip();
  if (i >= s.length) throw new ExprError('Biểu thức rỗng', 'Empty expression');
  while (i < s.length) {
    skip();
    const ch = s[i] as string;
    if (expectTerm) {
      if (ch === '-' || ch === '+') {
        if (terms.length > 0 || leadingSign) throw new ExprError('Dấu thừa trong biểu thức', 'Stray sign');
        leadingSign = true;
        sign = ch === '-' ? -1 : 1;
        i++;
        continue;
      }
      const num = /^\d+(?:\.\d+)?/.exec(s.slice(i));
      const count = /^COUNT\(\s*([A-Z][A-Z0-9_.]*)\s*\)/.exec(s.slice(i));
      if (count) {
        terms.push({ sign, kind: 'count', element: count[1] as string });
        i += count[0].length;
      } else if (num) {
        terms.push({ sign, kind: 'constant', value: Number(num[0]) });
        i += num[0].length;
      } else {
        const code = /^[A-Z][A-Z0-9_.]*/.exec(s.slice(i));
        if (!code) {
          throw new ExprError(`Ký tự không mong đợi "${ch}" ở vị trí ${i + 1}`, `Unexpected "${ch}" at ${i + 1}`);
        }
        i += code[0].length;
        let filter: Filter = {};
        if (s[i] === '[') {
          const end = s.indexOf(']', i);
          if (end < 0) throw new ExprError(`Thiếu "]" sau ${code[0]}`, `Missing "]" after ${code[0]}`);
          filter = parseFilter(s.slice(i + 1, end), code[0]);
          i = end + 1;
        }
        terms.push({ sign, kind: 'element', element: code[0], filter });
      }
      expectTerm = false;
      sign = 1;
    } else {
      if (ch !== '+' && ch !== '-') {
        throw new ExprError(`Cần "+" hoặc "-" ở vị trí ${i + 1}`, `Expected "+" or "-" at ${i + 1}`);
      }
      sign = ch === '-' ? -1 : 1;
      expectTerm = true;
      i++;
    }
    skip();
  }
  if (expectTerm) throw new ExprError('Biểu thức kết thúc bằng dấu', 'Expression ends with a sign');
  return { source, terms };
}

/** The element codes an expression reads. */
export function elementsOf(expr: Expr): string[] {
  return [...new Set(expr.terms.flatMap((t) => (t.kind === 'constant' ? [] : [t.element])))];
}

/** 'AGE:lt40|ETH:kinh' ⇄ { AGE: 'lt40', ETH: 'kinh' }. */
export function parseCombo(combo: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!combo) return out;
  for (const part of combo.split('|')) {
    const [c, o] = part.split(':');
    if (c && o) out[c] = o;
  }
  return out;
}

export function comboKey(options: Readonly<Record<string, string>>): string {
  return Object.keys(options)
    .sort()
    .map((c) => `${c}:${options[c]}`)
    .join('|');
}

export interface CategoryDef {
  code: string;
  options: readonly { code: string; group?: string | undefined }[];
}

/** Every cell of an element: the cross product of its categories' options ('' without categories). */
export function combosOf(categories: readonly CategoryDef[]): string[] {
  let acc: Record<string, string>[] = [{}];
  for (const cat of categories) {
    acc = acc.flatMap((partial) => cat.options.map((o) => ({ ...partial, [cat.code]: o.code })));
  }
  return acc.map(comboKey);
}

/** Does a cell (its combo) pass a term's filter? `@group` matches every option of that group. */
export function comboMatches(combo: string, filter: Filter, categories: ReadonlyMap<string, CategoryDef>): boolean {
  const cell = parseCombo(combo);
  for (const [cat, wanted] of Object.entries(filter)) {
    const option = cell[cat];
    if (option === undefined) return false;
    const def = categories.get(cat);
    const ok = wanted.some((w) =>
      w.startsWith('@') ? def?.options.some((o) => o.code === option && o.group === w.slice(1)) : w === option,
    );
    if (!ok) return false;
  }
  return true;
}

/** One cell as stored: a number, "not available", or absent (no entry). */
export interface CellValue {
  combo: string;
  value: number | null;
  notAvailable: boolean;
}

/**
 * The value of an expression over one unit's cells. A term over an element none of whose matching
 * cells has a number (all empty or n/a) makes the whole expression unknown (null): rules and
 * ratios over missing data are skipped, never treated as zero.
 */
export function evaluate(
  expr: Expr,
  cellsOf: (element: string) => readonly CellValue[],
  categories: ReadonlyMap<string, CategoryDef>,
): number | null {
  let total = 0;
  for (const t of expr.terms) {
    if (t.kind === 'constant') {
      total += t.sign * t.value;
      continue;
    }
    let sum = 0;
    let seen = false;
    for (const c of cellsOf(t.element)) {
      if (c.value === null || c.notAvailable) continue;
      if (t.kind === 'count') {
        seen = true;
        continue;
      }
      if (!comboMatches(c.combo, t.filter, categories)) continue;
      sum += c.value;
      seen = true;
    }
    if (!seen) return null;
    total += t.sign * (t.kind === 'count' ? 1 : sum);
  }
  return total;
}

export type Operator = '<=' | '<' | '>=' | '>' | '==';

export function compare(left: number, op: Operator, right: number): boolean {
  const eps = 1e-9;
  switch (op) {
    case '<=':
      return left <= right + eps;
    case '<':
      return left < right - eps;
    case '>=':
      return left + eps >= right;
    case '>':
      return left > right + eps;
    case '==':
      return Math.abs(left - right) <= eps;
  }
}
