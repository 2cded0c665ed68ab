import { useI18n } from '../../i18n/I18nProvider';

/** Strings of the top bar's search box (検索). */
export const ja = {
  label: '検索',
  placeholder: '組合員・職場・要求・タスクを検索',
  shortcut: '「/」または Ctrl+K で検索',
  results: '検索結果',
  groups: { members: '組合員', workplaces: '職場', demands: '要求', tasks: 'タスク' },
  seeAll: {
    members: '組合員一覧で続きを見る',
    workplaces: '職場一覧で続きを見る',
    demands: '要求一覧で続きを見る',
    tasks: 'タスク一覧で続きを見る',
  },
  left: '脱退',
  due: (date: string) => `期日 ${date}`,
  done: '完了',
  searching: '検索中…',
  none: (q: string) => `「${q}」に一致するものはありません`,
  found: (n: number) => `${n}件見つかりました。上下キーで選び、Enterで開きます`,
  membersNeedMore: '組合員とタスクは2文字以上で検索します',
  failed: '検索できませんでした',
};
export type SearchMessages = typeof ja;

export const en: SearchMessages = {
  label: 'Search',
  placeholder: 'Search members, workplaces, demands, tasks',
  shortcut: 'Press / or Ctrl+K to search',
  results: 'Search results',
  groups: { members: 'Members', workplaces: 'Workplaces', demands: 'Demands', tasks: 'Tasks' },
  seeAll: {
    members: 'More in the member list',
    workplaces: 'More in the workplace list',
    demands: 'More in the demand list',
    tasks: 'More in the task list',
  },
  left: 'Left',
  due: (date: string) => `Due ${date}`,
  done: 'Done',
  searching: 'Searching…',
  none: (q: string) => `Nothing matches “${q}”`,
  found: (n: number) => `${n} found. Use the arrow keys to choose, Enter to open`,
  membersNeedMore: 'Members and tasks are searched from 2 characters',
  failed: 'The search failed',
};

export function useSearchText(): SearchMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
