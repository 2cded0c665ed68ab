import { analyzeText, type Segmenter } from '../../core/matching/analyze';
import {
  type DemandTerms,
  demandTermsOf,
  explainMatch,
  indexExpansions,
  SUGGESTION_MIN_SCORE,
  weighDemands,
} from '../../core/matching/score';
import { compileExpansions, DEFAULT_SYNONYMS, type SynonymGroup } from '../../core/matching/synonyms';

// The quality of concern matching (issue 16) measured on a labelled set
// (test/fixtures/matching/labelled-set.json): demands as in a demand book, and member concerns
// each labelled with the demands an officer would link (best first; none when no demand covers it).
// The same scoring as the suggestions (core/matching/score.ts), in memory.

export type LabelledSet = {
  demands: readonly { id: string; title: string; description?: string | null }[];
  concerns: readonly { id: string; text: string; demands: readonly string[] }[];
};

export type QualityMetrics = {
  /** Suggestions are counted from this score. */
  threshold: number;
  concerns: number;
  /** Concerns labelled with at least one demand, and those labelled with none. */
  labelled: number;
  unlabelled: number;
  /** Labelled concerns that get at least one suggestion. */
  suggested: number;
  /** Among suggested labelled concerns, the share whose best suggestion is one of its demands. */
  top1Precision: number;
  /** Among labelled concerns, the share whose best suggestion is one of its demands. */
  top1Recall: number;
  /** Among labelled concerns, the share whose first demand is among the best three suggestions. */
  top3Recall: number;
  /** Among unlabelled concerns, the share with any suggestion. */
  falseMatchRate: number;
};

export type QualityFailure = {
  concernId: string;
  text: string;
  /**
   * wrongBest: the best suggestion is not one of its demands; noSuggestion: nothing reaches the
   * threshold; notInTop3: the best is right but the first demand is not in the top three;
   * falseMatch: a concern no demand covers gets a suggestion.
   */
  kind: 'wrongBest' | 'noSuggestion' | 'notInTop3' | 'falseMatch';
  /** The labelled demands (ids, best first) and the score each gets. */
  wanted: { demandId: string; title: string; score: number }[];
  /** The best suggestion, or null. */
  got: { demandId: string; title: string; score: number; words: string[] } | null;
  /** The score of the best suggestion (0 when none). */
  score: number;
};

export type QualityReport = { metrics: QualityMetrics; failures: QualityFailure[] };

export type EvaluateOptions = {
  /** Defaults to SUGGESTION_MIN_SCORE. */
  threshold?: number;
  /** Defaults to DEFAULT_SYNONYMS. */
  synonyms?: readonly SynonymGroup[];
  /** Only the concerns this accepts are measured (all demands still compete). */
  include?: (concernId: string) => boolean;
};

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);

/** The metrics of matching on a labelled set, and the concerns it gets wrong. */
export function evaluateLabelledSet(
  set: LabelledSet,
  segment: Segmenter,
  options: EvaluateOptions = {},
): QualityReport {
  const threshold = options.threshold ?? SUGGESTION_MIN_SCORE;
  const expansions = indexExpansions(compileExpansions(options.synonyms ?? DEFAULT_SYNONYMS));
  const own: DemandTerms[] = set.demands.map((d) =>
    demandTermsOf(analyzeText(segment, d.title), d.description ? analyzeText(segment, d.description) : []),
  );
  const weighed = weighDemands(own);
  const demands = set.demands.map((d, i) => ({ id: d.id, title: d.title, terms: weighed[i]! }));
  const titleOf = new Map(set.demands.map((d) => [d.id, d.title]));

  let labelled = 0;
  let unlabelled = 0;
  let suggested = 0;
  let bestRight = 0;
  let inTop3 = 0;
  let falseMatches = 0;
  const failures: QualityFailure[] = [];
  const concerns = set.concerns.filter((c) => options.include?.(c.id) ?? true);

  for (const concern of concerns) {
    const terms = analyzeText(segment, concern.text);
    const scored = demands.map((d) => ({ d, e: explainMatch(terms, d.terms, expansions) }));
    const ranked = scored.filter((x) => x.e.score >= threshold).sort((a, b) => b.e.score - a.e.score);
    const best = ranked[0];
    const got = best
      ? {
          demandId: best.d.id,
          title: best.d.title,
          score: best.e.score,
          words: best.e.reasons.map((r) =>
            r.surface === r.demandKey ? r.surface : `${r.surface}→${r.demandKey}`,
          ),
        }
      : null;
    const fail = (kind: QualityFailure['kind']) =>
      failures.push({
        concernId: concern.id,
        text: concern.text,
        kind,
        wanted: concern.demands.map((id) => ({
          demandId: id,
          title: titleOf.get(id) ?? id,
          score: scored.find((x) => x.d.id === id)?.e.score ?? 0,
        })),
        got,
        score: got?.score ?? 0,
      });

    if (concern.demands.length === 0) {
      unlabelled++;
      if (best) {
        falseMatches++;
        fail('falseMatch');
      }
      continue;
    }
    labelled++;
    if (best) suggested++;
    const right = best !== undefined && concern.demands.includes(best.d.id);
    if (right) bestRight++;
    const top3 = ranked.slice(0, 3).some((x) => x.d.id === concern.demands[0]);
    if (top3) inTop3++;
    if (!best) fail('noSuggestion');
    else if (!right) fail('wrongBest');
    else if (!top3) fail('notInTop3');
  }

  return {
    metrics: {
      threshold,
      concerns: concerns.length,
      labelled,
      unlabelled,
      suggested,
      top1Precision: ratio(bestRight, suggested),
      top1Recall: ratio(bestRight, labelled),
      top3Recall: ratio(inTop3, labelled),
      falseMatchRate: ratio(falseMatches, unlabelled),
    },
    failures,
  };
}
