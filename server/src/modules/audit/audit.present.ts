/**
 * A readable audit row: the changed fields only, with unit ids shown as unit names. Field keys
 * stay as stored (`short_name`, `home_unit_id` …); the web app gives them Vietnamese labels.
 */
export interface Change {
  field: string;
  before: unknown;
  after: unknown;
  /** The unit's name when the value is a unit id. */
  beforeLabel?: string;
  afterLabel?: string;
}

/** Bookkeeping columns that change with every write and say nothing to a reader. */
const NOISE = new Set(['id', 'created_at', 'updated_at', 'search_text', 'path', 'depth', 'password_hash', 'version']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
/** Keys that hold a unit id: unit_id, parent_id, home_unit_id, homeUnitId, issuer_unit_id … */
const isUnitKey = (key: string) => /(^|_)(unit_id|parent_id)$|unitId$|UnitId$/.test(key);

export function changesOf(before: unknown, after: unknown): Change[] {
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !NOISE.has(k));
  return keys
    .filter((k) => !same(b[k], a[k]))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

/** Unit ids mentioned by the changes (also inside lists such as a new user's grants), to be named in one query. */
export function unitIdsOf(changes: Change[]): string[] {
  const ids = new Set<string>();
  const visit = (key: string, v: unknown) => {
    if (typeof v === 'string' && isUnitKey(key) && UUID.test(v)) ids.add(v);
    else if (Array.isArray(v)) for (const item of v) visit(key, item);
    else if (isRecord(v)) for (const [k, inner] of Object.entries(v)) visit(k, inner);
  };
  for (const c of changes) {
    visit(c.field, c.before);
    visit(c.field, c.after);
  }
  return [...ids];
}

export function labelUnits(changes: Change[], names: Map<string, string>): Change[] {
  return changes.map((c) => {
    if (!isUnitKey(c.field)) return c;
    const beforeLabel = typeof c.before === 'string' ? names.get(c.before) : undefined;
    const afterLabel = typeof c.after === 'string' ? names.get(c.after) : undefined;
    return { ...c, ...(beforeLabel ? { beforeLabel } : {}), ...(afterLabel ? { afterLabel } : {}) };
  });
}
