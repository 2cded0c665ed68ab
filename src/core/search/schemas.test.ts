import { describe, expect, it } from 'vitest';
import { NOT_STORABLE_TEXT } from '../common/schemas';
import { searchCharCount, searchQuery } from './schemas';
import { hasTrigram, kanaVariants, katakanaToHiragana, searchTerms, titleTerms } from './terms';

describe('searchQuery', () => {
  it.each([
    ['', 'is required'],
    ['   ', 'is required'],
    ['a\u0000b', NOT_STORABLE_TEXT],
    ['a\uD800', NOT_STORABLE_TEXT],
    ['\uDC00', NOT_STORABLE_TEXT],
    ['あ'.repeat(101), 'must be at most 100 characters'],
  ])('refuses %j on q', (q, message) => {
    const parsed = searchQuery.safeParse({ q });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['q', message]);
  });

  it('trims q and defaults the limit to 5', () => {
    expect(searchQuery.parse({ q: ' 山田 ' })).toEqual({ q: '山田', limit: 5 });
    expect(searchQuery.parse({ q: '😀', limit: '20' })).toEqual({ q: '😀', limit: 20 });
  });
});

describe('search terms', () => {
  it('folds widths and both kana scripts', () => {
    expect(katakanaToHiragana('ヤマダ タロウー')).toBe('やまだ たろうー');
    expect(kanaVariants('やまだ')).toEqual(['やまだ', 'ヤマダ']);
    expect(kanaVariants('ヤマダ')).toEqual(['ヤマダ', 'やまだ']);
    expect(kanaVariants('山田')).toEqual(['山田']);
    expect(searchTerms('ﾔﾏﾀﾞ 太郎')).toEqual([['ヤマダ', 'やまだ'], ['太郎']]);
    expect(searchTerms('阿部こうへい')).toEqual([['阿部'], ['こうへい', 'コウヘイ']]);
    expect(titleTerms('夜勤 てあて')).toEqual([['夜勤'], ['てあて', 'テアテ']]);
  });

  it('counts characters without spaces, and knows when a trigram index helps', () => {
    expect(searchCharCount(' 山 ')).toBe(1);
    expect(searchCharCount('山 田')).toBe(2);
    expect(searchCharCount('😀')).toBe(1);
    expect(hasTrigram(searchTerms('山田 太郎'))).toBe(false);
    expect(hasTrigram(searchTerms('山田太郎'))).toBe(true);
    expect(hasTrigram(searchTerms('やまだ'))).toBe(true);
  });
});
