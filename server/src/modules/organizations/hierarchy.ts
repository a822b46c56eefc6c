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
  subtree(path: string): U[] {
    if (!this.below) {
      this.below = new Map();
      for (const u of this.units) {
        const parentPath = u.path.slice(0, u.path.lastIndexOf('/', u.path.length - 2) + 1);
        const list = this.below.get(parentPath);
        if (list) list.push(u);
        else this.below.set(parentPath, [u]);
      }
    }
    const found: U[] = [];
    const self = this.byId.get(ids(path).at(-1) ?? '');
    if (self?.path === path) found.push(self);
    const stack = [path];
    while (stack.length > 0) {
      for (const child of this.below.get(stack.pop() ?? '') ?? []) {
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
    const depth = ids(area.path).length;
    // The nearest unit of `kinds` strictly above u, inside u's area.
    const above = (u: U) => this.leaderOnPath(ids(u.path).slice(0, -1), this.areaOf(u), kinds);
    return this.subtree(area.path).filter((u) => {
      if (!kinds.includes(u.kind) || !u.path.startsWith(area.path) || u.id === area.id) return false;
      if (date && !((u.validFrom === null || u.validFrom <= date) && (u.validTo === null || u.validTo > date))) {
        return false;
      }
      const home = this.areaOf(u);
      if (!home) return false;
      if (ids(home.path).length === depth + 1) return above(u) === undefined;
      if (home.id !== area.id) return false;
      const leader = above(u);
      return leader !== undefined && above(leader) === undefined;
    });
  }
}

export const LEADING_KINDS = {
  party: ['party_committee', 'party_branch'],
  state: ['people_committee'],
} as const;
