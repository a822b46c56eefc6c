import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importFile } from '../modules/importer/import-file.js';
import { importFailure, MAX_IMPORT_BYTES, messageLine } from '../modules/importer/read.js';
import type { PlanImportObject } from '../modules/plans/plan-format.js';

const USAGE =
  'Cách dùng / usage: trienkhai import-plan TỆP [--json]   (TỆP: .txt, .md hoặc .docx / FILE: .txt, .md or .docx)';

/**
 * `trienkhai import-plan FILE [--json]` (docs/importer.md): reads one plan file and prints the
 * `trienkhai.plan/1` object (--json, exactly the object, 2-space indented) or a short summary in
 * Vietnamese. Exit 0 when the file was read; 2 for a usage error or a file that cannot be read
 * (one "vi / en" line on stderr, nothing on stdout).
 */
export async function importPlanCommand(args: string[]): Promise<number> {
  let json: boolean;
  let file: string;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1 || positionals[0] === undefined || positionals[0] === '') throw new Error('FILE');
    json = values.json === true;
    file = positionals[0];
  } catch {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    if (info.size > MAX_IMPORT_BYTES) {
      // Refused before a byte is read.
      process.stderr.write(`${messageLine(importFailure('file_too_large').message)}\n`);
      return 2;
    }
    bytes = await readFile(file);
  } catch {
    process.stderr.write(
      `${messageLine({ vi: `Không đọc được tệp "${file}".`, en: `Cannot read the file "${file}".` })}\n`,
    );
    return 2;
  }

  const result = await importFile(bytes, basename(file));
  if (!result.ok) {
    process.stderr.write(`${messageLine(result.message)}\n`);
    return 2;
  }
  process.stdout.write(json ? `${JSON.stringify(result.plan, null, 2)}\n` : summary(result.plan));
  return 0;
}

function summary(plan: PlanImportObject): string {
  const d = plan.document;
  const lines = [
    `Tệp: ${plan.source.fileName ?? '—'} (bảng mã ${plan.source.encoding ?? '—'})`,
    `Văn bản: ${d.symbol ?? 'chưa rõ số, ký hiệu'}${d.date ? ` ngày ${d.date}` : ''}${d.issuer ? ` của ${d.issuer}` : ''}`,
    `Trích yếu: ${d.title ?? '—'}`,
    `Văn bản dẫn chiếu: ${plan.references.length} · Mục: ${plan.sections.length} · Nhiệm vụ: ${plan.tasks.length} · Nơi nhận: ${plan.recipients.length}`,
  ];
  if (plan.source.warnings.length > 0) {
    lines.push(`Cảnh báo (${plan.source.warnings.length}):`, ...plan.source.warnings.map((w) => `  - ${w}`));
  }
  return `${lines.join('\n')}\n`;
}
