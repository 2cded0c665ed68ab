import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/form';
import { QueryState } from '../../components/QueryState';
import { ApiError, del, patch, post } from '../../http/client';
import type { Me } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { authKeys, useMe } from '../auth/queries';
import { CalendarFeedsSection } from './CalendarFeeds';
import { DigestSection } from './MailNotifications';
import { accountFieldError, useAccountText } from './messages';
import { type ApiToken, accountKeys, describeUserAgent, useOwnSessions, useOwnTokens } from './queries';
import { TwoStepSection } from './TwoStep';
import './account.css';

function ProfileSection({ me }: { me: Me }) {
  const { lang, setLang } = useI18n();
  const a = useAccountText().profile;
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [language, setLanguage] = useState<string>(me.language ?? '');
  const [note, setNote] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => patch<Me>('/auth/me', { displayName, language: language || null, version: me.version }),
    onSuccess: (next) => {
      queryClient.setQueryData(authKeys.me, next);
      if (next.language) setLang(next.language);
      setNote(a.saved);
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fields : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    save.mutate();
  };
  return (
    <section className="card account-card" aria-labelledby="account-profile">
      <h2 id="account-profile">{a.title}</h2>
      <form onSubmit={submit} noValidate>
        <FormAlert
          error={save.error}
          shownFields={['displayName', 'language']}
          onReload={() => void queryClient.invalidateQueries({ queryKey: authKeys.me })}
        />
        <Field label={a.displayName} required error={accountFieldError(fields.displayName, lang)}>
          {(props) => (
            <input
              {...props}
              value={displayName}
              maxLength={100}
              autoComplete="name"
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
        </Field>
        <Field label={a.language} error={accountFieldError(fields.language, lang)}>
          {(props) => (
            <select {...props} value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">{a.languageBrowser}</option>
              <option value="ja" lang="ja">
                {a.ja}
              </option>
              <option value="en" lang="en">
                {a.en}
              </option>
            </select>
          )}
        </Field>
        <p className="settings-saved" role="status">
          {note}
        </p>
        <button type="submit" className="primary" disabled={save.isPending}>
          {a.save}
        </button>
      </form>
    </section>
  );
}

function PasswordSection() {
  const { lang } = useI18n();
  const a = useAccountText().password;
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () =>
      post('/auth/password', { currentPassword: form.currentPassword, newPassword: form.newPassword }),
    onSuccess: () => {
      setForm({ currentPassword: '', newPassword: '', confirm: '' });
      setNote(a.done);
      void queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  });
  const fields = change.error instanceof ApiError ? change.error.fields : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    const differs = form.newPassword !== form.confirm;
    setMismatch(differs);
    if (!differs) change.mutate();
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <section className="card account-card" aria-labelledby="account-password">
      <h2 id="account-password">{a.title}</h2>
      <p className="muted">{a.intro}</p>
      <form onSubmit={submit} noValidate>
        {change.error instanceof ApiError && change.error.status === 429 && (
          <p className="alert alert-error" role="alert">
            {a.throttled}
          </p>
        )}
        <Field label={a.current} required error={accountFieldError(fields.currentPassword, lang)}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={form.currentPassword}
              onChange={set('currentPassword')}
            />
          )}
        </Field>
        <Field label={a.next} required hint={a.nextHint} error={accountFieldError(fields.newPassword, lang)}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={form.newPassword}
              onChange={set('newPassword')}
            />
          )}
        </Field>
        <Field label={a.confirm} required error={mismatch ? a.mismatch : undefined}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={form.confirm}
              onChange={set('confirm')}
            />
          )}
        </Field>
        <p className="settings-saved" role="status">
          {note}
        </p>
        <button type="submit" className="primary" disabled={change.isPending}>
          {a.submit}
        </button>
      </form>
    </section>
  );
}

function SessionsSection() {
  const { formatDateTime } = useI18n();
  const a = useAccountText().sessions;
  const sessions = useOwnSessions();
  const queryClient = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (id: string) => del(`/auth/sessions/${id}`),
    onSuccess: () => {
      setNote(a.ended);
      void queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  });
  return (
    <section className="card account-card" aria-labelledby="account-sessions">
      <h2 id="account-sessions">{a.title}</h2>
      <p className="settings-saved" role="status">
        {note}
      </p>
      <QueryState isLoading={sessions.isLoading} error={sessions.error} onRetry={() => sessions.refetch()}>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{a.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{a.device}</th>
                <th scope="col">{a.signedInAt}</th>
                <th scope="col">{a.lastSeenAt}</th>
                <th scope="col">
                  <span className="visually-hidden">{a.end}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data?.map((s) => {
                const device = describeUserAgent(s.userAgent) ?? a.unknownDevice;
                return (
                  <tr key={s.id}>
                    <td title={s.userAgent ?? undefined}>
                      {device}
                      {s.current && <span className="chip account-current">{a.current}</span>}
                    </td>
                    <td>{formatDateTime(s.createdAt)}</td>
                    <td>{formatDateTime(s.lastSeenAt)}</td>
                    <td>
                      {!s.current && (
                        <button
                          type="button"
                          aria-label={a.endLabel(device)}
                          disabled={end.isPending}
                          onClick={() => end.mutate(s.id)}
                        >
                          {a.end}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </QueryState>
    </section>
  );
}

function TokensSection() {
  const { lang, formatDateTime } = useI18n();
  const a = useAccountText().tokens;
  const tokens = useOwnTokens();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => post<ApiToken & { token: string }>('/tokens', { name }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: accountKeys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/tokens/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  return (
    <section className="card account-card" aria-labelledby="account-tokens">
      <h2 id="account-tokens">{a.title}</h2>
      <p className="muted">{a.intro}</p>
      <form
        className="account-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
        noValidate
      >
        <Field label={a.name} required error={accountFieldError(fields.name, lang)}>
          {(props) => (
            <input {...props} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <button type="submit" disabled={create.isPending}>
          {a.create}
        </button>
      </form>
      {create.data && (
        <div className="alert alert-success" role="status">
          <p>{a.created}</p>
          <code className="account-new-token">{create.data.token}</code>
        </div>
      )}
      <QueryState isLoading={tokens.isLoading} error={tokens.error} onRetry={() => tokens.refetch()}>
        {tokens.data?.length ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{a.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{a.name}</th>
                  <th scope="col">{a.prefix}</th>
                  <th scope="col">{a.createdAt}</th>
                  <th scope="col">{a.lastUsedAt}</th>
                  <th scope="col">
                    <span className="visually-hidden">{a.revoke}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>{formatDateTime(token.createdAt)}</td>
                    <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : a.never}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={a.revokeLabel(token.name)}
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(a.confirmRevoke(token.name))) revoke.mutate(token.id);
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

/** アカウント: every role's own name, language, password, sessions, API tokens and two-step sign-in. */
export default function AccountPage() {
  const me = useMe();
  const a = useAccountText();
  return (
    <div className="account-page">
      <h1>{a.title}</h1>
      <p className="muted">{a.intro}</p>
      {me.data && (
        <>
          <ProfileSection key={me.data.id} me={me.data} />
          <PasswordSection />
          <TwoStepSection me={me.data} />
          <DigestSection isAdmin={me.data.role === 'admin'} />
          <SessionsSection />
          <TokensSection />
          <CalendarFeedsSection />
        </>
      )}
    </div>
  );
}
