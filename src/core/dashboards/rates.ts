/**
 * The organization-rate bands of the monthly distribution (組合組織率の職場別分布):
 * 0–20 %, 20–40 %, 40–60 %, 60–80 % and 80 % and above (a rate above 100 %, a
 * stale headcount, falls in the top band), plus `unknown` for a workplace
 * without a headcount. Each band includes its lower bound: exactly 20 % is in 20–40.
 */
export const RATE_BANDS = [
  { band: '0-20', from: 0, to: 0.2 },
  { band: '20-40', from: 0.2, to: 0.4 },
  { band: '40-60', from: 0.4, to: 0.6 },
  { band: '60-80', from: 0.6, to: 0.8 },
  { band: '80-100', from: 0.8, to: null },
  { band: 'unknown', from: null, to: null },
] as const;
export type RateBand = (typeof RATE_BANDS)[number]['band'];
export const RATE_BAND_KEYS = RATE_BANDS.map((b) => b.band) as [RateBand, ...RateBand[]];

const FINITE_BANDS = 5;

/**
 * The band of memberCount / employeeCount. Computed on the integers, not on
 * the rounded quotient, so that 3 of 5 is exactly 60 % and lands in 60–80.
 */
export function rateBand(memberCount: number, employeeCount: number | null): RateBand {
  if (employeeCount == null || employeeCount <= 0) return 'unknown';
  const index = Math.min(Math.floor((memberCount * FINITE_BANDS) / employeeCount), FINITE_BANDS - 1);
  return RATE_BANDS[index]!.band;
}

/** How many workplaces fall in each band, every band listed (zero included), in band order. */
export function rateDistribution(rows: readonly { memberCount: number; employeeCount: number | null }[]) {
  const counts = new Map<RateBand, number>(RATE_BANDS.map((b) => [b.band, 0]));
  for (const row of rows) {
    const band = rateBand(row.memberCount, row.employeeCount);
    counts.set(band, (counts.get(band) ?? 0) + 1);
  }
  return RATE_BANDS.map((b) => ({ ...b, workplaceCount: counts.get(b.band) ?? 0 }));
}
