import { describe, expect, it } from 'vitest';
import { hiraganaToKatakana, memberSearchTerms, normalizeKana, normalizeSearch } from './kana';

describe('kana normalization (readings sort in gojūon order)', () => {
  it.each([
    ['やまだ たろう', 'ヤマダ タロウ'],
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ タロウ'],
    ['ヤマダ　タロウ', 'ヤマダ タロウ'],
    ['  すずき   はなこ ', 'スズキ ハナコ'],
    ['ゔぁ', 'ヴァ'],
    ['サトウ', 'サトウ'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeKana(input)).toBe(expected);
  });

  it('orders normalized readings as a dictionary does', () => {
    const readings = ['ワタナベ', 'アベ', 'ゴトウ', 'カトウ', 'イトウ', 'ガトウ'].map(normalizeKana);
    expect([...readings].sort()).toEqual(['アベ', 'イトウ', 'カトウ', 'ガトウ', 'ゴトウ', 'ワタナベ']);
  });

  it('leaves non-kana alone when converting hiragana', () => {
    expect(hiraganaToKatakana('山田 abc')).toBe('山田 abc');
  });

  it('folds full-width letters and digits in searches', () => {
    expect(normalizeSearch('Ｅ０１２３　山田')).toBe('E0123 山田');
  });
});

describe('member search terms', () => {
  it.each([
    ['あべこうへい', ['あべこうへい']],
    ['ｱﾍﾞｺｳﾍｲ', ['アベコウヘイ']],
    ['阿部康平', ['阿部康平']],
    ['阿部　康平', ['阿部', '康平']],
    ['阿部こうへい', ['阿部', 'こうへい']],
    ['あべ康平', ['あべ', '康平']],
    ['佐々木', ['佐々木']],
    ['Ｅ０１２３', ['E0123']],
    ['  ', []],
  ])('%s → %j', (q, expected) => {
    expect(memberSearchTerms(q)).toEqual(expected);
  });

  it('uses five words at most', () => {
    expect(memberSearchTerms('a b c d e f g')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
