import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BreakdownInput, derivableHiddenCells, suppressSmallCells } from './small-cells';

const COLUMNS = ['a', 'b', 'c'];

/** Random breakdowns: 1–8 groups of 1–30 respondents, each demand chosen by 0…respondents of them. */
const table = fc
  .array(
    fc.integer({ min: 1, max: 30 }).chain((respondents) =>
      fc.record({
        respondents: fc.constant(respondents),
        // Small counts and zeros often: they are the interesting cases.
        counts: fc.tuple(
          ...COLUMNS.map(() =>
            fc.oneof(
              fc.constant(0),
              fc.integer({ min: 0, max: Math.min(respondents, 6) }),
              fc.integer({ min: 0, max: respondents }),
            ),
          ),
        ),
      }),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((groups) =>
    groups.map(
      (g, i): BreakdownInput => ({
        key: i === 0 ? null : `g${i}`,
        label: i === 0 ? null : `Group ${i}`,
        respondents: g.respondents,
        counts: Object.fromEntries(COLUMNS.map((id, j) => [id, g.counts[j] ?? 0])),
      }),
    ),
  );
const minCell = fc.integer({ min: 2, max: 10 });

describe('suppressSmallCells (anonymous surveys)', () => {
  it('hides a group smaller than k whole and a cell of a shown group with 0 < count < k', () => {
    const rows = suppressSmallCells(
      [
        { key: 'w1', label: '本社', respondents: 4, counts: { a: 4, b: 0 } },
        { key: 'w2', label: '工場', respondents: 12, counts: { a: 3, b: 7 } },
        { key: 'w3', label: '支店', respondents: 9, counts: { a: 9, b: 0 } },
        { key: null, label: null, respondents: 20, counts: { a: 11, b: 5 } },
      ],
      ['a', 'b'],
      { minCell: 5, anonymous: true },
    );
    expect(rows[0]).toEqual({
      key: 'w1',
      label: '本社',
      respondents: null,
      counts: { a: null, b: null },
      hidden: true,
    });
    // Respondents: w1 alone hidden → the smallest other (w3, 9) is hidden too.
    expect(rows.map((r) => r.respondents)).toEqual([null, 12, null, 20]);
    // a: w1 (4) and w2 (3) hidden: two cells, sum 7, nothing more needed.
    expect(rows.map((r) => r.counts.a)).toEqual([null, null, 9, 11]);
    // b: w1 hidden with 0, others 0, 7, 0, 5 → hidden sum 0 would say "w1 chose none": w4's 5 is hidden too.
    expect(rows.map((r) => r.counts.b)).toEqual([null, 7, 0, null]);
    expect(rows.map((r) => r.hidden)).toEqual([true, false, false, false]);
  });

  it('shows an identified survey as it is', () => {
    const groups = [{ key: 'w1', label: 'x', respondents: 1, counts: { a: 1 } }];
    expect(suppressSmallCells(groups, ['a'], { minCell: 5, anonymous: false })).toEqual([
      { key: 'w1', label: 'x', respondents: 1, counts: { a: 1 }, hidden: false },
    ]);
  });

  it('every shown cell is 0 or at least k, and every hidden group is smaller than k', () => {
    fc.assert(
      fc.property(table, minCell, (groups, k) => {
        const rows = suppressSmallCells(groups, COLUMNS, { minCell: k, anonymous: true });
        rows.forEach((row, i) => {
          const truth = groups[i] as BreakdownInput;
          expect(row.hidden).toBe(truth.respondents < k);
          if (row.respondents !== null) {
            expect(row.respondents).toBe(truth.respondents);
            expect(row.respondents).toBeGreaterThanOrEqual(k);
          }
          for (const id of COLUMNS) {
            const shown = row.counts[id];
            if (row.hidden) expect(shown).toBeNull();
            if (shown === null || shown === undefined) continue;
            expect(shown).toBe(truth.counts[id]);
            expect(shown === 0 || shown >= k).toBe(true);
          }
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves no hidden cell derivable as the published total minus the shown cells', () => {
    fc.assert(
      fc.property(
        table.filter((groups) => groups.length > 1),
        minCell,
        (groups, k) => {
          const rows = suppressSmallCells(groups, COLUMNS, { minCell: k, anonymous: true });
          expect(derivableHiddenCells(rows, groups, COLUMNS)).toEqual([]);
          // Never exactly one hidden cell in a column.
          const columns = [
            rows.map((r) => r.respondents),
            ...COLUMNS.map((id) => rows.map((r) => r.counts[id])),
          ];
          for (const column of columns) expect(column.filter((v) => v === null).length).not.toBe(1);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('hides only what the rule needs: a table without small cells is shown whole', () => {
    fc.assert(
      fc.property(table, minCell, (groups, k) => {
        const big = groups.map((g) => ({
          ...g,
          respondents: g.respondents + k,
          counts: Object.fromEntries(
            COLUMNS.map((id) => [id, (g.counts[id] ?? 0) === 0 ? 0 : (g.counts[id] ?? 0) + k]),
          ),
        }));
        const rows = suppressSmallCells(big, COLUMNS, { minCell: k, anonymous: true });
        expect(
          rows.every(
            (r) => !r.hidden && r.respondents !== null && COLUMNS.every((id) => r.counts[id] !== null),
          ),
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the check itself finds a single hidden cell (so the property can fail)', () => {
    const groups = [
      { key: 'a', label: null, respondents: 3, counts: { a: 1 } },
      { key: 'b', label: null, respondents: 10, counts: { a: 6 } },
    ];
    const naive = [
      { key: 'a', label: null, respondents: null, counts: { a: null }, hidden: true },
      { key: 'b', label: null, respondents: 10, counts: { a: 6 }, hidden: false },
    ];
    expect(derivableHiddenCells(naive, groups, ['a'])).toEqual(['respondents: row 0 is 3', 'a: row 0 is 1']);
  });
});
