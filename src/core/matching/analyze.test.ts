import { describe, expect, it } from 'vitest';
import { type Token, termsOf } from './analyze';
import { compileExpansions, DEFAULT_SYNONYMS, SYNONYM_FACTORS, synonymGroupsSchema } from './synonyms';
import { foldKey, type NormalizedText, normalizeWithMap } from './text';

// What users rely on in matching that needs no dictionary: keys, offsets back into what the
// member wrote, and how the synonym groups reach words. The same behaviours through the real
// segmenter are in services/matching/analyze.test.ts.

const reach = (from: string, to: string) =>
  compileExpansions(DEFAULT_SYNONYMS).find((e) => e.key === foldKey(from) && e.target === foldKey(to))
    ?.factor ?? 0;

describe('foldKey', () => {
  it('gives half-width, full-width and hiragana spellings the same key', () => {
    expect(foldKey('ﾎﾞｰﾅｽ')).toBe(foldKey('ボーナス'));
    expect(foldKey('ぼーなす')).toBe(foldKey('ボーナス'));
    // A dash typed for the long-vowel mark is one once the text is normalized.
    expect(foldKey(normalizeWithMap('ボーナス―').text)).toBe(foldKey('ボーナス'));
    expect(foldKey('３６協定')).toBe('36協定');
    expect(foldKey('ＯＪＴ')).toBe('ojt');
  });

  it('keeps kanji words apart', () => {
    expect(foldKey('残業代')).toBe('残業代');
    expect(foldKey('残業代')).not.toBe(foldKey('残業'));
  });
});

describe('normalizeWithMap', () => {
  it('maps every normalized unit back into the original text, half-width katakana included', () => {
    const original = 'ﾎﾞｰﾅｽと夜勤手当';
    const { text, map } = normalizeWithMap(original);
    expect(text).toBe('ボーナスと夜勤手当');
    const at = text.indexOf('夜勤手当');
    expect(original.slice(map[at], map[at + 4])).toBe('夜勤手当');
    expect(original.slice(map[0], map[4])).toBe('ﾎﾞｰﾅｽ');
  });
});

describe('termsOf', () => {
  const tok = (surface: string, pos: string, pos1: string, start: number, basic = surface): Token => ({
    surface,
    pos,
    pos1,
    basic,
    known: true,
    start,
  });
  const normalized = (text: string): NormalizedText => normalizeWithMap(text);

  it('keeps a compound whole with its words, and offsets point into the original', () => {
    const original = 'ﾎﾞｰﾅｽと夜勤明け';
    const n = normalized(original);
    const tokens = [
      tok('ボーナス', '名詞', '一般', 0),
      tok('と', '助詞', '並立助詞', 4),
      tok('夜勤', '名詞', 'サ変接続', 5),
      tok('明け', '名詞', '接尾', 7),
    ];
    const terms = termsOf(tokens, n);
    const compound = terms.find((t) => t.key === '夜勤明け')!;
    expect(compound.kind).toBe('compound');
    expect(original.slice(compound.start, compound.end)).toBe('夜勤明け');
    const bonus = terms.find((t) => t.key === foldKey('ボーナス'))!;
    expect(original.slice(bonus.start, bonus.end)).toBe('ﾎﾞｰﾅｽ');
    expect(terms.find((t) => t.key === '夜勤')!.weight).toBeLessThan(compound.weight);
  });
});

describe('synonym groups', () => {
  it('the default list passes the schema a union edits it with', () => {
    expect(synonymGroupsSchema.safeParse(DEFAULT_SYNONYMS).success).toBe(true);
  });

  it('有休 reaches 有給休暇 in full', () => {
    expect(reach('有休', '有給休暇')).toBe(1);
    expect(reach('年休', '年次有給休暇')).toBe(1);
  });

  it('パワハラ reaches ハラスメント, but ハラスメント reaches パワハラ only in part', () => {
    expect(reach('パワハラ', 'ハラスメント')).toBe(SYNONYM_FACTORS.toBroader);
    expect(reach('ハラスメント', 'パワハラ')).toBe(SYNONYM_FACTORS.toNarrower);
    expect(SYNONYM_FACTORS.toNarrower).toBeLessThan(SYNONYM_FACTORS.toBroader);
  });

  it('what reaches a word reaches the words equal to it', () => {
    // 物価 ≈ 賃上げ (related) and 賃上げ = ベースアップ (equal).
    expect(reach('物価', 'ベースアップ')).toBe(SYNONYM_FACTORS.related);
    // パワーハラスメント = パワハラ ⊂ ハラスメント.
    expect(reach('パワーハラスメント', 'ハラスメント')).toBe(SYNONYM_FACTORS.toBroader);
  });

  it('everyday words reach the bargaining word of their topic', () => {
    expect(reach('休みの日', '休日')).toBe(1);
    expect(reach('土日', '休日')).toBe(SYNONYM_FACTORS.related);
    expect(reach('子どもの迎え', '育児')).toBe(SYNONYM_FACTORS.related);
    expect(reach('熱中症', '安全衛生')).toBe(SYNONYM_FACTORS.related);
    expect(reach('怒鳴る', 'ハラスメント')).toBe(SYNONYM_FACTORS.toBroader);
    expect(reach('週末', '休日')).toBe(SYNONYM_FACTORS.related);
  });

  it('an everyday word does not reach a neighbouring topic', () => {
    expect(reach('休み', '休日出勤')).toBe(0);
    expect(reach('子ども', '有給休暇')).toBe(0);
    expect(reach('夜勤', '勤務間インターバル')).toBe(0);
  });
});
