import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Segmenter } from '../../core/matching/analyze';
import { SUGGESTION_MIN_SCORE } from '../../core/matching/score';
import { evaluateLabelledSet, type LabelledSet, type QualityReport } from './evaluate-labelled-set';
import { loadSegmenter } from './tokenizer';

// The quality of concern matching on the labelled set (issue 16), at the suggestion threshold,
// with the default synonyms. The targets: top-1 precision ≥ 0.85, top-3 recall ≥ 0.9,
// no-demand concerns wrongly matched ≤ 10 %. Reached: the precision. Not reached: the recall
// (0.83) and the false matches (0.26) — the concerns missed need meaning the words do not carry
// (「女のくせに」と言われた → harassment), and the falsely matched ones name a demand's topic
// without asking for it (通勤手当の申請書類が紙なのが面倒). The bounds below are what is reached:
// a change that lowers quality fails here. `npx tsx scripts/matching-quality.ts` lists the misses.

const fixture = new URL('../../../test/fixtures/matching/labelled-set.json', import.meta.url);

let report: QualityReport;
let heldOut: QualityReport;
beforeAll(async () => {
  const set = JSON.parse(readFileSync(fixture, 'utf8')) as LabelledSet;
  const segment: Segmenter = await loadSegmenter();
  report = evaluateLabelledSet(set, segment);
  // The vocabulary was tuned looking at the even-numbered concerns only: the odd ones are held out.
  heldOut = evaluateLabelledSet(set, segment, { include: (id) => Number(id.slice(1)) % 2 === 1 });
});

describe('matching quality on the labelled set', () => {
  it('is measured at the suggestion threshold over every concern', () => {
    expect(report.metrics.threshold).toBe(SUGGESTION_MIN_SCORE);
    expect(report.metrics.concerns).toBe(188);
    expect(report.metrics.labelled + report.metrics.unlabelled).toBe(188);
  });

  it('top-1 precision meets the target (≥ 0.85)', () => {
    expect(report.metrics.top1Precision).toBeGreaterThanOrEqual(0.88);
  });

  it('top-3 recall stays at what is reached (target 0.9)', () => {
    expect(report.metrics.top3Recall).toBeGreaterThanOrEqual(0.83);
    expect(report.metrics.top1Recall).toBeGreaterThanOrEqual(0.79);
  });

  it('false matches of no-demand concerns stay at what is reached (target 0.1)', () => {
    expect(report.metrics.falseMatchRate).toBeLessThanOrEqual(0.26);
  });

  it('holds on the held-out half', () => {
    expect(heldOut.metrics.top1Precision).toBeGreaterThanOrEqual(0.81);
    expect(heldOut.metrics.top3Recall).toBeGreaterThanOrEqual(0.74);
    expect(heldOut.metrics.falseMatchRate).toBeLessThanOrEqual(0.25);
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
