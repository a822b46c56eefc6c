import { readFileSync } from 'node:fs';
import { extractPlan } from '../server/src/modules/importer/extract.js';
import { readDocument } from '../server/src/modules/importer/read.js';
import { FOUNDING_TEXT_PATH } from '../server/src/modules/plans/plans.seed.js';
import type { DatabaseKind } from '../server/src/platform/db/database.js';
import { type Figure, figure, sample } from './harness.js';

/**
 * import-per-10kb: reading, normalising and extracting a plan, scaled to 10 KB of text, against
 * merely reading and normalising the same bytes (encoding detection, NFC) as the floor. The
 * importer touches no database, so the figure is the same on every backend; it is printed once,
 * under PGlite.
 */
export async function importPer10kb(kind: DatabaseKind, n: number): Promise<Figure | null> {
  if (kind !== 'pglite') return null;
  const bytes = readFileSync(FOUNDING_TEXT_PATH);
  const scale = 10_240 / bytes.length;
  const read = async () => {
    const result = await readDocument(bytes, 'founding-plan.txt');
    if (!result.ok) throw new Error(result.message.en);
    return result;
  };
  const full = await sample(async () => {
    const r = await read();
    extractPlan(r.text, { fileName: 'founding-plan.txt', encoding: r.encoding, warnings: r.warnings });
  }, n);
  const floor = await sample(read, n);
  return figure(
    'import-per-10kb',
    kind,
    full.map((t) => t * scale),
    floor.map((t) => t * scale),
  );
}
