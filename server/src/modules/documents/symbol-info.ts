import { DOCUMENT_TYPES, parseSymbol } from './symbol.js';

export interface SymbolInfo {
  symbol: string;
  number: string | null;
  typeCode: string | null;
  typeName: string | null;
  issuerCode: string | null;
  system: 'party' | 'state' | null;
  year: string | null;
}

/**
 * What a number-and-symbol tells a registry form: the canonical symbol and the parts it implies.
 * The type name is a guess where one code serves two types (QĐ: Quyết định or Quy định); the
 * form lets the user correct it. Null when the text is not a complete symbol.
 */
export function describeSymbol(text: string): SymbolInfo | null {
  const parsed = parseSymbol(text);
  if (!parsed?.symbol) return null;
  const type = parsed.typeCode
    ? DOCUMENT_TYPES.find((t) =>
        (parsed.system === 'party' ? t.partyCodes : t.stateCodes).includes(parsed.typeCode ?? ''),
      )
    : parsed.system === 'state'
      ? DOCUMENT_TYPES.find((t) => t.name === 'Công văn')
      : undefined;
  return {
    symbol: parsed.symbol,
    number: parsed.number,
    typeCode: parsed.typeCode,
    typeName: type?.name ?? null,
    issuerCode: parsed.issuerCode,
    system: parsed.system,
    year: parsed.year,
  };
}
