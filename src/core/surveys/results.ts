import { UNION_ROLE_LABELS } from '../enums';
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  type SurveyQuestion,
  type SurveyResults,
} from './schemas';
import { type BreakdownInput, suppressSmallCells } from './small-cells';

/**
 * A survey's results from its aggregate figures (pure; the figures come from set-based SQL,
 * db/queries/survey-results.ts). The ranking: by count (most chosen first), or by points in a
 * "rank your top n" survey (then count); equal figures share a place (1, 2, 2, 4). Breakdowns
 * of an anonymous survey go through the small-cell rule (small-cells.ts).
 */
export type ResultsFigures = {
  survey: {
    id: string;
    anonymous: boolean;
    rankTop: number | null;
    questions: readonly SurveyQuestion[];
    minCell: number;
    invited: number;
    respondents: number;
    freeTextCount: number;
  };
  demands: readonly { demandId: string; title: string; count: number; firstChoice: number; points: number }[];
  cells: readonly {
    dimension: BreakdownDimension;
    key: string | null;
    label: string | null;
    demandId: string | null;
    count: number;
  }[];
  questions: readonly { question: string; value: string | null; count: number }[];
};

/** Competition ranking: 1 + how many have a strictly better score. */
export function ranksOf(scores: readonly number[]): number[] {
  return scores.map((s) => 1 + scores.filter((t) => t > s).length);
}

export function assembleResults(f: ResultsFigures): SurveyResults {
  const { survey } = f;
  const ranked = survey.rankTop !== null;
  const respondents = survey.respondents;
  const ranks = ranksOf(f.demands.map((d) => (ranked ? d.points * 1_000_000 + d.count : d.count)));
  const demands = f.demands
    .map((d, i) => ({
      demandId: d.demandId,
      title: d.title,
      count: d.count,
      share: respondents === 0 ? 0 : d.count / respondents,
      rank: ranks[i] as number,
      firstChoice: ranked ? d.firstChoice : null,
      points: ranked ? d.points : null,
      position: i,
    }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position)
    .map(({ position: _, ...d }) => d);

  const demandIds = f.demands.map((d) => d.demandId);
  const breakdowns = {} as SurveyResults['breakdowns'];
  for (const dimension of BREAKDOWN_DIMENSIONS) {
    const groups: BreakdownInput[] = [];
    const byKey = new Map<string | null, BreakdownInput & { counts: Record<string, number> }>();
    for (const cell of f.cells) {
      if (cell.dimension !== dimension) continue;
      let group = byKey.get(cell.key);
      if (!group) {
        const label =
          dimension === 'unionRole' && cell.key !== null
            ? (UNION_ROLE_LABELS[cell.key as keyof typeof UNION_ROLE_LABELS] ?? cell.key)
            : cell.label;
        group = { key: cell.key, label, respondents: 0, counts: {} };
        byKey.set(cell.key, group);
        groups.push(group);
      }
      if (cell.demandId === null) group.respondents = cell.count;
      else group.counts[cell.demandId] = cell.count;
    }
    breakdowns[dimension] = suppressSmallCells(groups, demandIds, {
      minCell: survey.minCell,
      anonymous: survey.anonymous,
    });
  }

  const figures = new Map<string, Map<string | null, number>>();
  for (const q of f.questions) {
    const byValue = figures.get(q.question) ?? new Map<string | null, number>();
    figures.set(q.question, byValue);
    byValue.set(q.value, q.count);
  }
  const questions = survey.questions.map((q) => {
    const byValue = figures.get(q.id) ?? new Map<string | null, number>();
    const base = { id: q.id, kind: q.kind, label: q.label, answered: byValue.get(null) ?? 0 };
    if (q.kind === 'single' || q.kind === 'multiple') {
      return {
        ...base,
        options: (q.options ?? []).map((option) => ({ option, count: byValue.get(option) ?? 0 })),
      };
    }
    if (q.kind === 'scale') {
      const scale = [1, 2, 3, 4, 5].map((value) => ({ value, count: byValue.get(String(value)) ?? 0 }));
      const n = scale.reduce((s, v) => s + v.count, 0);
      const mean = n === 0 ? null : scale.reduce((s, v) => s + v.value * v.count, 0) / n;
      return { ...base, scale, mean };
    }
    return base;
  });

  return {
    surveyId: survey.id,
    anonymous: survey.anonymous,
    minCell: survey.minCell,
    invited: survey.invited,
    respondents,
    demands,
    breakdowns,
    questions,
    freeTextCount: survey.freeTextCount,
  };
}
