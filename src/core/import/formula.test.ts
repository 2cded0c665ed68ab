import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, unguardCell } from './formula';

// Strings that reach the interesting cases often: leading quotes, formula characters, tabs, CR.
const tricky = fc
  .array(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '\n', ' ', 'a', '1', '山', '"', ','), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));
const anyString = fc.oneof(tricky, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

describe('formula injection guard', () => {
  it('round-trips every string: unguardCell(guardCell(s)) === s', () => {
    fc.assert(
      fc.property(anyString, (s) => unguardCell(guardCell(s)) === s),
      { numRuns: 5000 },
    );
  });

  it('never lets a guarded cell start with = + - @ tab or carriage return', () => {
    fc.assert(
      fc.property(anyString, (s) => !/^[=+\-@\t\r]/.test(guardCell(s))),
      { numRuns: 5000 },
    );
  });

  it('leaves ordinary values alone and prefixes formulas with one quote', () => {
    expect(guardCell('山田 太郎')).toBe('山田 太郎');
    expect(guardCell("'quoted")).toBe("'quoted");
    expect(guardCell('=1+1')).toBe("'=1+1");
    expect(guardCell('-5')).toBe("'-5");
    expect(guardCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardCell('\t=1')).toBe("'\t=1");
    expect(guardCell('\r=1')).toBe("'\r=1");
    // A value that already looks guarded is guarded once more, so import tells them apart.
    expect(guardCell("'=1")).toBe("''=1");
    expect(unguardCell("''=1")).toBe("'=1");
    expect(unguardCell("'=1+1")).toBe('=1+1');
    expect(unguardCell("'quoted")).toBe("'quoted");
  });
});
