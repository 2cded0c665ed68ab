import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/form';
import { QueryState } from '../../components/QueryState';
import { ApiError, get, patch, post } from '../../http/client';
import { type Lang, useI18n } from '../../i18n/I18nProvider';
import { accountFieldError } from './messages';

type Digest = 'daily' | 'weekly' | 'none';
type MailStatus = { configured: boolean; reason: string | null };
type Notifications = { digest: Digest; digestTime: string; mail: MailStatus };

const keys = { notifications: ['account', 'notifications'] as const, mail: ['mail', 'status'] as const };

const TEXT = {
  ja: {
    title: 'メールでのお知らせ',
    intro:
      '期日の近いタスク・次のアクション・案件、今週の交渉期日と職場集会をメールでまとめてお知らせします。何もない日は送りません。',
    digest: '配信',
    none: '受け取らない',
    daily: '毎日',
    weekly: '毎週月曜日',
    time: '時刻（組織のタイムゾーン）',
    save: '保存',
    saved: (d: Digest, time: string) =>
      d === 'none'
        ? '保存しました。メールでのお知らせは届きません。'
        : `保存しました。${d === 'daily' ? '毎日' : '毎週月曜日'} ${time} にお知らせします。`,
    off: 'メールの送信が設定されていないため、お知らせは届きません（管理者が SMTP_URL と MAIL_FROM を設定します）。',
    test: 'テストメールを送信',
    testIntro: '自分のアドレスにテストメールを送り、メールの設定を確かめます。',
    testSent: 'テストメールを送信しました。受信箱を確認してください。',
    testFailed: (code: string) => `送信できませんでした（${code}）。SMTP_URL の設定を確認してください。`,
    mailTitle: 'メールの送信',
    mailOn: 'メールの送信は設定されています。',
  },
  en: {
    title: 'E-mail reminders',
    intro:
      "A digest of tasks, next actions and cases due soon, and this week's negotiation dates and workplace meetings. Nothing due, no mail.",
    digest: 'Send',
    none: 'Never',
    daily: 'Daily',
    weekly: 'Weekly on Monday',
    time: "Time (the organization's time zone)",
    save: 'Save',
    saved: (d: Digest, time: string) =>
      d === 'none'
        ? 'Saved. You will get no e-mail reminders.'
        : `Saved. Reminders come ${d === 'daily' ? 'daily' : 'on Mondays'} at ${time}.`,
    off: 'Mail is not configured, so no reminders are sent (an administrator sets SMTP_URL and MAIL_FROM).',
    test: 'Send a test mail',
    testIntro: 'Sends a test message to your own address to check the mail settings.',
    testSent: 'Test mail sent. Check your inbox.',
    testFailed: (code: string) => `Could not send (${code}). Check SMTP_URL.`,
    mailTitle: 'Outgoing mail',
    mailOn: 'Mail is configured.',
  },
} as const;

const textOf = (lang: Lang) => TEXT[lang === 'en' ? 'en' : 'ja'];

function TestMailButton() {
  const t = textOf(useI18n().lang);
  const send = useMutation({ mutationFn: () => post<{ sent: true }>('/mail/test') });
  // The server names the SMTP error code in the message: "… (SMTP_451)".
  const code = send.error?.message.match(/\(([A-Z0-9_]+)\)/)?.[1] ?? 'ESEND';
  return (
    <div className="digest-test">
      <p className="muted">{t.testIntro}</p>
      <button type="button" disabled={send.isPending} onClick={() => send.mutate()}>
        {t.test}
      </button>
      <p className="settings-saved" role="status">
        {send.isSuccess ? t.testSent : ''}
      </p>
      {send.error && (
        <p className="alert alert-error" role="alert">
          {t.testFailed(code)}
        </p>
      )}
    </div>
  );
}

/** 設定 (admin): whether mail is configured, and the test mail. */
export function MailSettings() {
  const t = textOf(useI18n().lang);
  const status = useQuery({ queryKey: keys.mail, queryFn: () => get<MailStatus>('/mail/status') });
  return (
    <section className="card" aria-labelledby="mail-settings">
      <h2 id="mail-settings">{t.mailTitle}</h2>
      <QueryState isLoading={status.isLoading} error={status.error}>
        {status.data?.configured ? (
          <>
            <p>{t.mailOn}</p>
            <TestMailButton />
          </>
        ) : (
          <p className="alert alert-warning">{t.off}</p>
        )}
      </QueryState>
    </section>
  );
}

function DigestForm({ current, isAdmin }: { current: Notifications; isAdmin: boolean }) {
  const { lang } = useI18n();
  const t = textOf(lang);
  const queryClient = useQueryClient();
  const [digest, setDigest] = useState<Digest>(current.digest);
  const [digestTime, setDigestTime] = useState(current.digestTime);
  const [note, setNote] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => patch<Notifications>('/auth/me/notifications', { digest, digestTime }),
    onSuccess: (next) => {
      queryClient.setQueryData(keys.notifications, next);
      setNote(t.saved(next.digest, next.digestTime));
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fields : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      {!current.mail.configured && (
        <p className="alert alert-warning" role="note">
          {t.off}
        </p>
      )}
      <FormAlert error={save.error} shownFields={['digest', 'digestTime']} />
      <fieldset>
        <legend>{t.digest}</legend>
        {(['none', 'daily', 'weekly'] as const).map((value) => (
          <label key={value} className="digest-choice">
            <input
              type="radio"
              name="digest"
              value={value}
              checked={digest === value}
              onChange={() => setDigest(value)}
            />{' '}
            {t[value]}
          </label>
        ))}
      </fieldset>
      <Field label={t.time} error={accountFieldError(fields.digestTime, lang)}>
        {(props) => (
          <input
            {...props}
            type="time"
            step={60}
            value={digestTime}
            disabled={digest === 'none'}
            onChange={(e) => setDigestTime(e.target.value)}
          />
        )}
      </Field>
      <p className="settings-saved" role="status">
        {note}
      </p>
      <button type="submit" className="primary" disabled={save.isPending}>
        {t.save}
      </button>
      {isAdmin && current.mail.configured && <TestMailButton />}
    </form>
  );
}

/** アカウント: the user's own e-mail digest (daily, weekly or none, and its time). */
export function DigestSection({ isAdmin }: { isAdmin: boolean }) {
  const t = textOf(useI18n().lang);
  const current = useQuery({
    queryKey: keys.notifications,
    queryFn: () => get<Notifications>('/auth/me/notifications'),
  });
  return (
    <section className="card account-card" aria-labelledby="account-digest">
      <h2 id="account-digest">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      <QueryState isLoading={current.isLoading} error={current.error}>
        {current.data && <DigestForm current={current.data} isAdmin={isAdmin} />}
      </QueryState>
    </section>
  );
}
