import type { ReactNode } from 'react';
import type { MatchSource } from './queries';
import { useSuggestionText } from './suggestion-messages';
import './suggestions.css';

type Highlight = { start: number; end: number };

/**
 * The excerpt cut at its highlights ([start, end) in UTF-16 units, as JavaScript strings
 * count): plain text and marked words in order. Out-of-range, empty and overlapping
 * highlights are clamped or merged, so a bad offset never loses text.
 */
export function highlightParts(text: string, highlights: Highlight[]): { text: string; marked: boolean }[] {
  const spans = highlights
    .map((h) => ({ start: Math.max(0, Math.min(h.start, text.length)), end: Math.min(h.end, text.length) }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  const merged: Highlight[] = [];
  for (const h of spans) {
    const last = merged.at(-1);
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ ...h });
  }
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const h of merged) {
    if (h.start > at) parts.push({ text: text.slice(at, h.start), marked: false });
    parts.push({ text: text.slice(h.start, h.end), marked: true });
    at = h.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

/** The excerpt with the matching words in <mark>. */
export function Highlighted({ text, highlights }: { text: string; highlights: Highlight[] }) {
  return (
    <>
      {highlightParts(text, highlights).map((part, i) =>
        part.marked ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
          <mark key={i} className="sg-mark">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/** How well the words match: a short bar for the eye and 「一致度 72%」 for everyone. */
export function MatchScore({ score }: { score: number }) {
  const s = useSuggestionText();
  const percent = Math.round(Math.max(0, Math.min(1, score)) * 100);
  return (
    <span className="sg-score">
      <span className="bar sg-bar" aria-hidden="true">
        <span style={{ width: `${percent}%` }} />
      </span>
      <span className="sg-score-text">{s.score(percent)}</span>
    </span>
  );
}

/** Where the words are, the passage with them marked, the words and the synonym rules that fired. */
export function MatchReasons({
  source,
  excerpt,
  highlights,
  terms,
  rules,
}: {
  source: MatchSource;
  excerpt: string;
  highlights: Highlight[];
  terms: string[];
  rules: string[];
}) {
  const s = useSuggestionText();
  const line = (label: string, value: ReactNode) => (
    <p className="sg-line">
      <span className="sg-label">
        {label}
        {s.colon}
      </span>
      {value}
    </p>
  );
  return (
    <div className="sg-reasons">
      {line(s.sourceLabel, <span className="sg-source">{s.source[source]}</span>)}
      <blockquote className="sg-excerpt">
        <Highlighted text={excerpt} highlights={highlights} />
      </blockquote>
      {terms.length > 0 && line(s.terms, <span className="sg-terms">{s.join(terms)}</span>)}
      {rules.length > 0 && <p className="sg-line sg-rules">{s.rules(rules)}</p>}
    </div>
  );
}
