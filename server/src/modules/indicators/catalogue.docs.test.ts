import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueTable } from './catalogue.docs.js';
import { REFERENCE_CATALOGUE } from './catalogue.load.js';

describe('docs/indicators.md, "Catalogue"', () => {
  it('lists the 21 shipped indicators with their targets and sources, as the reference file has them', () => {
    const doc = readFileSync(new URL('../../../../docs/indicators.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Catalogue'), doc.indexOf('## Entry'));
    const table = catalogueTable();
    // The formatter pads the columns: compare cell by cell. Regenerate the table with
    // `npx tsx server/src/modules/indicators/catalogue.docs.ts`, then `npx biome check --write docs`.
    const cells = (text: string) =>
      text
        .split('\n')
        .filter((line) => /^\| (W21|code)/.test(line))
        .map((line) => line.split(' | ').map((c) => c.replace(/^\|/, '').replace(/\|$/, '').trim()));
    expect(cells(section)).toEqual(cells(table));
    expect(table.split('\n')).toHaveLength(2 + 21);
    for (const i of REFERENCE_CATALOGUE.indicators) {
      for (const t of i.targets) expect(section).toContain(t.source);
    }
  });
});
