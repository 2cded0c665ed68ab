import { describe, expect, it } from 'vitest';
import { rateBand, rateDistribution } from './rates';

describe('rateBand', () => {
  it.each([
    { memberCount: 0, employeeCount: null, band: 'unknown' },
    { memberCount: 5, employeeCount: 0, band: 'unknown' },
    { memberCount: 0, employeeCount: 10, band: '0-20' },
    { memberCount: 1, employeeCount: 10, band: '0-20' },
    // Lower bounds are inclusive, on the exact ratio (no float rounding).
    { memberCount: 1, employeeCount: 5, band: '20-40' },
    { memberCount: 199, employeeCount: 1000, band: '0-20' },
    { memberCount: 2, employeeCount: 5, band: '40-60' },
    { memberCount: 3, employeeCount: 5, band: '60-80' },
    { memberCount: 7, employeeCount: 10, band: '60-80' },
    { memberCount: 4, employeeCount: 5, band: '80-100' },
    { memberCount: 10, employeeCount: 10, band: '80-100' },
    // A stale headcount (more members than employees) is in the top band.
    { memberCount: 12, employeeCount: 10, band: '80-100' },
    { memberCount: 1, employeeCount: 3, band: '20-40' },
    { memberCount: 2, employeeCount: 3, band: '60-80' },
  ])('$memberCount of $employeeCount → $band', ({ memberCount, employeeCount, band }) => {
    expect(rateBand(memberCount, employeeCount)).toBe(band);
  });
});

describe('rateDistribution', () => {
  it('lists every band in order, zeros included', () => {
    const dist = rateDistribution([
      { memberCount: 1, employeeCount: 10 },
      { memberCount: 9, employeeCount: 10 },
      { memberCount: 3, employeeCount: null },
      { memberCount: 0, employeeCount: 0 },
      { memberCount: 20, employeeCount: 10 },
    ]);
    expect(dist.map((d) => [d.band, d.workplaceCount])).toEqual([
      ['0-20', 1],
      ['20-40', 0],
      ['40-60', 0],
      ['60-80', 0],
      ['80-100', 2],
      ['unknown', 2],
    ]);
    expect(dist[0]).toMatchObject({ from: 0, to: 0.2 });
    expect(dist[4]).toMatchObject({ from: 0.8, to: null });
  });
});
