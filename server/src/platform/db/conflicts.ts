import { AppError } from '../errors.js';
import type { MessageCode } from '../i18n.js';

/**
 * The database is the final arbiter of uniqueness. Services check first to give a friendly
 * message, but two requests can pass the check at the same moment (PostgreSQL runs them side
 * by side); the second insert then fails on the unique index with `23505 unique_violation`.
 * This is the one place that turns such a failure into the same 409 the check would give.
 */

type Params = Record<string, string | number>;

interface UniqueRule {
  /** Constraint or unique index name (a later migration may rename: matched as a prefix). */
  constraint: string;
  code: MessageCode;
  /** Message parameters from the violating key's values, as PostgreSQL reports them. */
  params(values: string[]): Params;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const RULES: UniqueRule[] = [
  { constraint: 'org_unit_code', code: 'unit_code_taken', params: ([code]) => ({ code: code ?? '' }) },
  { constraint: 'app_user_username', code: 'username_taken', params: ([username]) => ({ username: username ?? '' }) },
  {
    // lower(symbol), coalesce(issuer_unit_id::text, lower(issuer_name), ''), coalesce(issued_on, '0001-01-01')
    constraint: 'document_identity',
    code: 'document_exists',
    params: (values) => {
      const symbol = values[0] ?? '';
      const date = values.at(-1) ?? '';
      const issuer = values.slice(1, -1).join(', ');
      return {
        symbol: symbol.toUpperCase(),
        issuer: UUID.test(issuer) ? '—' : issuer,
        date: date === '0001-01-01' ? '—' : date,
      };
    },
  },
];

interface PgError {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

/** The key's values from "Key (a, b)=(x, y) already exists." (split naïvely on ", "). */
function keyValues(detail: unknown): string[] {
  const match = typeof detail === 'string' ? /^Key \(.*\)=\((.*)\) already exists\.?$/s.exec(detail) : null;
  return match?.[1] ? match[1].split(', ') : [];
}

/** A 409 for a unique violation on either backend; null for any other error. */
export function conflictFromDatabase(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, constraint, detail } = error as PgError;
  if (code !== '23505') return null;
  const name = typeof constraint === 'string' ? constraint : '';
  const rule = RULES.find((r) => name.startsWith(r.constraint));
  if (!rule) return new AppError(409, 'duplicate_record', {}, { constraint: name });
  return new AppError(409, rule.code, rule.params(keyValues(detail)));
}

/**
 * 409 `stale_version`: the record changed since the version the edit was made from. The
 * problem carries the current record (`current`) so the client can show it instead of
 * overwriting it.
 */
export function staleVersion(
  entity: 'unit' | 'level' | 'document' | 'user' | 'plan' | 'node' | 'assignment' | 'data_value',
  given: number,
  current: { version: number },
): AppError {
  return new AppError(409, 'stale_version', { entity, current: current.version, given }, { current });
}
