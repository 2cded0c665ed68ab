import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Field } from '../../components/Field';
import { ApiError, post } from '../../http/client';
import type { User } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoginStepText } from './login-step-messages';
import { authKeys, useSetupState } from './queries';

export default function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const setup = useSetupState();
  const account = useLoginStepText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // The second step: after a right password, the account asks for a code (or a recovery code).
  const [step, setStep] = useState<'password' | 'code' | 'recovery'>('password');
  const [code, setCode] = useState('');
  const login = useMutation({
    mutationFn: () =>
      post<User | { totpRequired: true }>(
        '/auth/login',
        step === 'password' ? { email, password } : { email, password, code },
      ),
    onSuccess: (user) => {
      if ('totpRequired' in user) {
        setStep('code');
        setCode('');
        return;
      }
      queryClient.setQueryData(authKeys.me, user);
      // The answer is the user; /auth/session adds what their role allows: read it again.
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    },
  });

  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  const error = login.error instanceof ApiError ? login.error : undefined;

  if (step !== 'password') {
    const recovery = step === 'recovery';
    return (
      <main className="auth-page" id="main">
        <form className="card auth-card" onSubmit={onSubmit} noValidate>
          <h1>
            <span className="brand">{t.appName}</span> {account.codeTitle}
          </h1>
          <p>{recovery ? account.recoveryIntro : account.codeIntro}</p>
          {error && (
            <p className="alert alert-error" role="alert">
              {error.status === 429 ? t.auth.throttled : account.wrongCode}
            </p>
          )}
          <Field label={recovery ? account.recoveryCode : account.code} required>
            {(props) => (
              <input
                {...props}
                // biome-ignore lint/a11y/noAutofocus: the one field of this step, right after the password
                autoFocus
                value={code}
                onChange={(e) => setCode(e.target.value)}
                inputMode={recovery ? 'text' : 'numeric'}
                autoComplete="one-time-code"
                autoCapitalize="off"
                spellCheck={false}
                maxLength={recovery ? 20 : 10}
                required
              />
            )}
          </Field>
          <button type="submit" className="primary" disabled={login.isPending}>
            {account.submit}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              login.reset();
              setCode('');
              setStep(recovery ? 'code' : 'recovery');
            }}
          >
            {recovery ? account.useApp : account.useRecovery}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              login.reset();
              setPassword('');
              setStep('password');
            }}
          >
            {account.back}
          </button>
        </form>
      </main>
    );
  }

  return (
    <main className="auth-page" id="main">
      <form className="card auth-card" onSubmit={onSubmit} noValidate>
        <h1>
          <span className="brand">{t.appName}</span> {t.auth.title}
        </h1>
        {setup.data?.organizationName && <p className="muted">{setup.data.organizationName}</p>}
        {error && (
          <p className="alert alert-error" role="alert">
            {error.status === 429 ? t.auth.throttled : t.auth.failed}
          </p>
        )}
        <Field label={t.auth.email} required>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label={t.auth.password} required>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={login.isPending}>
          {t.auth.submit}
        </button>
      </form>
    </main>
  );
}
