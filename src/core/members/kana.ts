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
