import { describe, expect, it } from 'vitest';
import { catalogueProblems, REFERENCE_CATALOGUE } from './catalogue.load.js';

describe('the shipped catalogue', () => {
  it('has the 21 indicators of the reference, each sound', () => {
    expect(REFERENCE_CATALOGUE.indicators.map((i) => i.code)).toHaveLength(21);
    expect(new Set(REFERENCE_CATALOGUE.indicators.map((i) => i.code)).size).toBe(21);
    expect(catalogueProblems(REFERENCE_CATALOGUE)).toEqual([]);
  });

  it('finds what is wrong: a missing element, a category the element lacks, an unknown option', () => {
    const broken = {
      ...REFERENCE_CATALOGUE,
      rules: [
        {
          code: 'X1',
          nameVi: 'x',
          nameEn: 'x',
          left: 'NOPE',
          operator: '<=' as const,
          right: 'CU_TONG',
          importance: 'error' as const,
        },
        {
          code: 'X2',
          nameVi: 'x',
          nameEn: 'x',
          left: 'CU_TONG[ETH:kinh]',
          operator: '<=' as const,
          right: 'CU_NU[ETH:xyz]',
          importance: 'error' as const,
        },
      ],
    };
    expect(catalogueProblems(broken)).toEqual([
      'X1: no element NOPE',
      'X2: CU_TONG has no category ETH',
      'X2: ETH has no option xyz',
    ]);
  });

  it('every element that is typed has a reporting unit kind; computed ones have none', () => {
    for (const e of REFERENCE_CATALOGUE.elements) {
      expect(e.computed ? e.reporterKinds.length === 0 : e.reporterKinds.length > 0, e.code).toBe(true);
    }
  });
});
