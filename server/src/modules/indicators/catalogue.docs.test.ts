import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueTable } from './catalogue.docs.js';
import { REFERENCE_CATALOGUE } from './catalogue.load.js';

describe('docs/indicators.md, "Catalogue"', () => {
  it('lists the 21 shipped indicators with their targets and sources, as the reference file has them', () => {
    const doc = readFileSync(new URL('../../../../docs/indicators.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Catalogue'), doc.indexOf('## Entry'));
    const table = catalogueTable();
    // Regenerate with `npx tsx server/src/modules/indicators/catalogue.docs.ts`.
    expect(section).toContain(table);
    expect(table.split('\n')).toHaveLength(2 + 21);
    for (const i of REFERENCE_CATALOGUE.indicators) {
      for (const t of i.targets) expect(section).toContain(t.source);
    }
  });
});
