import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText, type Segmenter, type Term, termWeights } from '../../core/matching/analyze';
import {
  demandTermsOf,
  explainMatch,
  indexExpansions,
  SUGGESTION_MIN_SCORE,
  weighDemands,
} from '../../core/matching/score';
import { compileExpansions, DEFAULT_SYNONYMS } from '../../core/matching/synonyms';
import { foldKey } from '../../core/matching/text';
import { loadSegmenter } from './tokenizer';

// Matching behaviours users rely on, through the real dictionary (core/matching/analyze.ts with
// the segmenter of ./tokenizer): what a member writes becomes keys that find the demand.

let segment: Segmenter;
beforeAll(async () => {
  segment = await loadSegmenter();
});

const keys = (text: string) => termWeights(analyzeText(segment, text));
const term = (text: string, key: string): Term | undefined =>
  analyzeText(segment, text).find((t) => t.key === foldKey(key));

/** The score of a text against one demand among a few others (for the key weights). */
function score(text: string, demandTitle: string): number {
  const others = ['夜勤手当の引き上げ', '休日出勤の削減', '人員の増員'].filter((t) => t !== demandTitle);
  const titles = [demandTitle, ...others];
  const weighed = weighDemands(titles.map((t) => demandTermsOf(analyzeText(segment, t), [])));
  const expansions = indexExpansions(compileExpansions(DEFAULT_SYNONYMS));
  return explainMatch(analyzeText(segment, text), weighed[0]!, expansions).score;
}

describe('analyzeText', () => {
  it('gives ﾎﾞｰﾅｽ and ボーナス the same key', () => {
    expect([...keys('ﾎﾞｰﾅｽが少ない').keys()]).toContain(foldKey('ボーナス'));
    expect(keys('ﾎﾞｰﾅｽが少ない').get(foldKey('ボーナス'))).toBe(
      keys('ボーナスが少ない').get(foldKey('ボーナス')),
    );
  });

  it('keeps 夜勤明け as a compound, with 夜勤 inside it weighed less', () => {
    const t = term('夜勤明けの日勤がつらい', '夜勤明け');
    expect(t?.kind).toBe('compound');
    expect(keys('夜勤明けの日勤がつらい').get('夜勤')!).toBeLessThan(t!.weight);
  });

  it('maps a highlight back into the original text, after half-width katakana', () => {
    const original = 'ﾎﾞｰﾅｽも夜勤手当も下がった';
    const bonus = term(original, 'ボーナス')!;
    expect(original.slice(bonus.start, bonus.end)).toBe('ﾎﾞｰﾅｽ');
    const allowance = term(original, '夜勤手当')!;
    expect(original.slice(allowance.start, allowance.end)).toBe('夜勤手当');
  });

  it('keys a verb or adjective by its dictionary form', () => {
    expect(keys('上司に怒鳴られた').has('怒鳴る')).toBe(true);
    expect(keys('倉庫が暑すぎる').has('暑い')).toBe(true);
  });

  it('keeps an adjective made a noun by さ (暑さ) as a word', () => {
    expect(term('夏の暑さがこたえる', '暑さ')?.weight).toBe(1);
  });

  it('keeps a noun, の and what it joins as a phrase (休みの日, 子どもの迎え)', () => {
    const original = '休みの日に呼び出される';
    const phrase = term(original, '休みの日')!;
    expect(original.slice(phrase.start, phrase.end)).toBe('休みの日');
    expect(term('子どもの迎えに間に合わない', '子どもの迎え')).toBeDefined();
    // A generic side makes no phrase.
    expect(term('時間の確保', '時間の確保')).toBeUndefined();
  });

  it('weighs the topic of a compound as the whole when the rest is generic (ハラスメント防止)', () => {
    expect(keys('ハラスメント防止').get(foldKey('ハラスメント'))).toBe(1);
    expect(keys('休憩時間の確保').get('休憩')).toBe(1);
    // Not when nothing generic is cut: 夜勤 stays a part of 夜勤手当.
    expect(keys('夜勤手当').get('夜勤')).toBeLessThan(1);
  });

  it('reads a number with a thousands separator as one, and a counter after a number', () => {
    expect(keys('月額3,000円').has('3,000円')).toBe(true);
    expect(keys('7連勤が続く').has('連勤')).toBe(true);
  });

  it('weighs a word that only qualifies another thing little (ボーナスの振込日, 休憩室)', () => {
    // The text is about the payment date, the paperwork, the room: not the bonus, the allowance, breaks.
    expect(term('ボーナスの振込日を早くして', 'ボーナス')).toMatchObject({ weight: 0.3, qualified: true });
    expect(keys('通勤手当の申請書類が面倒').get('通勤手当')).toBeLessThan(0.5);
    expect(keys('休憩室が汚い').get('休憩')).toBeLessThan(0.5);
    expect(keys('休憩室が汚い').get('休憩室')).toBe(1);
    // Its amount, its taking, an action on it, a person or time it describes: still the topic.
    expect(keys('ボーナスの額が少ない').get(foldKey('ボーナス'))).toBe(1);
    expect(keys('有休の取得が進まない').get('有休')).toBe(1);
    expect(keys('シフトの公平化').get(foldKey('シフト'))).toBe(1);
    expect(keys('正職員の6割しかない').get('正職員')).toBe(1);
    expect(keys('認知症の母がいる').get('認知症')).toBe(1);
    expect(keys('夜勤明けの翌日に日勤').get('夜勤明け')).toBe(1);
  });

  it('pairs a noun with its predicate, a person as 人, a negation kept', () => {
    expect(keys('人が足りない').has('人+足りる+ない')).toBe(true);
    expect(keys('人が足りている').has('人+足りる+ない')).toBe(false);
    // 職員, ドライバー, a counted person: people.
    expect(keys('窓口の職員が減らされた').has('人+減らす')).toBe(true);
    expect(keys('ドライバーが全然足りず').has('人+足りる+ない')).toBe(true);
    expect(keys('もう一人いれば').has('人+いる')).toBe(true);
    // An action noun after the particle: 家で作業.
    expect(keys('家で作業できる日がほしい').has('家+作業')).toBe(true);
    const original = '人が足りない！';
    const pair = term(original, '人+足りる+ない')!;
    expect(original.slice(pair.start, pair.end)).toBe('人が足りない');
  });

  it('drops words that say nothing and weighs generic ones little', () => {
    expect(keys('こと').size).toBe(0);
    expect(keys('職場の問題').get('職場')!).toBeLessThan(0.5);
  });
});

describe('scoring with the default synonyms', () => {
  it('有休 finds the paid-leave demand', () => {
    expect(score('有休が取れない', '年次有給休暇の取得促進')).toBeGreaterThanOrEqual(SUGGESTION_MIN_SCORE);
  });

  it('パワハラ finds the harassment demand', () => {
    expect(score('上司のパワハラがひどい', 'ハラスメント防止対策の強化')).toBeGreaterThanOrEqual(
      SUGGESTION_MIN_SCORE,
    );
  });

  it('everyday words find their demand', () => {
    expect(score('土日も出勤させられる', '休日出勤の削減')).toBeGreaterThanOrEqual(SUGGESTION_MIN_SCORE);
    expect(score('子どもの迎えに間に合わない', '育児と仕事の両立支援')).toBeGreaterThanOrEqual(
      SUGGESTION_MIN_SCORE,
    );
    expect(score('倉庫が暑くて熱中症になりそう', '安全衛生の改善')).toBeGreaterThanOrEqual(
      SUGGESTION_MIN_SCORE,
    );
  });

  it('a demand title counts its words in full, though 「AのB」 (シフト作成の公平化)', () => {
    expect(score('シフトが偏っている', 'シフト作成の公平化')).toBeGreaterThanOrEqual(SUGGESTION_MIN_SCORE);
  });

  it('finds staffing in what members say, not only in 人員', () => {
    expect(score('人が足りない！！', '人員の増員')).toBeGreaterThanOrEqual(SUGGESTION_MIN_SCORE);
    expect(score('看護師が辞めていく一方だ', '人員の増員')).toBeGreaterThanOrEqual(SUGGESTION_MIN_SCORE);
    expect(score('人が足りている職場です', '人員の増員')).toBeLessThan(SUGGESTION_MIN_SCORE);
  });

  it('a topic named but not asked about stays below the threshold', () => {
    expect(score('夜勤手当の振込日が遅い', '夜勤手当の引き上げ')).toBeLessThan(SUGGESTION_MIN_SCORE);
    expect(score('夜勤手当が安すぎる', '夜勤手当の引き上げ')).toBeGreaterThanOrEqual(SUGGESTION_MIN_SCORE);
  });

  it('a text on another topic stays below the threshold', () => {
    expect(score('社員食堂のメニューを増やしてほしい', '年次有給休暇の取得促進')).toBeLessThan(
      SUGGESTION_MIN_SCORE,
    );
    expect(score('有休が取れない', '休日出勤の削減')).toBeLessThan(SUGGESTION_MIN_SCORE);
  });
});
