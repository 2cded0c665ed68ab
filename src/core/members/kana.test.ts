import { describe, expect, it } from 'vitest';
import { hiraganaToKatakana, normalizeKana, normalizeSearch } from './kana';

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
