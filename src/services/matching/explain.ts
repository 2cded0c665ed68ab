import { analyzeText, type Segmenter, type Term } from '../../core/matching/analyze';
import { explainMatch, type MatchReason } from '../../core/matching/score';
import type { SynonymGroup } from '../../core/matching/synonyms';
import { excerptAround, foldKey } from '../../core/matching/text';
import type { SynonymsInForce } from './synonym-table';

// Why a text matches a demand, for a person to judge: the member's words that matched (as
// written), where they are in a short excerpt, and which synonym rules carried them, as the pair
// of words they joined (深夜勤務 ≈ 夜勤, パワハラ ⊂ ハラスメント).

export type Explained = {
  terms: string[];
  excerpt: string;
  highlights: { start: number; end: number }[];
  rules: string[];
};

export function explainText(
  segment: Segmenter,
  text: string,
  demand: { title: string; weights: ReadonlyMap<string, number> },
  synonyms: SynonymsInForce,
): Explained {
  const demandWeights = demand.weights;
  const { reasons } = explainMatch(
    termsOf(segment, text),
    { weights: new Map(demandWeights) },
    synonyms.index,
  );
  const terms: string[] = [];
  const rules: string[] = [];
  for (const r of reasons) {
    if (!terms.includes(r.surface)) terms.push(r.surface);
    const group = r.rule === null ? undefined : synonyms.groups[r.rule];
    if (group) {
      const described = describePair(r, group, demandWords(segment, demand.title));
      if (!rules.includes(described)) rules.push(described);
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

/** Texts analyzed last, by segmenter and content: a page is explained again and again, its texts rarely change. */
const analyzed = new WeakMap<Segmenter, Map<string, readonly Term[]>>();
const ANALYZED_KEPT = 1000;

/** A text's terms, from the texts analyzed last (least recently used dropped first). */
function termsOf(segment: Segmenter, text: string): readonly Term[] {
  let kept = analyzed.get(segment);
  if (!kept) {
    kept = new Map();
    analyzed.set(segment, kept);
  }
  let terms = kept.get(text);
  if (terms) {
    kept.delete(text);
  } else {
    terms = analyzeText(segment, text);
    if (kept.size >= ANALYZED_KEPT) kept.delete(kept.keys().next().value!);
  }
  kept.set(text, terms);
  return terms;
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

const titleWords = new Map<string, Map<string, string>>();

/** A demand title's words by key, as written (remembered for the titles seen last). */
function demandWords(segment: Segmenter, title: string): Map<string, string> {
  let words = titleWords.get(title);
  if (!words) {
    words = new Map();
    for (const t of analyzeText(segment, title)) if (!words.has(t.key)) words.set(t.key, t.surface);
    if (titleWords.size > 500) titleWords.clear();
    titleWords.set(title, words);
  }
  return words;
}

/** 深夜勤務 ≈ 夜勤: the member's word, how the group joins them, the demand's word. */
function describePair(reason: MatchReason, group: SynonymGroup, words: ReadonlyMap<string, string>): string {
  const target =
    words.get(reason.demandKey) ??
    group.terms.find((t) => foldKey(t) === reason.demandKey) ??
    reason.demandKey;
  let joins: string = group.kind === 'equal' ? '=' : '≈';
  if (group.kind === 'narrower') joins = foldKey(group.terms[0]!) === reason.demandKey ? '⊂' : '⊃';
  return `${reason.surface} ${joins} ${target}`;
}
