import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, unknownPlaceholders } from './templates';

describe('templates', () => {
  it.each([
    ['known placeholders', '{name}さん 組合歴{years}周年', ['name', 'years'], []],
    ['a placeholder the rule does not know', '{workplace}職場', ['name'], ['{workplace}']],
    ['a misspelt one', '{nmae}さん', ['name'], ['{nmae}']],
    ['spaces inside braces', '{ name }さん', ['name'], ['{ name }']],
    ['a Japanese name in braces', '{名前}さん', ['name'], ['{名前}']],
    ['empty braces', '{}', ['name'], ['{}']],
    ['no placeholders', '全組合員への要求アンケートの実施', [], []],
    ['each unknown once', '{x}{x}{y}', [], ['{x}', '{y}']],
  ] as const)('unknownPlaceholders: %s', (_label, template, allowed, expected) => {
    expect(unknownPlaceholders(template, allowed)).toEqual(expected);
  });

  it('splits a template into literal runs and placeholders', () => {
    expect(parseTemplate('{name}さん 組合歴{years}周年')).toEqual([
      { placeholder: 'name' },
      'さん 組合歴',
      { placeholder: 'years' },
      '周年',
    ]);
    expect(parseTemplate('')).toEqual([]);
  });

  it.each([
    [
      'values in place',
      '{name}さん 組合歴{years}周年',
      { name: '山田 太郎', years: 10 },
      '山田 太郎さん 組合歴10周年',
    ],
    ['a missing workplace renders empty', '{workplace}職場', { workplace: null }, '職場'],
    ['line breaks kept', '一行目\n{name}', { name: '佐藤' }, '一行目\n佐藤'],
    // One pass: a value that looks like a placeholder is not substituted again.
    [
      'a name containing a placeholder is not re-substituted',
      '{name}/{workplace}',
      { name: '{workplace}', workplace: '本社' },
      '{workplace}/本社',
    ],
  ])('renderTemplate: %s', (_label, template, values, expected) => {
    expect(renderTemplate(template, values)).toBe(expected);
  });
});
