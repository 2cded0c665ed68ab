import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DoubleArrayTrie, loadDictionaryTrie, loadSegmenter } from './tokenizer';

// The dictionary lookup that replaces kuromoji's (prefixSearchOf) finds the same words with the
// same records at every position of every text: segmentation, and so matching, is unchanged.

function fixtureTexts(): string[] {
  const read = (name: string) =>
    JSON.parse(readFileSync(new URL(`../../../test/fixtures/matching/${name}`, import.meta.url), 'utf8')) as {
      demands: { title: string }[];
      concerns: { text: string }[];
    };
  const sets = [read('labelled-set.json'), read('held-out-set.json')];
  return sets.flatMap((s) => [...s.demands.map((d) => d.title), ...s.concerns.map((c) => c.text)]);
}

function expectSameLookups(trie: DoubleArrayTrie, text: string) {
  const original = Object.getPrototypeOf(trie).commonPrefixSearch as DoubleArrayTrie['commonPrefixSearch'];
  for (let pos = 0; pos < text.length; pos++) {
    const tail = text.slice(pos);
    expect(trie.commonPrefixSearch(tail)).toEqual(original.call(trie, tail));
  }
}

describe('the dictionary lookup', () => {
  it('finds what kuromoji’s own finds at every position of the matching fixtures', async () => {
    const trie = await loadDictionaryTrie();
    expect(Object.hasOwn(trie, 'commonPrefixSearch')).toBe(true);
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(300);
    for (const text of texts) expectSameLookups(trie, text);
  });

  it('finds what kuromoji’s own finds on any text (kana, kanji, ASCII, emoji, half width)', async () => {
    const trie = await loadDictionaryTrie();
    const pieces = [
      '夜勤',
      '手当',
      'ﾊﾟﾜﾊﾗ',
      'パワハラ',
      'abc',
      'ABC123',
      '😀',
      '𠮷野家',
      '。',
      '、',
      ' ',
      'ー',
      'ゃ',
      '東京都',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme', maxLength: 4 })), {
          maxLength: 8,
        }),
        async (parts) => expectSameLookups(trie, parts.join('')),
      ),
      { numRuns: 300 },
    );
  });

  it('segments a text with a broken surrogate pair without failing', async () => {
    const segment = await loadSegmenter();
    expect(
      segment('夜勤手当\uDC00が低い')
        .map((t) => t.surface)
        .join(''),
    ).toBe('夜勤手当\uDC00が低い');
  });
});
