/**
 * The small-cell rule of an anonymous survey's breakdowns (issue 15 §3): nothing shown may
 * single out fewer than k respondents, including a value that could be worked out from the
 * published totals. Pure; the results service applies it to each breakdown (by workplace,
 * 職種, 等級, union role).
 *
 * 1. A group (e.g. a workplace; null = 未設定 is a group too) with fewer than k respondents is
 *    hidden whole: its respondents and every count are null, `hidden: true`.
 * 2. In a shown group, a demand count with 0 < count < k is hidden (null). Shown cells are
 *    therefore 0 or at least k (a 0 says nobody of at least k people chose it).
 * 3. Complementary suppression. The survey-wide respondents and each demand's survey-wide count
 *    are published, so in each column (respondents, and each demand) a single hidden cell
 *    would be the total minus the shown cells. While a column has exactly one hidden cell, or
 *    its hidden cells add up to 0 while the column's total does not (then each is known to be
 *    0), the smallest other non-zero shown cell of the column is hidden too (ties: the earlier
 *    group); when only zeros are left, the first shown zero. A column with a single group cannot
 *    be protected this way (the group is the survey): such a table has no complement to hide.
 *
 * Columns are independent: a group's respondents cell hidden as a complement keeps its
 * counts, and a count hidden as a complement keeps the group's other cells. Identified
 * surveys are not suppressed (the officers see who answered what anyway).
 */

export type BreakdownInput = {
  key: string | null;
  label: string | null;
  respondents: number;
  counts: Readonly<Record<string, number>>;
};

export type BreakdownRow = {
  key: string | null;
  label: string | null;
  respondents: number | null;
  counts: Record<string, number | null>;
  hidden: boolean;
};

/**
 * The groups of one breakdown as they may be published. `columns` are the demand ids (every
 * row gets a count for each, 0 when missing). `minCell` is k; `anonymous: false` shows every
 * value as it is.
 */
export function suppressSmallCells(
  groups: readonly BreakdownInput[],
  columns: readonly string[],
  options: { minCell: number; anonymous: boolean },
): BreakdownRow[] {
  const k = options.minCell;
  const rows: BreakdownRow[] = groups.map((g) => ({
    key: g.key,
    label: g.label,
    respondents: g.respondents,
    counts: Object.fromEntries(columns.map((id) => [id, g.counts[id] ?? 0])),
    hidden: false,
  }));
  if (!options.anonymous) return rows;

  // 1 and 2: small groups whole, small cells of the groups shown.
  for (const row of rows) {
    if ((row.respondents ?? 0) < k) {
      row.hidden = true;
      row.respondents = null;
      for (const id of columns) row.counts[id] = null;
      continue;
    }
    for (const id of columns) {
      const count = row.counts[id] ?? 0;
      if (count > 0 && count < k) row.counts[id] = null;
    }
  }

  // 3: complements, column by column (hiding a cell of one column changes no other column).
  complement(
    groups.map((g) => g.respondents),
    (i) => rows[i]?.respondents === null,
    (i) => {
      (rows[i] as BreakdownRow).respondents = null;
    },
  );
  for (const id of columns) {
    complement(
      groups.map((g) => g.counts[id] ?? 0),
      (i) => rows[i]?.counts[id] === null,
      (i) => {
        (rows[i] as BreakdownRow).counts[id] = null;
      },
    );
  }
  return rows;
}

/** Hides further cells of one column (true values `values`) until no hidden cell can be derived from its total. */
function complement(values: readonly number[], isHidden: (i: number) => boolean, hide: (i: number) => void) {
  const total = values.reduce((sum, v) => sum + v, 0);
  for (;;) {
    let hiddenCount = 0;
    let hiddenSum = 0;
    for (let i = 0; i < values.length; i++) {
      if (isHidden(i)) {
        hiddenCount += 1;
        hiddenSum += values[i] ?? 0;
      }
    }
    const exposed = hiddenCount === 1 || (hiddenCount > 1 && hiddenSum === 0 && total > 0);
    if (!exposed) return;
    let pick = -1;
    let zero = -1;
    for (let i = 0; i < values.length; i++) {
      if (isHidden(i)) continue;
      const v = values[i] ?? 0;
      if (v === 0) {
        if (zero < 0) zero = i;
      } else if (pick < 0 || v < (values[pick] ?? 0)) pick = i;
    }
    // Hiding a zero cannot make the hidden sum positive: a zero helps only against a single hidden cell.
    if (pick < 0 && hiddenCount === 1) pick = zero;
    if (pick < 0) return; // nothing left that could hide it (a single-group column, or all hidden already)
    hide(pick);
  }
}

/**
 * Whether the table, as published beside its column totals, lets anyone work out a hidden
 * cell as (total − the shown cells): a column with exactly one hidden cell, or hidden cells
 * that must all be 0 while the total is not. For tests and assertions; the rule above never leaves such a column
 * unless the column has a single group.
 */
export function derivableHiddenCells(
  rows: readonly BreakdownRow[],
  truth: readonly BreakdownInput[],
  columns: readonly string[],
): string[] {
  const problems: string[] = [];
  const check = (name: string, shown: (number | null)[], values: number[]) => {
    const total = values.reduce((s, v) => s + v, 0);
    const hidden = shown.flatMap((v, i) => (v === null ? [i] : []));
    const shownSum = shown.reduce<number>((s, v) => s + (v ?? 0), 0);
    const rest = total - shownSum;
    if (total === 0) return; // the published total says every cell is 0: nothing hidden adds to it
    if (hidden.length === 1) problems.push(`${name}: row ${hidden[0]} is ${rest}`);
    else if (hidden.length > 1 && rest === 0) problems.push(`${name}: rows ${hidden.join(',')} are 0`);
  };
  check(
    'respondents',
    rows.map((r) => r.respondents),
    truth.map((g) => g.respondents),
  );
  for (const id of columns) {
    check(
      id,
      rows.map((r) => r.counts[id] ?? null),
      truth.map((g) => g.counts[id] ?? 0),
    );
  }
  return problems;
}
