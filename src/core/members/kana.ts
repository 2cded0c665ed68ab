/**
 * Readings are stored in full-width katakana so that kana order is code-point
 * order: NFKC folds half-width katakana (ﾔﾏﾀﾞ) into full width, and hiragana
 * is shifted into the katakana block (やまだ → ヤマダ).
 */
export function normalizeKana(value: string): string {
  return hiraganaToKatakana(value.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

export function hiraganaToKatakana(value: string): string {
  return value.replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** A search string as typed: width-folded so ＡＢＣ１２３ finds ABC123. */
export function normalizeSearch(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** At most this many words of a search are used (each is one more condition). */
export const MAX_SEARCH_WORDS = 5;

/**
 * The terms of a member search, each to be found in the name or the reading (both kept
 * without spaces in `members.search_text`) or the employee number. The search is
 * width-folded (ｱﾍﾞ → アベ) and split at spaces, and a word is also split where kanji
 * meet another script, as a name is written in kanji and its reading in kana:
 * 阿部こうへい → 阿部 + こうへい. Splitting only widens a search (each part is within
 * the whole), so 阿部康平, 阿部 康平, あべこうへい and ｱﾍﾞ ｺｳﾍｲ all find 阿部 康平.
 */
export function memberSearchTerms(q: string | undefined): string[] {
  if (!q) return [];
  const words = normalizeSearch(q).split(' ').filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  return words.flatMap((word) => word.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []);
}
