import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/form';
import { QueryState } from '../../components/QueryState';
import { del, get, post } from '../../http/client';
import { type Lang, useI18n } from '../../i18n/I18nProvider';

type FeedKind = 'tasks' | 'negotiations' | 'meetings';
type CalendarFeed = {
  id: string;
  kind: FeedKind;
  includeNames: boolean;
  createdAt: string;
  lastFetchedAt: string | null;
  lastClient: string | null;
  active: boolean;
};
type CreatedFeed = { id: string; url: string; kind: FeedKind; includeNames: boolean; createdAt: string };

const feedsKey = ['account', 'calendar-feeds'] as const;

const TEXT = {
  ja: {
    title: 'カレンダー連携',
    intro:
      'Googleカレンダー・Outlook・iPhoneのカレンダーなどで購読できる、自分専用の秘密のURLを作ります。期日はその時点のあなたの担当範囲で毎回作られ、役割や担当職場が変わるとURLは使えなくなります。',
    kind: '内容',
    kinds: {
      tasks: '自分のタスクと次のアクション',
      negotiations: '交渉期日',
      meetings: '職場集会',
    } satisfies Record<FeedKind, string>,
    includeNames: '組合員の氏名を含める',
    includeNamesWarning:
      'カレンダーのサービス（Google、Microsoft、Appleなど）に組合員の氏名が渡ります。含めない場合は「フォロー（第一製造課）」のように種類と職場だけを表示します。相談案件の件名はどちらの場合も表示しません。',
    create: 'URLを作成',
    created:
      'このURLは今だけ表示されます。カレンダーアプリの「URLで追加」に貼り付けてください。URLを知っている人は誰でも予定を見られます。',
    url: 'カレンダーのURL',
    copy: 'URLをコピー',
    copied: 'コピーしました。',
    copyFailed: 'コピーできませんでした。URLを選択してコピーしてください。',
    subscribe: 'カレンダーアプリで開く（webcal）',
    caption: '作成したカレンダーのURL',
    createdAt: '作成',
    lastFetchedAt: '最終取得',
    lastClient: '取得したアプリ',
    names: '氏名',
    withNames: 'あり',
    withoutNames: 'なし',
    status: '状態',
    active: '有効',
    inactive: '無効（役割か担当職場が変わりました）',
    never: '未取得',
    revoke: '取り消す',
    revokeLabel: (kind: string) => `${kind}のURLを取り消す`,
    confirmRevoke: (kind: string) =>
      `「${kind}」のURLを取り消しますか？ このURLを購読しているカレンダーは更新されなくなります。`,
    none: 'まだありません。',
  },
  en: {
    title: 'Calendar feeds',
    intro:
      'Make a secret URL of your own to subscribe to in Google Calendar, Outlook or your phone’s calendar. Each fetch shows what you may see at that moment; the URL stops working when your role or workplaces change.',
    kind: 'Contents',
    kinds: {
      tasks: 'My tasks and next actions',
      negotiations: 'Negotiation dates',
      meetings: 'Workplace meetings',
    } satisfies Record<FeedKind, string>,
    includeNames: 'Include members’ names',
    includeNamesWarning:
      'Members’ names will reach the calendar service (Google, Microsoft, Apple…). Without them, items show the kind and the workplace only, e.g. “Follow-up (Assembly 1)”. Consultation case titles never appear.',
    create: 'Create URL',
    created:
      'This URL is shown only now. Paste it into your calendar app’s “add by URL”. Anyone who has it can see the items.',
    url: 'Calendar URL',
    copy: 'Copy URL',
    copied: 'Copied.',
    copyFailed: 'Could not copy. Select the URL and copy it.',
    subscribe: 'Open in a calendar app (webcal)',
    caption: 'Your calendar URLs',
    createdAt: 'Created',
    lastFetchedAt: 'Last fetched',
    lastClient: 'Fetched by',
    names: 'Names',
    withNames: 'Yes',
    withoutNames: 'No',
    status: 'Status',
    active: 'Active',
    inactive: 'Inactive (your role or workplaces changed)',
    never: 'Never',
    revoke: 'Revoke',
    revokeLabel: (kind: string) => `Revoke the ${kind} URL`,
    confirmRevoke: (kind: string) =>
      `Revoke the “${kind}” URL? Calendars subscribed to it will stop updating.`,
    none: 'None yet.',
  },
} satisfies Record<Lang, unknown>;

/** カレンダー連携: the user's own secret iCal feed URLs (shown once), listed, revoked. */
export function CalendarFeedsSection() {
  const { lang, formatDateTime } = useI18n();
  const a = TEXT[lang];
  const queryClient = useQueryClient();
  const feeds = useQuery({
    queryKey: feedsKey,
    queryFn: () => get<{ items: CalendarFeed[] }>('/calendar-feeds'),
  });
  const [kind, setKind] = useState<FeedKind>('tasks');
  const [includeNames, setIncludeNames] = useState(false);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => post<CreatedFeed>('/calendar-feeds', { kind, includeNames }),
    onSuccess: () => {
      setCopyNote(null);
      void queryClient.invalidateQueries({ queryKey: feedsKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/calendar-feeds/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: feedsKey }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopyNote(a.copied);
    } catch {
      setCopyNote(a.copyFailed);
    }
  };
  return (
    <section className="card account-card" aria-labelledby="account-calendar-feeds">
      <h2 id="account-calendar-feeds">{a.title}</h2>
      <p className="muted">{a.intro}</p>
      <form className="account-inline-form" onSubmit={submit} noValidate>
        <FormAlert error={create.error} shownFields={[]} />
        <Field label={a.kind}>
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as FeedKind)}>
              {(Object.keys(a.kinds) as FeedKind[]).map((k) => (
                <option key={k} value={k}>
                  {a.kinds[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeNames}
            onChange={(e) => setIncludeNames(e.target.checked)}
            aria-describedby="calendar-feed-names-warning"
          />
          {a.includeNames}
        </label>
        <p id="calendar-feed-names-warning" className={includeNames ? 'alert alert-warning' : 'muted'}>
          {a.includeNamesWarning}
        </p>
        <button type="submit" disabled={create.isPending}>
          {a.create}
        </button>
      </form>
      {create.data && (
        <div className="alert alert-success" role="status">
          <p>{a.created}</p>
          <label htmlFor="calendar-feed-url">{a.url}</label>
          <input
            id="calendar-feed-url"
            className="account-new-token"
            readOnly
            value={create.data.url}
            onFocus={(e) => e.currentTarget.select()}
          />
          <p>
            <button type="button" onClick={() => void copy(create.data.url)}>
              {a.copy}
            </button>{' '}
            <a href={create.data.url.replace(/^https?:/, 'webcal:')}>{a.subscribe}</a>
          </p>
          <p role="status">{copyNote}</p>
        </div>
      )}
      <QueryState isLoading={feeds.isLoading} error={feeds.error} onRetry={() => feeds.refetch()}>
        {feeds.data?.items.length ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{a.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{a.kind}</th>
                  <th scope="col">{a.names}</th>
                  <th scope="col">{a.createdAt}</th>
                  <th scope="col">{a.lastFetchedAt}</th>
                  <th scope="col">{a.lastClient}</th>
                  <th scope="col">{a.status}</th>
                  <th scope="col">
                    <span className="visually-hidden">{a.revoke}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {feeds.data.items.map((feed) => (
                  <tr key={feed.id}>
                    <td>{a.kinds[feed.kind]}</td>
                    <td>{feed.includeNames ? a.withNames : a.withoutNames}</td>
                    <td>{formatDateTime(feed.createdAt)}</td>
                    <td>{feed.lastFetchedAt ? formatDateTime(feed.lastFetchedAt) : a.never}</td>
                    <td>{feed.lastClient ?? '—'}</td>
                    <td>{feed.active ? a.active : a.inactive}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={a.revokeLabel(a.kinds[feed.kind])}
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(a.confirmRevoke(a.kinds[feed.kind]))) revoke.mutate(feed.id);
                        }}
                      >
                        {a.revoke}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{a.none}</p>
        )}
      </QueryState>
    </section>
  );
}
