import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractPlan } from './extract.js';

/**
 * The development corpus: real documents, each against its hand-made expected object, one test
 * per document and top-level field so progress is visible. A copy lives in the repository
 * (corpus-dev/, from shared/corpus-dev); documents added later to ../shared/corpus-dev beside the
 * clone are tested too.
 */
const LOCAL = fileURLToPath(new URL('./corpus-dev/', import.meta.url));
const SHARED = resolve(process.cwd(), '../shared/corpus-dev');
const FIELDS = [
  'document',
  'references',
  'sections',
  'objectives',
  'tasks',
  'addressees',
  'recipients',
  'signer',
] as const;

/** Fields that do not match yet, with the reason (none at the moment). */
const KNOWN_DIFFERENCES: Record<string, string> = {};

const documents = new Map<string, string>();
for (const dir of [LOCAL, SHARED]) {
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir)) if (f.endsWith('.txt') && !documents.has(f)) documents.set(f, dir);
}
const files = [...documents.keys()].sort();

describe('corpus-dev', () => {
  it('has documents', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    describe(file, () => {
      const dir = documents.get(file) ?? LOCAL;
      const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.txt$/, '.expected.json')), 'utf8'));
      const got = extractPlan(readFileSync(join(dir, file), 'utf8'), expected.source);
      it('format and source', () => {
        expect(got.format).toBe('trienkhai.plan/1');
        expect(got.source).toEqual(expected.source);
      });
      for (const field of FIELDS) {
        const known = KNOWN_DIFFERENCES[`${file}:${field}`];
        (known ? it.fails : it)(field, () => {
          expect(got[field]).toEqual(expected[field]);
        });
      }
    });
  }
});
