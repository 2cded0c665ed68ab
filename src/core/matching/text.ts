// Japanese text for matching (issue 16): width and compatibility forms folded (NFKC) with a map
// back to the original text (so a match is highlighted where the member wrote it), and the key a
// word is compared by: hiragana and katakana alike, small kana as large, long-vowel marks dropped.

/** A text in NFKC with, for each of its UTF-16 units, the index of the original unit it came from. */
export type NormalizedText = { text: string; map: number[] };

const VOICING = /^[\u3099\u309A]$/;
// Dashes people type for the long-vowel mark after katakana (ボーナス―, ボーナス－).
const DASHES = /[\u2010-\u2015\u2212\uFF0D\u2500]/;
const KATAKANA = /[\u30A1-\u30FA]/;

/**
 * NFKC, one code point at a time so every output unit maps to where it came from; a half-width
 * voicing mark joins the kana before it (ﾎﾞ → ボ), and a dash after katakana becomes ー.
 * Lone surrogates and control characters pass through unchanged.
 */
export function normalizeWithMap(input: string): NormalizedText {
  let text = '';
  const map: number[] = [];
  let at = 0;
  for (const ch of input) {
    let out = ch.normalize('NFKC');
    if (VOICING.test(out) && text.length > 0) {
      const composed = (text[text.length - 1] + out).normalize('NFC');
      if (composed.length === 1) {
        text = text.slice(0, -1) + composed;
        at += ch.length;
        continue;
      }
    }
    if (DASHES.test(out) && text.length > 0 && KATAKANA.test(text[text.length - 1]!)) out = 'ー';
    for (let k = 0; k < out.length; k++) {
      text += out[k];
      map.push(at);
    }
    at += ch.length;
  }
  map.push(input.length);
  return { text, map };
}

const SMALL_KANA: Record<string, string> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  っ: 'つ',
  ゃ: 'や',
  ゅ: 'ゆ',
  ょ: 'よ',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'け',
};

/**
 * The key a word is compared by: NFKC, katakana as hiragana, small kana as large, long-vowel
 * marks, middle dots and spaces dropped, Latin in lower case. ボーナス, ぼおなす and ﾎﾞｰﾅｽ differ
 * only where the spelling itself differs (ぼなす); 残業代 stays 残業代.
 */
export function foldKey(word: string): string {
  let out = '';
  for (const ch of word.normalize('NFKC').toLowerCase()) {
    const code = ch.codePointAt(0)!;
    let c = ch;
    if (code >= 0x30a1 && code <= 0x30f6) c = String.fromCodePoint(code - 0x60);
    c = SMALL_KANA[c] ?? c;
    if (c === 'ー' || c === '・' || c === '-' || /\s/.test(c)) continue;
    out += c;
  }
  return out;
}

/** A short passage of `text` around [start, end): whole when short, else cut at both ends with …. */
export function excerptAround(
  text: string,
  start: number,
  end: number,
  width = 120,
): { text: string; offset: number } {
  if (text.length <= width) return { text, offset: 0 };
  const before = Math.max(0, Math.min(start - 30, text.length - width));
  const after = Math.min(text.length, Math.max(before + width, end));
  return {
    text: `${before > 0 ? '…' : ''}${text.slice(before, after)}${after < text.length ? '…' : ''}`,
    offset: before > 0 ? before - 1 : 0,
  };
}
