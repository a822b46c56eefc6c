import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

/** Puts the server's per-field messages next to the fields; true if any field matched. */
export function applyFieldErrors(form: FormInstance, error: unknown, known: string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const entries = Object.entries(error.fields).filter(([name]) => known.includes(name));
  if (entries.length === 0) return false;
  form.setFields(entries.map(([name, message]) => ({ name, errors: [message || error.detail] })));
  return true;
}
