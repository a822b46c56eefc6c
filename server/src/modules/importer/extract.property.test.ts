import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findReferences, parseSymbol } from '../documents/symbol.js';
import { PlanImportObject } from '../plans/plan-format.js';
import { extractPlan } from './extract.js';

/**
 * Robustness: the parsers never throw, whatever the text, and stay fast on adversarial input
 * (huge whitespace runs, deeply repeated numbering, long runs of symbol-like characters).
 * extractPlan has no catch-all: an exception inside it fails these properties (checked by
 * making `run` throw: every property below then fails).
 */
const source = { fileName: null, encoding: 'utf-8', warnings: [] };

/** Pieces of real documents, glued at random, find the paths the parsers care about. */
const PIECES = [
  'KẾ HOẠCH\n',
  'Số: 12/KH-UBND',
  'Số -KH/ĐU\n',
  ' 21-CT/TW, ngày 20/01/2018 của Ban Bí thư',
  'Chỉ thị số ',
  'I. MỤC ĐÍCH, YÊU CẦU\n',
  'II. NỘI DUNG\n',
  '1. ',
  '1.1. ',
  '- ',
  '+ ',
  'Nơi nhận:\n',
  '- Lưu VT.\n',
  'T/M BAN THƯỜNG VỤ\n',
  'KT. CHỦ TỊCH\n',
  'Nguyễn Văn A\n',
  'Kính gửi:',
  'chủ trì, phối hợp với ',
  'tham mưu cho ',
  'báo cáo về ',
  'Ủy ban nhân dân tỉnh',
  'trước ngày 15/4/2026',
  'hằng quý',
  '|',
  '\f',
  '\n\n',
  '   ',
  '0214.3840.123',
  'd:\\2011\\CV\\',
  '[1] ',
  '“',
  '/',
  '-',
];

const docLike = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((xs) => xs.join(''));

function assertPlan(text: string): void {
  const got = extractPlan(text, source);
  expect(() => PlanImportObject.parse(got)).not.toThrow();
  expect(got.source.warnings).toEqual([]);
}

describe('never throws (fast-check)', () => {
  it('parseSymbol and findReferences on arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        parseSymbol(s);
        findReferences(s);
      }),
      { numRuns: 300 },
    );
  });

  it('extractPlan on arbitrary unicode always returns the contract shape', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        assertPlan(s);
      }),
      { numRuns: 200 },
    );
  });

  it('extractPlan on UTF-16 noise: NUL bytes, unpaired surrogates, control characters', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
    const noise = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit, maxLength: 20 })), { maxLength: 40 });
    fc.assert(
      fc.property(noise, (xs) => {
        assertPlan(xs.join(''));
      }),
      { numRuns: 200 },
    );
  });

  it('extractPlan on document-like collages', () => {
    fc.assert(
      fc.property(docLike, (s) => {
        assertPlan(s);
        parseSymbol(s);
        findReferences(s);
      }),
      { numRuns: 300 },
    );
  });

  it('adversarial inputs finish quickly', () => {
    const inputs = [
      ' '.repeat(200_000),
      '\n'.repeat(100_000),
      '1.'.repeat(20_000),
      '1.1.1.1. '.repeat(10_000),
      'I. A\n'.repeat(10_000),
      '- '.repeat(50_000),
      '1/'.repeat(30_000),
      '1-'.repeat(30_000),
      'Chỉ thị số 1-'.repeat(5_000),
      `Số:${' '.repeat(50_000)}/KH-UBND`,
      'Kế hoạch số 12-KH/TU của '.repeat(3_000),
      'phối hợp với Ủy ban '.repeat(5_000),
      `KẾ HOẠCH\n${'a'.repeat(200_000)}`,
      'Ủy ban nhân dân, '.repeat(10_000),
      '| '.repeat(50_000),
    ];
    for (const s of inputs) {
      const t0 = performance.now();
      assertPlan(s);
      parseSymbol(s);
      findReferences(s);
      expect(performance.now() - t0).toBeLessThan(3000);
    }
  });
});
