/**
 * Reading the territorial tree: which area a unit belongs to, which body leads it, and which
 * units sit directly below a territory's leading body — the "chi, đảng bộ trực thuộc" that must
 * issue their own implementing plan.
 */
export interface TreeUnit {
  id: string;
  path: string;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
}

const ids = (path: string) => path.split('/').filter(Boolean);

export class Territory<U extends TreeUnit> {
  private readonly byId: Map<string, U>;
  private readonly order: Map<U, number>;
  /** Units by their parent's path, built on first use: a subtree is walked, never filtered from all. */
  private below: Map<string, U[]> | null = null;
  /** areaOf by path, remembered: the coverage of a country asks it tens of thousands of times. */
  private readonly areas = new Map<string, U | undefined>();

  constructor(readonly units: U[]) {
    this.byId = new Map(units.map((u) => [u.id, u]));
    this.order = new Map(units.map((u, i) => [u, i]));
  }

  /** A unit of the territory by id. */
  get(id: string): U | undefined {
    return this.byId.get(id);
  }

  /** The units at or below a path, in the order they were given. */
  /** Units by their parent's path, built once. */
  private children(): Map<string, U[]> {
    if (!this.below) {
      this.below = new Map();
      for (const u of this.units) {
        const parentPath = u.path.slice(0, u.path.lastIndexOf('/', u.path.length - 2) + 1);
        const list = this.below.get(parentPath);
        if (list) list.push(u);
        else this.below.set(parentPath, [u]);
      }
    }
    return this.below;
  }

  subtree(path: string): U[] {
    const below = this.children();
    const found: U[] = [];
    const self = this.byId.get(ids(path).at(-1) ?? '');
    if (self?.path === path) found.push(self);
    const stack = [path];
    while (stack.length > 0) {
      for (const child of below.get(stack.pop() ?? '') ?? []) {
        found.push(child);
        stack.push(child.path);
      }
    }
    return found.sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }

  /** The nearest `area` at or above a unit. */
  areaOf(unit: U): U | undefined {
    if (this.areas.has(unit.path)) return this.areas.get(unit.path);
    const chain = ids(unit.path);
    let found: U | undefined;
    for (let i = chain.length - 1; i >= 0 && !found; i--) {
      const u = this.byId.get(chain[i] ?? '');
      if (u?.kind === 'area') found = u;
    }
    this.areas.set(unit.path, found);
    return found;
  }

  /** The nearest unit of one of `kinds` at or above a unit, inside the same area. */
  leaderOf(unit: U, kinds: readonly string[]): U | undefined {
    return this.leaderOnPath(ids(unit.path), this.areaOf(unit), kinds);
  }

  /**
   * The nearest unit of `kinds` on a chain of ids (deepest first), stopping at the area. Units
   * absent from the territory are skipped: the cascade loads only areas and leading bodies.
   */
  private leaderOnPath(chain: string[], area: U | undefined, kinds: readonly string[]): U | undefined {
    for (let i = chain.length - 1; i >= 0; i--) {
      const id = chain[i] ?? '';
      if (id === area?.id) return undefined;
      const u = this.byId.get(id);
      if (u && kinds.includes(u.kind)) return u;
    }
    return undefined;
  }

  /**
   * Units of `kinds` directly below a territory's own leading body: the leading bodies of its
   * direct sub-areas, and the units directly under its own leader (e.g. Party branches under the
   * district committee). Only units active on `date` when given.
   */
  subordinates(area: U, kinds: readonly string[], date: string | null = null): U[] {
    // One walk down the area's subtree, carrying the home area (the area itself or a direct
    // sub-area; deeper areas are not entered) and how many units of `kinds` lie above inside
    // it: a sub-area's topmost leading body (none above), or a unit directly under the area's
    // own topmost one (exactly one above).
    const below = this.children();
    const depth = ids(area.path).length;
    const found: U[] = [];
    const active = (u: U) =>
      !date || ((u.validFrom === null || u.validFrom <= date) && (u.validTo === null || u.validTo > date));
    const visit = (parentPath: string, inSubArea: boolean, leaders: number) => {
      for (const u of below.get(parentPath) ?? []) {
        if (u.id === area.id) continue;
        if (u.kind === 'area') {
          // Only the direct sub-areas (one level below in the tree) are entered.
          if (!inSubArea && ids(u.path).length === depth + 1) visit(u.path, true, 0);
          continue;
        }
        const leading = kinds.includes(u.kind);
        if (leading && active(u) && (inSubArea ? leaders === 0 : leaders === 1)) found.push(u);
        // Below a sub-area's leading body, or two in the area, nothing more can qualify.
        const next = leading ? leaders + 1 : leaders;
        if (inSubArea ? next === 0 : next <= 1) visit(u.path, inSubArea, next);
      }
    };
    visit(area.path, false, 0);
    return found.sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }
}

export const LEADING_KINDS = {
  party: ['party_committee', 'party_branch'],
  state: ['people_committee'],
} as const;
