import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { Catalogue } from './CatalogueHooks';

const TOKEN = /COUNT\(\s*([A-Z][A-Z0-9_.]*)\s*\)|([A-Z][A-Z0-9_.]*)(\[[^\]]*\])?|(\d+(?:\.\d+)?)|([+-])/g;

/**
 * An expression (server: indicators/expr.ts) as people read it: each element by its name, each
 * filter by its category's and options' names; the code stays in a tooltip.
 */
export function CatalogueFormula({ source, catalogue }: { source: string; catalogue: Catalogue }) {
  const { t, lang } = useI18n();
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.nameVi);
  const elements = new Map(catalogue.elements.map((e) => [e.code, e]));
  const categories = new Map(catalogue.categories.map((c) => [c.code, c]));
  const filterText = (filter: string) =>
    filter
      .slice(1, -1)
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const [cat = '', opts = ''] = p.split(':');
        const def = categories.get(cat.trim());
        const options = opts
          .split(',')
          .map((o) => o.trim())
          .map((o) =>
            o.startsWith('@')
              ? t('indicators.catalogue.group', { group: o.slice(1) })
              : (() => {
                  const found = def?.options.find((x) => x.code === o);
                  return found ? name(found) : o;
                })(),
          );
        return `${def ? name(def) : cat}: ${options.join(', ')}`;
      })
      .join('; ');
  const parts: ReactNode[] = [];
  for (const m of source.matchAll(TOKEN)) {
    const key = `${m.index}`;
    if (m[1]) {
      const e = elements.get(m[1]);
      parts.push(
        <Tooltip key={key} title={m[0]}>
          <span className="tk-formula-term">{t('indicators.catalogue.countOf', { name: e ? name(e) : m[1] })}</span>
        </Tooltip>,
      );
    } else if (m[2]) {
      const e = elements.get(m[2]);
      parts.push(
        <Tooltip key={key} title={m[0]}>
          <span className="tk-formula-term">
            {e ? name(e) : m[2]}
            {m[3] ? <span className="tk-muted"> ({filterText(m[3])})</span> : null}
          </span>
        </Tooltip>,
      );
    } else if (m[4]) {
      parts.push(<span key={key}>{m[4]}</span>);
    } else if (m[5]) {
      parts.push(<span key={key}> {m[5] === '-' ? '−' : '+'} </span>);
    }
  }
  return <span data-testid="catalogue-formula">{parts}</span>;
}
