import type { ExportLang } from '../export/columns';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type SurveyResults } from './schemas';

/** What a hidden cell (small-cell rule) is written as in the exports. */
export const HIDDEN_CELL = '－';

/** One table of the results export: a CSV section or an XLSX sheet. Values are not yet cells. */
export type SurveyResultsSheet = {
  sheetName: string;
  title: string;
  notes: string[];
  headers: string[];
  rows: (string | number | null)[][];
  /** Columns holding a share (0–1), shown as a percentage. */
  rateColumns: number[];
};

const DIMENSION_NAMES: Record<
  BreakdownDimension,
  { ja: string; en: string; unset: { ja: string; en: string } }
> = {
  workplace: { ja: '職場別', en: 'By workplace', unset: { ja: '職場未設定', en: 'No workplace' } },
  jobType: { ja: '職種別', en: 'By job type', unset: { ja: '未設定', en: 'Not set' } },
  grade: { ja: '等級別', en: 'By grade', unset: { ja: '未設定', en: 'Not set' } },
  unionRole: { ja: '組合役職別', en: 'By union role', unset: { ja: '未設定', en: 'Not set' } },
};

const L = (lang: ExportLang, ja: string, en: string) => (lang === 'ja' ? ja : en);

/**
 * The results as tables (pure): the ranking, each breakdown (respondents and each demand's
 * count per group, the demands in ranking order), and the questions. A value the small-cell
 * rule hid is HIDDEN_CELL; the note above each breakdown says why.
 */
export function surveyResultsSheets(results: SurveyResults, lang: ExportLang): SurveyResultsSheet[] {
  const ranked = results.demands.some((d) => d.points !== null);
  const summary = L(
    lang,
    `回答者数 ${results.respondents} / 対象者数 ${results.invited}`,
    `Respondents ${results.respondents} of ${results.invited} invited`,
  );
  const suppression = results.anonymous
    ? L(
        lang,
        `匿名アンケート: 回答者が${results.minCell}人未満の集団と${results.minCell}未満のセル、および合計から逆算できるセルは「${HIDDEN_CELL}」で表示しています。`,
        `Anonymous survey: groups of fewer than ${results.minCell} respondents, cells below ${results.minCell}, and cells that could be worked out from the totals are shown as "${HIDDEN_CELL}".`,
      )
    : null;

  const ranking: SurveyResultsSheet = {
    sheetName: L(lang, 'ランキング', 'Ranking'),
    title: L(lang, '要求ランキング', 'Demand ranking'),
    notes: [summary],
    headers: [
      L(lang, '順位', 'Rank'),
      L(lang, '要求', 'Demand'),
      L(lang, '選んだ人数', 'Chosen by'),
      L(lang, '回答者に占める割合', 'Share of respondents'),
      ...(ranked ? [L(lang, '1位に選んだ人数', 'Chosen first'), L(lang, 'ポイント', 'Points')] : []),
    ],
    rows: results.demands.map((d) => [
      d.rank,
      d.title,
      d.count,
      d.share,
      ...(ranked ? [d.firstChoice, d.points] : []),
    ]),
    rateColumns: [3],
  };

  const breakdowns = BREAKDOWN_DIMENSIONS.map((dimension): SurveyResultsSheet => {
    const name = DIMENSION_NAMES[dimension];
    return {
      sheetName: name[lang],
      title: L(lang, `${name.ja}の回答`, `${name.en}`),
      notes: suppression ? [suppression] : [],
      headers: [
        L(
          lang,
          name.ja.replace(/別$/, ''),
          name.en.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase()),
        ),
        L(lang, '回答者数', 'Respondents'),
        ...results.demands.map((d) => d.title),
      ],
      rows: results.breakdowns[dimension].map((g) => [
        g.label ?? g.key ?? name.unset[lang],
        g.respondents ?? HIDDEN_CELL,
        ...results.demands.map((d) => g.counts[d.demandId] ?? HIDDEN_CELL),
      ]),
      rateColumns: [],
    };
  });

  const questionRows: (string | number | null)[][] = [];
  for (const q of results.questions) {
    questionRows.push([q.label, L(lang, '回答数', 'Answered'), q.answered]);
    for (const o of q.options ?? []) questionRows.push([q.label, o.option, o.count]);
    for (const s of q.scale ?? []) questionRows.push([q.label, String(s.value), s.count]);
    if (q.mean !== undefined && q.mean !== null)
      questionRows.push([q.label, L(lang, '平均', 'Mean'), q.mean]);
  }
  const questions: SurveyResultsSheet = {
    sheetName: L(lang, '設問', 'Questions'),
    title: L(lang, '設問の回答', 'Questions'),
    notes: [L(lang, `自由記述: ${results.freeTextCount}件`, `Free-text answers: ${results.freeTextCount}`)],
    headers: [
      L(lang, '設問', 'Question'),
      L(lang, '選択肢・値', 'Option or value'),
      L(lang, '件数', 'Count'),
    ],
    rows: questionRows,
    rateColumns: [],
  };
  return [ranking, ...breakdowns, questions];
}
