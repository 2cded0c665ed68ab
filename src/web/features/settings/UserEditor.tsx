import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { STAFF_ROLES, type StaffRole } from '../../../core/enums';
import { Field } from '../../components/Field';
import { QueryState } from '../../components/QueryState';
import { patch } from '../../http/client';
import type { User } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { authKeys } from '../auth/queries';
import { FormAlert, SavedNote, useFieldErrors } from './form-kit';
import { settingsFieldError, useSettingsText } from './messages';
import { useUser, useUserSaved, useWorkplaceOptions } from './queries';
import { UserTwoStepSection } from './TwoStepSettings';
import { WorkplacePicker } from './WorkplacePicker';

/** A PATCH of one user with the version read; the answer replaces the cached user. */
function useUserChange(user: User) {
  const saved = useUserSaved();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      patch<User>(`/users/${user.id}`, { ...body, version: user.version }),
    onSuccess: (next) => saved(next),
  });
}

const MIN_PASSWORD = 10;

/** After one's own sessions were ended by a change: back to the sign-in page. */
function useSignedOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return () => {
    queryClient.clear();
    queryClient.setQueryData(authKeys.me, null);
    navigate('/login', { replace: true });
  };
}

function RoleForm({ user, self, onReload }: { user: User; self: boolean; onReload: () => void }) {
  const { t } = useI18n();
  const u = useSettingsText().users;
  const workplaces = useWorkplaceOptions();
  const [role, setRole] = useState<StaffRole>(user.role);
  const [workplaceIds, setWorkplaceIds] = useState(user.workplaceIds);
  const [note, setNote] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const change = useUserChange(user);
  const fieldError = useFieldErrors(change.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (role !== user.role) body.role = role;
    if (role === 'rep') body.workplaceIds = workplaceIds;
    change.mutate(body, {
      onSuccess: () => {
        setNote(u.roleSaved);
        // One's own role changed: the navigation and this page follow it.
        if (self) void queryClient.invalidateQueries({ queryKey: authKeys.me });
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormAlert error={change.error} shownFields={['role', 'workplaceIds']} onReload={onReload} />
      <Field label={u.role} hint={self ? u.selfRole : undefined} error={fieldError('role')}>
        {(props) => (
          <select
            {...props}
            value={role}
            onChange={(e) => {
              setRole(e.target.value as StaffRole);
              setNote(null);
            }}
          >
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t.enums.staffRole[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role === 'rep' && (
        <WorkplacePicker
          workplaces={workplaces.data}
          selected={workplaceIds}
          onChange={(ids) => {
            setWorkplaceIds(ids);
            setNote(null);
          }}
          error={fieldError('workplaceIds')}
        />
      )}
      <div className="form-actions settings-actions">
        <SavedNote text={note} />
        <button type="submit" className="primary" disabled={change.isPending}>
          {change.isPending ? t.common.saving : role === 'rep' ? u.saveRole : u.saveRoleOnly}
        </button>
      </div>
    </form>
  );
}

function StatusSection({ user, self, onReload }: { user: User; self: boolean; onReload: () => void }) {
  const { t, lang } = useI18n();
  const u = useSettingsText().users;
  const signOut = useSignedOut();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const change = useUserChange(user);
  const fieldError = useFieldErrors(change.error);
  // The server's refusal (the last enabled admin): its sentence in English, translated in Japanese.
  const refused =
    lang === 'en' && fieldError('disabled') && change.error instanceof Error
      ? change.error.message
      : fieldError('disabled');
  const setDisabled = (disabled: boolean) =>
    change.mutate(
      { disabled },
      {
        onError: () => setConfirming(false),
        onSuccess: () => {
          setConfirming(false);
          setNote(disabled ? u.disabledDone : u.enabledDone);
          // Disabling oneself ended one's own session.
          if (disabled && self) signOut();
        },
      },
    );

  return (
    <section className="user-section" aria-labelledby={`user-status-${user.id}`}>
      <h4 id={`user-status-${user.id}`}>{u.disableTitle}</h4>
      <p className="muted">{u.disableNote}</p>
      {refused ? (
        <p className="alert alert-error" role="alert">
          {refused}
        </p>
      ) : (
        <FormAlert error={change.error} shownFields={['disabled']} onReload={onReload} />
      )}
      {user.disabled ? (
        <button type="button" disabled={change.isPending} onClick={() => setDisabled(false)}>
          {u.enable}
        </button>
      ) : confirming ? (
        <div className="alert alert-warning" role="alert">
          <p className="alert-text">{self ? u.confirmDisableSelf : u.confirmDisable(user.displayName)}</p>
          <div className="settings-inline-actions">
            <button
              type="button"
              className="danger"
              disabled={change.isPending}
              onClick={() => setDisabled(true)}
            >
              {u.disable}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t.common.cancel}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {u.disable}
        </button>
      )}
      <SavedNote text={note} />
    </section>
  );
}

function PasswordSection({ user, self, onReload }: { user: User; self: boolean; onReload: () => void }) {
  const u = useSettingsText().users;
  const signOut = useSignedOut();
  const { lang } = useI18n();
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const change = useUserChange(user);
  const fieldError = useFieldErrors(change.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The one rule of this form is checked here; the server checks it again.
    setTooShort(password.length < MIN_PASSWORD);
    if (password.length < MIN_PASSWORD) return;
    change.mutate(
      { password },
      {
        onSuccess: () => {
          setPassword('');
          setNote(u.passwordDone);
          // One's own sessions end too: sign in again with the new password.
          if (self) signOut();
        },
      },
    );
  };
  return (
    <section className="user-section" aria-labelledby={`user-password-${user.id}`}>
      <h4 id={`user-password-${user.id}`}>{u.passwordTitle}</h4>
      <p className="muted">{self ? u.selfPasswordNote : u.resetPasswordNote}</p>
      <form onSubmit={submit} noValidate className="password-form">
        <FormAlert error={change.error} shownFields={['password']} onReload={onReload} />
        <Field
          label={u.newPassword}
          hint={u.passwordHint}
          error={
            tooShort
              ? settingsFieldError(`must be at least ${MIN_PASSWORD} characters`, lang)
              : fieldError('password')
          }
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              minLength={10}
              maxLength={200}
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setTooShort(false);
                setNote(null);
              }}
            />
          )}
        </Field>
        <button type="submit" disabled={change.isPending || password === ''}>
          {u.resetPassword}
        </button>
      </form>
      <SavedNote text={note} />
    </section>
  );
}

/** One staff user's account (its own URL: /settings?tab=users&user=<id>). */
export function UserEditor({
  id,
  meId,
  onClose,
}: {
  id: string;
  meId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const s = useSettingsText();
  const u = s.users;
  const user = useUser(id);
  // After a reload (409) the role form starts again from the latest values.
  const [generation, setGeneration] = useState(0);
  const reload = () => {
    void user.refetch().then(() => setGeneration((g) => g + 1));
  };
  const data = user.data;
  const self = data?.id === meId;
  // Opened from the table below: take the keyboard (and a phone's view) to the account.
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = Boolean(data);
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  return (
    <section className="card settings-card user-editor" aria-labelledby="user-editor-title">
      <QueryState isLoading={user.isLoading} error={user.error} onRetry={reload}>
        {data && (
          <>
            <header className="user-editor-head">
              <h3 id="user-editor-title" ref={heading} tabIndex={-1}>
                {u.editTitle(data.displayName)}
                {self && u.you}
              </h3>
              <button type="button" onClick={onClose}>
                {u.closeEditor}
              </button>
            </header>
            <p className="user-editor-facts">
              <span>{data.email}</span>
              <span className={`user-state ${data.disabled ? 'user-off' : 'user-on'}`}>
                {data.disabled ? u.disabled : u.enabled}
              </span>
              <span>{t.enums.staffRole[data.role]}</span>
            </p>
            <RoleForm key={generation} user={data} self={self} onReload={reload} />
            <StatusSection user={data} self={self} onReload={reload} />
            <PasswordSection user={data} self={self} onReload={reload} />
            <UserTwoStepSection userId={data.id} displayName={data.displayName} />
          </>
        )}
      </QueryState>
    </section>
  );
}
