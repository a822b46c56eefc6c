import type { PlanImportObject } from '../plans/plan-format.js';
import { extractPlan } from './extract.js';
import { type ImportFailure, readDocument } from './read.js';

export type ImportResult = { ok: true; plan: PlanImportObject } | ImportFailure;

/** The warning a text without plan structure gets (also the test for it). */
export const NO_STRUCTURE_WARNING =
  'Không tìm thấy cấu trúc kế hoạch (mục, nhiệm vụ) trong văn bản; hãy kiểm tra lại tệp. / No plan structure (sections, tasks) was found in the text; check the file.';

/**
 * A file → the `trienkhai.plan/1` object: readDocument, then extractPlan. A readable text with
 * no sections and no tasks still gives a plan (mostly empty) with NO_STRUCTURE_WARNING.
 */
export async function importFile(bytes: Uint8Array, fileName: string | null): Promise<ImportResult> {
  const read = await readDocument(bytes, fileName);
  if (!read.ok) return read;
  const plan = extractPlan(read.text, { fileName, encoding: read.encoding, warnings: [...read.warnings] });
  const noStructure = plan.sections.length === 0 && plan.tasks.length === 0;
  const warned = plan.source.warnings.some((w: string) => w.startsWith('Không tìm thấy cấu trúc kế hoạch'));
  if (noStructure && !warned) {
    return {
      ok: true,
      plan: { ...plan, source: { ...plan.source, warnings: [...plan.source.warnings, NO_STRUCTURE_WARNING] } },
    };
  }
  return { ok: true, plan };
}
