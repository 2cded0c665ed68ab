import type { MatchSource } from '../../../core/matching/schemas';
import { useI18n } from '../../i18n/I18nProvider';

// Strings of 要求になっていない声 (issue 16) on the monthly dashboard and the printed report.

export const ja = {
  title: '要求になっていない声',
  intro:
    '組合員の「主な職場の悩み・要求」・メモ・アンケートの回答のうち、現在のシーズンのどの要求にも当てはまらないものを話題ごとにまとめています。選んだ月にかかわらず、いまの内容です。',
  noSeason: '現在の交渉シーズンがないため、シーズン未設定の要求と照らし合わせています。',
  pending: '最近の変更を反映中です。まもなく最新の内容になります。',
  empty: '要求になっていない声はありません。',
  list: '話題の一覧',
  members: (n: number) => `組合員 ${n}人`,
  anonymous: (n: number) => `匿名回答 ${n}件`,
  byWorkplace: '職場別',
  workplaceCount: (name: string, n: number) => `${name} ${n}人`,
  noWorkplace: '所属職場なし',
  moreWorkplaces: (n: number, people: number) => `ほか${n}職場 ${people}人`,
  excerpts: '声の例',
  quote: (text: string) => `「${text}」`,
  sources: {
    concerns: '主な職場の悩み・要求',
    note: '組合員のメモ',
    survey: 'アンケートの回答',
  } satisfies Record<MatchSource, string>,
  from: (source: string) => `（${source}）`,
  separator: '・',
  /** Between a topic's words in its heading (「・」 prints as another character in Chromium's PDFs). */
  termSeparator: '、',
  more: (n: number) => `ほか${n}件の話題があります（画面の月次ダッシュボードですべて見られます）。`,
  synonyms: '同義語・関連語の設定',
  register: '要求として登録',
  registerTitle: (topic: string) => `「${topic}」を要求として登録`,
  fieldTitle: '要求事項の名称',
  fieldPriority: '要求の優先度',
  confirm: (n: number) => `${n}人の組合員を紐付けます。`,
  confirmNone: '紐付ける組合員はいません（匿名回答だけの話題です）。',
  confirmAnonymous: (n: number) => `匿名回答 ${n}件は、誰の回答かわからないため紐付けられません。`,
  submit: '登録して紐付ける',
  submitting: '登録中…',
};

export type VoicesMessages = typeof ja;

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => R
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };

export const en: Widen<VoicesMessages> = {
  title: 'Voices no demand holds yet',
  intro:
    'What members wrote — their main workplace concerns, notes and survey answers — that matches no demand of the current season, grouped by topic. This is the present state, whatever month is chosen.',
  noSeason: 'There is no current bargaining season: compared with the demands that have no season.',
  pending: 'Recent changes are still being matched; this will be up to date shortly.',
  empty: 'Every voice is held by a demand.',
  list: 'Topics',
  members: (n: number) => `${n} ${n === 1 ? 'member' : 'members'}`,
  anonymous: (n: number) => `${n} anonymous ${n === 1 ? 'answer' : 'answers'}`,
  byWorkplace: 'By workplace',
  workplaceCount: (name: string, n: number) => `${name}: ${n}`,
  noWorkplace: 'No workplace',
  moreWorkplaces: (n: number, people: number) =>
    `${n} more ${n === 1 ? 'workplace' : 'workplaces'}: ${people}`,
  excerpts: 'What was said',
  quote: (text: string) => `“${text}”`,
  sources: {
    concerns: 'main workplace concerns',
    note: 'a note on the member',
    survey: 'a survey answer',
  },
  from: (source: string) => ` (${source})`,
  separator: ' · ',
  termSeparator: ', ',
  more: (n: number) =>
    `${n} more ${n === 1 ? 'topic' : 'topics'} (all of them are on the monthly dashboard on screen).`,
  synonyms: 'Synonyms and related words',
  register: 'Add as a demand',
  registerTitle: (topic: string) => `Add “${topic}” as a demand`,
  fieldTitle: 'Demand title',
  fieldPriority: 'Priority',
  confirm: (n: number) => `${n} ${n === 1 ? 'member is' : 'members are'} linked to it.`,
  confirmNone: 'No member is linked (only anonymous answers speak of this).',
  confirmAnonymous: (n: number) =>
    `${n} anonymous ${n === 1 ? 'answer' : 'answers'} cannot be linked: nobody knows whose they are.`,
  submit: 'Add and link',
  submitting: 'Adding…',
};

export function useVoicesText(): VoicesMessages {
  const { lang } = useI18n();
  return (lang === 'ja' ? ja : en) as VoicesMessages;
}
