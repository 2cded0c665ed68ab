import { foldKey, type NormalizedText, normalizeWithMap } from './text';

// From a segmented text to the terms it is matched by (issue 16). The segmenter (a dictionary
// morphological analyzer, services/matching/tokenizer.ts) gives words; here they become terms:
// - nouns joined into the compounds people write (夜勤明け, 残業代, 時間外労働, 36協定), each kept
//   whole, with its inner sub-compounds and its words; without its generic words (ハラスメント防止
//   → ハラスメント) a compound's topic counts as the whole;
// - a noun, の and what it joins as a phrase (子どもの迎え, 休みの日), for the synonym groups;
// - a noun with the verb, adjective or action noun it goes with (人が足りない → 人+足りる+ない,
//   家で作業 → 家+作業); a person (職員, ドライバー, 二人) counts as 人 there too;
// - verbs and adjectives by their dictionary form (上げる, 少ない), weighed less;
// - words the dictionary does not know, as character bigrams as well (typos, new words);
// - words that say little (職場, 改善, 問題) weighed little; function words dropped.

/**
 * The version of what termsOf makes of a text: raise it with any change to the terms or their
 * weights, and the index reads every text again on the next sync (sync-match-index.ts).
 */
export const ANALYZER_VERSION = 2;

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

export type TermKind = 'word' | 'compound' | 'part' | 'phrase' | 'pair' | 'inflected' | 'bigram';

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
  /**
   * Set when the term only qualifies what follows it (WEIGHTS.modifier is in `weight`). A
   * demand's title is a list of topics (「シフト作成の公平化」): there it counts in full.
   */
  qualified?: true;
};

export const WEIGHTS = {
  /** A noun written alone, or a whole compound. */
  whole: 1,
  /** A sub-compound of a longer one (夜勤手当 in 夜勤手当額). */
  part: 0.8,
  /** A noun, の and what it joins (子どもの迎え, 休みの日). */
  phrase: 0.8,
  /** A noun inside a compound (夜勤 in 夜勤明け). */
  inner: 0.7,
  /** A noun and the verb or adjective it is the subject or object of (人+足りる+ない, 家+仕事). */
  pair: 0.9,
  /** A verb's or adjective's dictionary form. */
  inflected: 0.5,
  /** A character pair of a word the dictionary lacks. */
  bigram: 0.3,
  /** Factor for words that say little about the topic. */
  generic: 0.25,
  /**
   * Factor for a word that only qualifies another thing the text is about: before の and a
   * noun that is not one of its attributes (ボーナスの振込日, 賃上げの話), or before a place
   * (休憩室, 研修所). The text names the topic without asking about it.
   */
  modifier: 0.3,
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
    'あと',
    'うち',
    '結局',
    '全部',
    '一切',
    '一度',
    'なんとか',
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
    '取得',
    '作成',
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

/**
 * Nouns after 「Aの」 that are about A itself (its amount, its taking, its rules, its lack): in
 * 「夜勤の手当」, 「有休の取得」, 「残業の上限」 A stays the topic. After any other noun (ボーナスの
 * 振込日, 通勤手当の申請書類, 賃上げの話), A only says which one: see WEIGHTS.modifier.
 */
const ATTRIBUTE = new Set(
  [
    '額',
    '金額',
    '支給',
    '支給額',
    '支払い',
    '未払い',
    '不払い',
    '水準',
    '単価',
    '日数',
    '回数',
    '時間',
    '時間数',
    '取得',
    '取得率',
    '消化',
    '申請',
    '上限',
    '下限',
    '基準',
    '規定',
    'ルール',
    '条件',
    '対象',
    '範囲',
    '期間',
    '有無',
    '扱い',
    '取り扱い',
    '運用',
    '実態',
    '増額',
    '減額',
    '引き下げ',
    '延長',
    '短縮',
    '負担',
    '格差',
    '差',
    '低さ',
    '少なさ',
    '多さ',
    '長さ',
    '高さ',
    '量',
    '数',
    '人数',
    '割合',
    '率',
    '手当',
    '代',
    '分',
    '日',
    '相談',
    '窓口',
    '体制',
    '配置',
    '時期',
    '計算',
    '算定',
    '内容',
    '中身',
    '仕組み',
    '状態',
    '補助',
    '助成',
    '費用',
    // a person or a time A describes
    '人',
    '方',
    '者',
    '母',
    '父',
    '親',
    '両親',
    '子',
    '子ども',
    '子供',
    '家族',
    '妻',
    '夫',
    '翌日',
    '前日',
    '当日',
    '翌朝',
    '時期',
    '間',
    '月',
    '週',
    '年',
    '朝',
    '夜',
  ].map(foldKey),
);

/** Nouns a compound ends with that make it a place (休憩室, 研修所, 駐車場): its other words qualify it. */
const PLACE = new Set(['室', '所', '場', '館', '棟', '庫', '店'].map(foldKey));

/** Words for people: a pair (職員が減らされる) counts for 人 too. */
const PERSON_WORDS = new Set(
  ['人', '人手', '人数', 'スタッフ', 'ドライバー', 'ヘルパー', 'メンバー', 'パート', 'バイト'].map(foldKey),
);
const PERSON_SUFFIX = /(人|員|師|士|者|手)$/u;
function isPerson(word: string): boolean {
  return PERSON_WORDS.has(foldKey(word)) || ([...word].length >= 2 && PERSON_SUFFIX.test(word));
}

/** Particles that tie a noun to the predicate after it (が, は, も, を, で, に). */
const CASE_PARTICLES = new Set(['が', 'は', 'も', 'を', 'で', 'に']);

/** Pair keys: `noun+predicate` in dictionary form, `+ない` when negated (人+足りる+ない). */
export function pairKey(noun: string, predicate: string, negated: boolean): string {
  return `${foldKey(noun)}+${foldKey(predicate)}${negated ? '+ない' : ''}`;
}

function isNounLike(t: Token): boolean {
  if (t.pos === '接頭詞') return true;
  if (t.pos !== '名詞') return false;
  return t.pos1 !== '非自立' && t.pos1 !== '代名詞';
}

function isSymbolOnly(s: string): boolean {
  return !/[\p{L}\p{N}]/u.test(s);
}

const MAX_RUN = 6;

const isNumber = (t: Token) => t.pos === '名詞' && t.pos1 === '数';
const end = (t: Token) => t.start + t.surface.length;
const joined = (ts: readonly Token[]) => ts.map((t) => t.surface).join('');

/** A noun that says little (職場, 改善, 時間 …): what is left of a compound without it is its topic. */
function isGenericNoun(t: Token): boolean {
  return t.pos === '名詞' && t.pos1 !== '接尾' && GENERIC.has(foldKey(t.surface));
}

/**
 * A compound without the generic words at its ends (ハラスメント防止 → ハラスメント, 休憩時間 → 休憩,
 * 在宅勤務 → 在宅, 人手不足 → 人手): the word that names the topic, weighed as the whole. A generic
 * word a suffix binds to stays (時間外労働 → 時間外). Null when nothing or everything would be cut.
 */
function topicOf(parts: readonly Token[]): Token[] | null {
  let a = 0;
  let b = parts.length;
  while (b > a && isGenericNoun(parts[b - 1]!)) b--;
  while (a < b && isGenericNoun(parts[a]!) && parts[a + 1]?.pos1 !== '接尾') a++;
  if (a >= b || (a === 0 && b === parts.length)) return null;
  return parts.slice(a, b);
}

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

  // The tokens as words: a number with its separators (3,000) and an adjective made a noun by さ
  // (暑さ) are one.
  const units: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const prev = units.at(-1);
    // 3,000 is one number.
    if ((t.surface === ',' || t.surface === '.') && prev && isNumber(prev) && next && isNumber(next)) {
      units[units.length - 1] = { ...prev, surface: prev.surface + t.surface + next.surface };
      i++;
      continue;
    }
    // An adjective made a noun by さ (暑さ, 忙しさ) is one noun; its dictionary form counts too.
    if (t.pos === '形容詞' && next?.surface === 'さ' && next.pos1 === '接尾') {
      units.push(t);
      units.push({ ...t, surface: t.surface + next.surface, pos: '名詞', pos1: '一般', known: true });
      i++;
      continue;
    }
    units.push(t);
  }

  let run: Token[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const parts = run.slice(0, MAX_RUN);
    run = [];
    // Trim prefixes and numbers at the end and suffixes at the start: they attach to nothing there.
    while (parts.length > 0 && (parts.at(-1)!.pos === '接頭詞' || isNumber(parts.at(-1)!))) parts.pop();
    while (parts.length > 0 && parts[0]!.pos1 === '接尾') parts.shift();
    if (parts.length === 0) return;
    const from = terms.length;
    const words = parts.filter((t) => t.pos === '名詞' && t.pos1 !== '接尾' && t.pos1 !== '数');
    if (parts.length > 1) {
      push(joined(parts), WEIGHTS.whole, 'compound', parts[0]!.start, end(parts.at(-1)!));
      for (let len = parts.length - 1; len >= 2; len--) {
        for (let i = 0; i + len <= parts.length; i++) {
          const sub = parts.slice(i, i + len);
          // A suffix starts no word, except a counter after a number (5連勤 → 連勤, 3連休 → 連休).
          const lead = sub[0]!.pos1 === '接尾' && !(i > 0 && isNumber(parts[i - 1]!));
          if (lead || sub.at(-1)!.pos === '接頭詞') continue;
          push(joined(sub), WEIGHTS.part, 'part', sub[0]!.start, end(sub.at(-1)!));
        }
      }
      const topic = topicOf(parts);
      if (topic) push(joined(topic), WEIGHTS.whole, 'part', topic[0]!.start, end(topic.at(-1)!));
    }
    for (const t of words) {
      const weight = parts.length > 1 ? WEIGHTS.inner : WEIGHTS.whole;
      push(t.surface, weight, 'word', t.start, end(t));
      if (!t.known) bigrams(t);
    }
    // A place (休憩室, 研修所): its other words only say which one.
    const last = parts.at(-1)!;
    if (parts.length > 1 && last.pos1 === '接尾' && PLACE.has(foldKey(last.surface))) {
      const placeEnd = origin(end(last), end(last)).end;
      qualify(from, terms.length, (term) => term.end < placeEnd);
    }
  };
  /** The terms from..to only qualify what follows them: they weigh WEIGHTS.modifier as much. */
  const qualify = (from: number, to: number, which: (t: Term) => boolean = () => true) => {
    for (let k = from; k < to; k++) {
      const term = terms[k]!;
      if (which(term) && !term.qualified) {
        terms[k] = { ...term, weight: term.weight * WEIGHTS.modifier, qualified: true };
      }
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
  /**
   * A noun, the joining の and what it joins (子どもの迎え, 休みの日, 親の介護): the phrase members
   * write for one thing. The noun before の (with what its suffix or number binds to), and after
   * it a compound, or a dependent noun (日), or a verb's noun form (迎え).
   */
  const phrase = (i: number, headTerms: readonly [number, number]) => {
    let a = i - 1;
    while (a > 0 && (units[a]!.pos1 === '接尾' || isNumber(units[a]!)) && isNounLike(units[a - 1]!)) a--;
    const head = units.slice(a, i);
    if (head.length === 0 || !head.every(isNounLike) || head.every(isNumber)) return;
    let b = i + 1;
    while (b < units.length && b - i <= MAX_RUN && isNounLike(units[b]!) && !isSymbolOnly(units[b]!.surface))
      b++;
    while (b > i + 1 && (units[b - 1]!.pos === '接頭詞' || isNumber(units[b - 1]!))) b--;
    if (b === i + 1) {
      const t = units[i + 1];
      if (
        !t ||
        !(
          (t.pos === '名詞' && t.pos1 !== '代名詞' && t.pos1 !== '数') ||
          (t.pos === '動詞' && t.pos1 === '自立')
        )
      )
        return;
      b = i + 2;
    }
    const tail = units.slice(i + 1, b);
    // 「AのB」 where B is another thing than A's amount, taking or rules (ボーナスの振込日, 賃上げの
    // 話): the text is about B.
    // An amount of A (正職員の6割), an action on it (シフトの公平化), its attributes, or a person
    // or time A describes (認知症の母, 夜勤明けの翌日) keep A the topic.
    const lastOfTail = tail.at(-1)!;
    const lastKey = foldKey(lastOfTail.surface);
    const about = (k: string) => ATTRIBUTE.has(k) || GENERIC.has(k) || STOP.has(k);
    const aboutA =
      lastOfTail.pos !== '名詞' ||
      tail.some(isNumber) ||
      about(foldKey(joined(tail))) ||
      // A suffix ending B counts when it only makes B an action (化): 振込日 is a day, not an amount.
      (lastOfTail.pos1 === '接尾' ? GENERIC.has(lastKey) || STOP.has(lastKey) : about(lastKey));
    if (!aboutA) qualify(headTerms[0], headTerms[1]);
    // A generic or empty side says little (時間の確保, あとの片付け): the other is a term already.
    const ends = [foldKey(joined(head)), foldKey(joined(tail))];
    if (ends.some((k) => GENERIC.has(k) || STOP.has(k))) return;
    push(`${joined(head)}の${joined(tail)}`, WEIGHTS.phrase, 'phrase', head[0]!.start, end(tail.at(-1)!));
  };

  /**
   * The noun ending at units[i - 1], a particle at units[i] (or a counted person right before a
   * verb: もう一人いれば), and the predicate after it: a verb, an adjective, or an action noun
   * (家で作業, 人が不足). Adverbs in between are skipped; a negation after it is kept.
   */
  const pair = (i: number) => {
    let a = i - 1;
    while (a > 0 && (units[a]!.pos1 === '接尾' || isNumber(units[a]!)) && isNounLike(units[a - 1]!)) a--;
    const nounTokens = units.slice(a, i);
    const noun = joined(nounTokens.filter((t) => !isNumber(t)));
    const counted = nounTokens.some(isNumber) && noun === '人';
    if (!noun || STOP.has(foldKey(noun)) || !nounTokens.some((t) => t.pos === '名詞' && !isNumber(t))) return;
    let j = i;
    if (CASE_PARTICLES.has(units[i]!.surface) && units[i]!.pos === '助詞') j = i + 1;
    else if (!counted) return;
    while (j < units.length && j <= i + 3 && units[j]!.pos === '副詞') j++;
    const p = units[j];
    if (!p) return;
    let predicate: string;
    if ((p.pos === '動詞' || p.pos === '形容詞') && p.pos1 === '自立') {
      predicate = p.basic && p.basic !== '*' ? p.basic : p.surface;
    } else if (p.pos === '名詞' && p.pos1 === 'サ変接続' && j > i) {
      predicate = p.surface;
    } else return;
    if (STOP.has(foldKey(predicate)) && predicate !== 'いる' && predicate !== 'ある') return;
    let negated = false;
    let k = j + 1;
    for (; k < units.length; k++) {
      const u = units[k]!;
      const continues =
        u.pos === '助動詞' ||
        ((u.pos === '動詞' || u.pos === '形容詞') && (u.pos1 === '接尾' || u.pos1 === '非自立')) ||
        (u.pos === '助詞' && u.surface === 'て') ||
        (p.pos === '名詞' && u.pos === '動詞' && (u.basic === 'する' || u.basic === 'できる'));
      if (!continues) break;
      if (u.basic === 'ない' || u.basic === 'ぬ') negated = true;
    }
    const from = nounTokens[0]!.start;
    const to = end(units[k - 1]!);
    const nouns = isPerson(noun) && noun !== '人' ? [noun, '人'] : [noun];
    for (const n of nouns) {
      const key = pairKey(n, predicate, negated);
      terms.push({
        key,
        surface: joined(units.slice(a, k)),
        weight: WEIGHTS.pair,
        kind: 'pair',
        ...origin(from, to),
      });
    }
  };

  for (let i = 0; i < units.length; i++) {
    const t = units[i]!;
    if (isNounLike(t) && !isSymbolOnly(t.surface)) {
      run.push(t);
      continue;
    }
    const before = terms.length;
    const ran = run.length > 0;
    flush();
    if (ran) pair(i);
    if (t.surface === 'の' && t.pos === '助詞' && t.pos1 === '連体化') {
      phrase(i, [before, terms.length]);
    } else if ((t.pos === '動詞' || t.pos === '形容詞') && t.pos1 === '自立') {
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
