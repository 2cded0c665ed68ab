import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { QrCode } from '../../components/QrCode';
import { ApiError, post } from '../../http/client';
import type { Me } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { authKeys } from '../auth/queries';
import { accountFieldError, accountText, useAccountText } from './messages';
import type { TotpSetup } from './queries';

/** Ten one-time codes, shown once after two-step sign-in is turned on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const a = useAccountText().twoStep;
  return (
    <section className="recovery-codes" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title">{a.recoveryTitle}</h3>
      <p>{a.recoveryIntro}</p>
      <ul className="recovery-code-list" aria-label={a.recoveryTitle}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={onDone}>
        {a.recoveryDone}
      </button>
    </section>
  );
}

/**
 * Setting up an authenticator: a new secret (QR code and typed key), then a code from the app
 * turns it on and the recovery codes are shown once. `onEnabled` runs after they are put away.
 */
export function TotpSetupFlow({ onEnabled }: { onEnabled?: () => void }) {
  const { lang } = useI18n();
  const a = useAccountText().twoStep;
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const setup = useMutation({ mutationFn: () => post<TotpSetup>('/auth/totp/setup') });
  const enable = useMutation({
    mutationFn: () => post<{ recoveryCodes: string[] }>('/auth/totp/enable', { code }),
    onSuccess: (res) => setCodes(res.recoveryCodes),
  });
  const finish = () => {
    void queryClient.invalidateQueries({ queryKey: authKeys.me });
    onEnabled?.();
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={finish} />;
  if (!setup.data) {
    return (
      <div>
        {setup.error && (
          <p className="alert alert-error" role="alert">
            {(setup.error as Error).message}
          </p>
        )}
        <button type="button" className="primary" disabled={setup.isPending} onClick={() => setup.mutate()}>
          {a.start}
        </button>
      </div>
    );
  }
  const fields = enable.error instanceof ApiError ? enable.error.fields : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    enable.mutate();
  };
  return (
    <form className="totp-setup" onSubmit={submit} noValidate>
      <p>{a.scan}</p>
      <QrCode text={setup.data.otpauthUrl} label={a.qrLabel} size={180} />
      <p>
        {a.typeInstead} <code className="totp-secret">{setup.data.secret}</code>
      </p>
      <p>{a.enterCode}</p>
      <Field label={a.code} required error={accountFieldError(fields.code, lang)}>
        {(props) => (
          <input
            {...props}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={10}
          />
        )}
      </Field>
      {enable.error && !fields.code && (
        <p className="alert alert-error" role="alert">
          {(enable.error as Error).message}
        </p>
      )}
      <button type="submit" className="primary" disabled={enable.isPending}>
        {a.enable}
      </button>
    </form>
  );
}

/** The account page's two-step section: set up, or turn off with the password or a code. */
export function TwoStepSection({ me }: { me: Me }) {
  const { lang } = useI18n();
  const a = useAccountText().twoStep;
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const disable = useMutation({
    mutationFn: () => post('/auth/totp/disable', { password }),
    onSuccess: () => {
      setPassword('');
      setNote(a.disabled);
      void queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
  const fields = disable.error instanceof ApiError ? disable.error.fields : {};
  return (
    <section className="card account-card" aria-labelledby="account-two-step">
      <h2 id="account-two-step">{a.title}</h2>
      <p>{me.totpEnabled ? a.on : a.off}</p>
      {me.totpSetupRequired && <p className="alert alert-warning">{a.required}</p>}
      <p role="status" className="settings-saved">
        {note}
      </p>
      {me.totpEnabled ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            disable.mutate();
          }}
          noValidate
        >
          <h3>{a.disableTitle}</h3>
          <p className="muted">{a.disableIntro}</p>
          <Field label={a.disablePassword} required error={accountFieldError(fields.password, lang)}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          {disable.error instanceof ApiError && disable.error.status === 429 && (
            <p className="alert alert-error" role="alert">
              {accountText(lang).password.throttled}
            </p>
          )}
          <button type="submit" disabled={disable.isPending}>
            {a.disable}
          </button>
        </form>
      ) : (
        <TotpSetupFlow onEnabled={() => setNote(null)} />
      )}
    </section>
  );
}
