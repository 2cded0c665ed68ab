import { hiraganaToKatakana, memberSearchTerms, normalizeSearch } from '../members/kana';

/** Katakana shifted into the hiragana block (ヤマダ → やまだ); the long-vowel mark stays. */
export function katakanaToHiragana(value: string): string {
  return value.replace(/[\u30A1-\u30F6\u30FD\u30FE]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/**
 * The spellings a term is looked for in: as typed (width-folded), in katakana and in hiragana.
 * Readings are stored in katakana, but a title or a name may hold either script, so both sides
 * are folded by trying each spelling against the indexed text (a function over the column
 * would not use its trigram index).
 */
export function kanaVariants(term: string): string[] {
  return [...new Set([term, hiraganaToKatakana(term), katakanaToHiragana(term)])];
}

/**
 * The search box's terms: the member search's (split at spaces and where kanji meet kana, so
 * 阿部こうへい finds 阿部 康平), each to be found with one of its kana spellings.
 */
export function searchTerms(q: string): string[][] {
  return memberSearchTerms(q).map(kanaVariants);
}

/** The words typed together, spaces dropped (山田 太郎 → 山田太郎), in each kana spelling. */
export function joinedTerm(q: string): string[] {
  const joined = normalizeSearch(q).replace(/ /g, '');
  return joined ? kanaVariants(joined) : [];
}

/** Plain words (split at spaces only): for titles and workplace names, where kanji and kana mix. */
export function titleTerms(q: string): string[][] {
  return normalizeSearch(q).split(' ').filter(Boolean).slice(0, 5).map(kanaVariants);
}

/**
 * Whether a trigram index can find these terms: one of them has three characters or more.
 * Shorter ones (山田, ヤマ) have no trigram; they are found by reading until enough match.
 */
export function hasTrigram(terms: string[][]): boolean {
  return terms.some((variants) => [...variants[0]!].length >= 3);
}
