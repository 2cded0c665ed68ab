import { foldKey, type NormalizedText, normalizeWithMap } from './text';

// From a segmented text to the terms it is matched by (issue 16). The segmenter (a dictionary
// morphological analyzer, services/matching/tokenizer.ts) gives words; here they become terms:
// - nouns joined into the compounds people write (夜勤明け, 残業代, 時間外労働, 36協定), each kept
//   whole, with its inner sub-compounds and its words;
// - verbs and adjectives by their dictionary form (上げる, 少ない), weighed less;
// - words the dictionary does not know, as character bigrams as well (typos, new words);
// - words that say little (職場, 改善, 問題) weighed little; function words dropped.

/** One word from the segmenter, as plain data. `start` is its offset in the text it was given. */
export type Token = {
  surface: string;
  /** Part of speech (IPADIC: 名詞, 動詞, 形容詞, 接頭詞, 助詞 …) and its first detail (一般, 接尾, 数 …). */
  pos: string;
  pos1: string;
  /** Dictionary form ('*' or empty when none). */
  basic: string;
  known: boolean;
  start: number;
};

export type TermKind = 'word' | 'compound' | 'part' | 'inflected' | 'bigram';

/** A term found in a text: its key, weight, and where it is in the original text. */
export type Term = {
  key: string;
  /** As written (in the normalized text). */
  surface: string;
  weight: number;
  kind: TermKind;
  /** Offsets in the original (not normalized) text. */
  start: number;
  end: number;
};

export const WEIGHTS = {
  /** A noun written alone, or a whole compound. */
  whole: 1,
  /** A sub-compound of a longer one (夜勤手当 in 夜勤手当額). */
  part: 0.8,
  /** A noun inside a compound (夜勤 in 夜勤明け). */
  inner: 0.7,
  /** A verb's or adjective's dictionary form. */
  inflected: 0.4,
  /** A character pair of a word the dictionary lacks. */
  bigram: 0.3,
  /** Factor for words that say little about the topic. */
  generic: 0.25,
} as const;

// Words that say nothing about the topic: dropped.
const STOP = new Set(
  [
    'こと',
    'もの',
    'ため',
    'よう',
    'ところ',
    'の',
    'ん',
    'さん',
    'たち',
    'など',
    '等',
    'とき',
    '時',
    'これ',
    'それ',
    'あれ',
    'ここ',
    'そこ',
    'みんな',
    'する',
    'ある',
    'いる',
    'なる',
    'できる',
    '出来る',
    'れる',
    'られる',
    'せる',
    'くれる',
    'もらう',
    'いただく',
    'くださる',
    'おる',
    'いう',
    '言う',
    '思う',
    '考える',
    '感じる',
    'ほしい',
    '欲しい',
    'ない',
    'いい',
    'よい',
    '良い',
    'すぎる',
    'やすい',
    'にくい',
    'づらい',
    'つらい',
    'そう',
    'ほう',
    '方',
    '中',
    '上',
    '下',
    '前',
    '後',
    '今',
    '最近',
    '毎日',
    '毎回',
    'いつも',
    '全然',
    '少し',
    'もう少し',
    '本当',
    '的',
    '化',
    '自分',
    '私',
    '僕',
    '俺',
    '皆',
    '何',
    '気',
    '感じ',
    '件',
    '場合',
    '一',
    '二',
  ].map(foldKey),
);

/**
 * Words too common in workplace talk and demand titles to tell topics apart: kept, weighed little.
 * Demand titles' verbs of direction (引き上げ, 改善, 拡充 …) are here too: the topic is in the nouns.
 */
export const GENERIC = new Set(
  [
    '職場',
    '仕事',
    '会社',
    '問題',
    '改善',
    '必要',
    '対応',
    '状況',
    '環境',
    '制度',
    '支援',
    '確保',
    '導入',
    '実施',
    '検討',
    '要求',
    '要望',
    '希望',
    '全員',
    '社員',
    '職員',
    '従業員',
    '組合',
    '組合員',
    '人',
    '引き上げ',
    '引上げ',
    '拡充',
    '促進',
    '新設',
    '増額',
    '削減',
    '遵守',
    '設置',
    '見直し',
    '向上',
    '整備',
    '充実',
    '廃止',
    '強化',
    '推進',
    '実現',
    '是正',
    '透明',
    '公平',
    '防止',
    '対策',
    '処遇',
    '労働',
    '勤務',
    '時間',
    '上げる',
    '増やす',
    '減らす',
    '欲しい',
    '多い',
    '少ない',
    '低い',
    '高い',
    '大変',
    '困る',
    '不安',
    '不満',
    '不足',
    '足りる',
    '取る',
    '出る',
    '入る',
    '行く',
    '来る',
    '見る',
    '使う',
    '働く',
    '続く',
    '変わる',
  ].map(foldKey),
);

function isNounLike(t: Token): boolean {
  if (t.pos === '接頭詞') return true;
  if (t.pos !== '名詞') return false;
  return t.pos1 !== '非自立' && t.pos1 !== '代名詞';
}

function isSymbolOnly(s: string): boolean {
  return !/[\p{L}\p{N}]/u.test(s);
}

const MAX_RUN = 6;

/**
 * Terms of a text from its tokens. `normalized` is the text the tokens were cut from (see
 * normalizeWithMap); offsets in the result are in the original text. A key's weight is the
 * largest it gets anywhere in the text (see termWeights).
 */
export function termsOf(tokens: readonly Token[], normalized: NormalizedText): Term[] {
  const terms: Term[] = [];
  const { map } = normalized;
  const origin = (from: number, to: number) => ({
    start: map[from] ?? 0,
    end: map[to] ?? map[map.length - 1]!,
  });
  const push = (surface: string, weight: number, kind: TermKind, from: number, to: number) => {
    const key = foldKey(surface);
    if (key.length === 0 || STOP.has(key) || isSymbolOnly(key)) return;
    // A single kana is noise; a single kanji (代, 給) only counts inside a compound.
    if ([...key].length < 2 && kind !== 'compound') return;
    const w = GENERIC.has(key) ? weight * WEIGHTS.generic : weight;
    terms.push({ key, surface, weight: w, kind, ...origin(from, to) });
  };

  let run: Token[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const parts = run.slice(0, MAX_RUN);
    run = [];
    // Trim prefixes at the end and suffixes at the start: they attach to nothing there.
    while (parts.length > 0 && parts[parts.length - 1]!.pos === '接頭詞') parts.pop();
    while (parts.length > 0 && parts[0]!.pos1 === '接尾') parts.shift();
    if (parts.length === 0) return;
    const end = (t: Token) => t.start + t.surface.length;
    const words = parts.filter((t) => t.pos === '名詞' && t.pos1 !== '接尾' && t.pos1 !== '数');
    if (parts.length > 1) {
      push(
        parts.map((t) => t.surface).join(''),
        WEIGHTS.whole,
        'compound',
        parts[0]!.start,
        end(parts.at(-1)!),
      );
      for (let len = parts.length - 1; len >= 2; len--) {
        for (let i = 0; i + len <= parts.length; i++) {
          const sub = parts.slice(i, i + len);
          if (sub[0]!.pos1 === '接尾' || sub.at(-1)!.pos === '接頭詞') continue;
          push(sub.map((t) => t.surface).join(''), WEIGHTS.part, 'part', sub[0]!.start, end(sub.at(-1)!));
        }
      }
    }
    for (const t of words) {
      const weight = parts.length > 1 ? WEIGHTS.inner : WEIGHTS.whole;
      push(t.surface, weight, 'word', t.start, end(t));
      if (!t.known) bigrams(t);
    }
  };
  const bigrams = (t: Token) => {
    const chars = [...t.surface];
    if (chars.length < 3) return;
    let offset = t.start;
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (!/^[\p{Script=Han}\p{Script=Katakana}ー]+$/u.test(pair)) {
        offset += chars[i]!.length;
        continue;
      }
      push(pair, WEIGHTS.bigram, 'bigram', offset, offset + pair.length);
      offset += chars[i]!.length;
    }
  };

  for (const t of tokens) {
    if (isNounLike(t) && !isSymbolOnly(t.surface)) {
      run.push(t);
      continue;
    }
    flush();
    if ((t.pos === '動詞' || t.pos === '形容詞') && t.pos1 === '自立') {
      const base = t.basic && t.basic !== '*' ? t.basic : t.surface;
      push(base, WEIGHTS.inflected, 'inflected', t.start, t.start + t.surface.length);
    } else if (!t.known && t.pos !== '記号' && t.surface.length >= 3) {
      bigrams(t);
    }
  }
  flush();
  return terms;
}

/** The largest weight of each key in a text. */
export function termWeights(terms: readonly Term[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of terms) out.set(t.key, Math.max(out.get(t.key) ?? 0, t.weight));
  return out;
}

/** Something that cuts normalized text into tokens (the dictionary analyzer, loaded once). */
export type Segmenter = (text: string) => Token[];

/** Terms of a raw text, with the segmenter given. */
export function analyzeText(segment: Segmenter, text: string): Term[] {
  const normalized = normalizeWithMap(text);
  return termsOf(segment(normalized.text), normalized);
}
