import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Segmenter } from '../../core/matching/analyze';
import { SUGGESTION_MIN_SCORE } from '../../core/matching/score';
import { evaluateLabelledSet, type LabelledSet, type QualityReport } from './evaluate-labelled-set';
import { loadSegmenter } from './tokenizer';

// The quality of concern matching on the labelled set (issue 16), at the suggestion threshold,
// with the default synonyms. The targets: top-1 precision ≥ 0.85, top-3 recall ≥ 0.9,
// no-demand concerns wrongly matched ≤ 10 %: all met on the labelled set. The held-out set (100
// concerns written apart from the tuning, never used to choose a rule or a word) measures what
// the tuning is worth on text it never saw: its bounds are what is reached there, so a change
// that lowers quality fails. `npx tsx scripts/matching-quality.ts [--set held-out]` lists misses.

const fixture = new URL('../../../test/fixtures/matching/labelled-set.json', import.meta.url);

const heldOutFixture = new URL('../../../test/fixtures/matching/held-out-set.json', import.meta.url);

let report: QualityReport;
let heldOut: QualityReport;
beforeAll(async () => {
  const segment: Segmenter = await loadSegmenter();
  report = evaluateLabelledSet(JSON.parse(readFileSync(fixture, 'utf8')) as LabelledSet, segment);
  heldOut = evaluateLabelledSet(JSON.parse(readFileSync(heldOutFixture, 'utf8')) as LabelledSet, segment);
});

describe('matching quality on the labelled set', () => {
  it('is measured at the suggestion threshold over every concern', () => {
    expect(report.metrics.threshold).toBe(SUGGESTION_MIN_SCORE);
    expect(report.metrics.concerns).toBe(188);
    expect(report.metrics.labelled + report.metrics.unlabelled).toBe(188);
  });

  it('top-1 precision meets the target (≥ 0.85)', () => {
    expect(report.metrics.top1Precision).toBeGreaterThanOrEqual(0.85);
  });

  it('top-3 recall meets the target (≥ 0.9)', () => {
    expect(report.metrics.top3Recall).toBeGreaterThanOrEqual(0.9);
  });

  it('no-demand concerns wrongly matched meet the target (≤ 10 %)', () => {
    expect(report.metrics.falseMatchRate).toBeLessThanOrEqual(0.1);
  });

  it('holds on the held-out set at what is reached there', () => {
    expect(heldOut.metrics.concerns).toBe(100);
    expect(heldOut.metrics.top1Precision).toBeGreaterThanOrEqual(0.87);
    expect(heldOut.metrics.top3Recall).toBeGreaterThanOrEqual(0.84);
    expect(heldOut.metrics.falseMatchRate).toBeLessThanOrEqual(0.3);
  });

  it('lists each failure with what was wanted and what was suggested', () => {
    const counted =
      report.metrics.labelled -
      Math.round(report.metrics.top1Recall * report.metrics.labelled) +
      Math.round(report.metrics.falseMatchRate * report.metrics.unlabelled);
    const wrongOrMissing = report.failures.filter((f) => f.kind !== 'notInTop3').length;
    expect(wrongOrMissing).toBe(counted);
    for (const f of report.failures) {
      expect(f.text.length).toBeGreaterThan(0);
      if (f.kind === 'noSuggestion') expect(f.got).toBeNull();
      else expect(f.got!.score).toBeGreaterThanOrEqual(SUGGESTION_MIN_SCORE);
      if (f.kind === 'falseMatch') expect(f.wanted).toEqual([]);
      else expect(f.wanted.length).toBeGreaterThan(0);
    }
  });
});
