import { analyzeText, type Segmenter } from '../../core/matching/analyze';
import { type ExpansionIndex, explainMatch, indexExpansions } from '../../core/matching/score';
import {
  compileExpansions,
  describeGroup,
  type SynonymGroup,
  synonymsFingerprint,
} from '../../core/matching/synonyms';
import { excerptAround } from '../../core/matching/text';
import type { SynonymsInForce } from './synonym-table';

// Why a text matches a demand, for a person to judge: the member's words that matched (as
// written), where they are in a short excerpt, and which synonym groups carried them.

export type Explained = {
  terms: string[];
  excerpt: string;
  highlights: { start: number; end: number }[];
  rules: string[];
};

export function explainText(
  segment: Segmenter,
  text: string,
  demandWeights: ReadonlyMap<string, number>,
  synonyms: SynonymsInForce,
): Explained {
  const { reasons } = explainMatch(
    analyzeText(segment, text),
    { weights: new Map(demandWeights) },
    synonyms.index,
  );
  const terms: string[] = [];
  const rules: string[] = [];
  for (const r of reasons) {
    if (!terms.includes(r.surface)) terms.push(r.surface);
    if (r.rule !== null) {
      const group = synonyms.groups[r.rule];
      if (group) {
        const described = describeGroup(group);
        if (!rules.includes(described)) rules.push(described);
      }
    }
  }
  const first = reasons.length ? Math.min(...reasons.map((r) => r.start)) : 0;
  const last = reasons.length ? Math.max(...reasons.map((r) => r.end)) : 0;
  const cut = excerptAround(text, first, last);
  const end = cut.offset + cut.text.length;
  const highlights = mergeSpans(
    reasons
      .filter((r) => r.start >= cut.offset && r.end <= end)
      .map((r) => ({ start: r.start - cut.offset, end: r.end - cut.offset })),
  );
  return { terms, excerpt: cut.text, highlights, rules };
}

/** Overlapping spans joined (夜勤明け and 夜勤 highlight once), in order. */
function mergeSpans(spans: { start: number; end: number }[]) {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
