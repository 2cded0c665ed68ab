import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { Field } from '../../components/Field';
import { ApiError, post } from '../../http/client';
import type { User } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { authKeys, useSetupState } from './queries';

/** First run: no user exists yet. Create the admin, optionally load the demo union. */
export default function SetupPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const setup = useSetupState();
  const [form, setForm] = useState({
    setupCode: '',
    email: '',
    displayName: '',
    password: '',
    loadDemo: true,
  });
  const create = useMutation({
    mutationFn: () => post<User>('/setup', form),
    onSuccess: async (user) => {
      queryClient.setQueryData(authKeys.me, user);
      // The answer is the user; /auth/session adds what their role allows: read it again.
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
      await queryClient.invalidateQueries({ queryKey: authKeys.setup });
      navigate('/', { replace: true });
    },
  });

  // Only before submitting: right after creating the admin, set-up is no longer needed
  // but the navigation to the app is already under way.
  if (setup.data && !setup.data.needsSetup && create.isIdle) return <Navigate to="/login" replace />;

  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const fieldError = (name: string) => (fields[name] ? translateFieldError(fields[name], lang) : undefined);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <main className="auth-page" id="main">
      <form className="card auth-card" onSubmit={onSubmit} noValidate>
        <h1>{t.auth.setupTitle}</h1>
        <p>{t.auth.setupIntro}</p>
        {create.error && !Object.keys(fields).length && (
          <p className="alert alert-error" role="alert">
            {(create.error as Error).message}
          </p>
        )}
        <Field label={t.auth.setupCode} required hint={t.auth.setupCodeHint} error={fieldError('setupCode')}>
          {(props) => (
            <input
              {...props}
              value={form.setupCode}
              onChange={(e) => setForm({ ...form, setupCode: e.target.value })}
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
            />
          )}
        </Field>
        <Field label={t.auth.displayName} required error={fieldError('displayName')}>
          {(props) => (
            <input
              {...props}
              value={form.displayName}
              onChange={(e) => setForm({ ...form, displayName: e.target.value })}
              autoComplete="name"
            />
          )}
        </Field>
        <Field label={t.auth.email} required error={fieldError('email')}>
          {(props) => (
            <input
              {...props}
              type="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
              autoComplete="username"
            />
          )}
        </Field>
        <Field label={t.auth.password} required hint={t.auth.passwordHint} error={fieldError('password')}>
          {(props) => (
            <input
              {...props}
              type="password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
              autoComplete="new-password"
            />
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.loadDemo}
            onChange={(e) => setForm({ ...form, loadDemo: e.target.checked })}
          />
          {t.auth.loadDemo}
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t.common.saving : t.auth.setupSubmit}
        </button>
      </form>
    </main>
  );
}
