import type { Term } from './analyze';
import { termWeights, WEIGHTS } from './analyze';
import type { Expansion } from './synonyms';

// How well a text matches a demand (issue 16). A demand's terms carry weights (its title's in full,
// its description's at DESCRIPTION_FACTOR); a text covers a demand term with the weight of its own
// term of the same key, or of a term that reaches it through a synonym group (times the group's
// factor), whichever is larger. The score is the covered share of the demand's weight: 0…1.
// The database computes the same figure for every text and demand (db/queries/matching.ts);
// this is the reference it is tested against, and what explains a suggestion.

/** One word's evidence is at most this: no single word makes a certain match. */
export const MAX_EVIDENCE = 0.95;

/** Independent pieces of evidence combined (noisy-OR): 1 − Π(1 − e). */
export function combine(evidence: readonly number[]): number {
  let miss = 1;
  for (const e of evidence) miss *= 1 - e;
  return 1 - miss;
}

/** A demand's description counts at this share of its title. */
export const DESCRIPTION_FACTOR = 0.4;
/** Pairs scoring below this are not kept at all. */
export const STORED_MIN_SCORE = 0.15;
/**
 * A suggestion is shown from this score: one word of a demand's title reached through a related
 * group (0.7 × 0.9 = 0.63) suggests it; a verb alone, or a word only in its description, does
 * not. Measured on the labelled set (services/matching/quality.test.ts).
 */
export const SUGGESTION_MIN_SCORE = 0.5;

/** A demand's keys and their weights (see weighDemands). */
export type DemandTerms = { weights: Map<string, number> };

/** A demand's own keys: its title's terms, and its description's at DESCRIPTION_FACTOR. */
export function demandTermsOf(title: readonly Term[], description: readonly Term[]): DemandTerms {
  // A demand's wording lists topics (「シフト作成の公平化」): no word of it only qualifies another.
  const whole = (terms: readonly Term[]) =>
    termWeights(terms.map((t) => (t.qualified ? { ...t, weight: t.weight / WEIGHTS.modifier } : t)));
  const weights = whole(title);
  for (const [key, w] of whole(description)) {
    weights.set(key, Math.max(weights.get(key) ?? 0, w * DESCRIPTION_FACTOR));
  }
  return { weights };
}

/** The scale of a demand word's evidence. */
export const DEMAND_SCALE = 0.9;

/**
 * The weights scoring uses: a key several demands share tells them apart less (手当 in 夜勤手当,
 * 住宅手当, 通勤手当): each demand's weight of a key is divided by the square root of the number
 * of demands that have it. Changing one demand changes the weights of those sharing its keys.
 */
export function weighDemands(demands: readonly DemandTerms[]): DemandTerms[] {
  const df = new Map<string, number>();
  for (const d of demands) for (const key of d.weights.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  return demands.map((d) => ({
    weights: new Map([...d.weights].map(([key, w]) => [key, (w * DEMAND_SCALE) / Math.sqrt(df.get(key)!)])),
  }));
}

export type ExpansionIndex = Map<string, Expansion[]>;

export function indexExpansions(expansions: readonly Expansion[]): ExpansionIndex {
  const out: ExpansionIndex = new Map();
  for (const e of expansions) {
    const list = out.get(e.key);
    if (list) list.push(e);
    else out.set(e.key, [e]);
  }
  return out;
}

export type MatchReason = {
  /** The demand's term (its key) that was covered. */
  demandKey: string;
  /** The member's word that covered it, as written, and where. */
  surface: string;
  start: number;
  end: number;
  /** The synonym group that carried it (its index), or null for the same word. */
  rule: number | null;
  contribution: number;
};

export type Explanation = { score: number; reasons: MatchReason[] };

/** The score of a text's terms against a demand, and which words made it. */
export function explainMatch(
  doc: readonly Term[],
  demand: DemandTerms,
  expansions: ExpansionIndex,
): Explanation {
  const best = new Map<string, MatchReason>();
  const offer = (demandKey: string, term: Term, value: number, rule: number | null) => {
    const dw = demand.weights.get(demandKey);
    if (dw === undefined) return;
    const contribution = Math.min(MAX_EVIDENCE, dw * value);
    const prev = best.get(demandKey);
    if (!prev || prev.contribution < contribution - 1e-12) {
      best.set(demandKey, {
        demandKey,
        surface: term.surface,
        start: term.start,
        end: term.end,
        rule,
        contribution,
      });
    }
  };
  for (const term of doc) {
    offer(term.key, term, term.weight, null);
    for (const e of expansions.get(term.key) ?? []) offer(e.target, term, term.weight * e.factor, e.rule);
  }
  const reasons = [...best.values()].sort((a, b) => b.contribution - a.contribution);
  return { score: combine(reasons.map((r) => r.contribution)), reasons };
}
