import { pathToFileURL } from 'node:url';
import { type Catalogue, REFERENCE_CATALOGUE } from './catalogue.load.js';

/**
 * The table of the shipped indicators in docs/indicators.md ("Catalogue"), generated from the
 * reference file; catalogue.docs.test.ts fails when the document and the reference part.
 * Print it with `npx tsx server/src/modules/indicators/catalogue.docs.ts`.
 */
export function catalogueTable(c: Catalogue = REFERENCE_CATALOGUE): string {
  const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const periods: Record<string, string> = { T: 'term', Y: 'annual', H: 'six-monthly' };
  const rows = c.indicators.map((i) => {
    const formula = i.denominator
      ? `\`${i.numerator}\` ÷ \`${i.denominator}\` × ${i.factor ?? 100}`
      : `\`${i.numerator}\`${i.factor && i.factor !== 1 ? ` × ${i.factor}` : ''}`;
    const lower = i.direction === 'down' ? ' (lower is better)' : '';
    const unit = i.denominator ? ' %' : '';
    const targets =
      i.targets
        .map((t) => {
          const years = t.from === t.to ? `${t.from}` : `${t.from}–${t.to}`;
          return `${years}: ${t.value}${unit} (${t.source}${t.note ? `; ${t.note}` : ''})`;
        })
        .join('<br>') || '—';
    return `| ${i.code} | ${cell(i.nameVi)} — ${cell(i.nameEn)} | ${cell(formula)}${lower} | ${cell(i.reporterVi)} | ${i.periods
      .map((p) => periods[p] ?? p)
      .join(', ')} | ${cell(targets)} |`;
  });
  return [
    '| code | indicator | formula | reported by | periods | targets (years: value, source) |',
    '| ---- | --------- | ------- | ----------- | ------- | ------------------------------ |',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${catalogueTable()}\n`);
}
