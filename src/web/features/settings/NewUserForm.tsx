import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { STAFF_ROLES, type StaffRole } from '../../../core/enums';
import { Field } from '../../components/Field';
import { post } from '../../http/client';
import type { User } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useFieldErrors } from './form-kit';
import { useSettingsText } from './messages';
import { useUserSaved, useWorkplaceOptions } from './queries';
import { WorkplacePicker } from './WorkplacePicker';

const SHOWN = ['email', 'displayName', 'role', 'password', 'workplaceIds'];

/** Creates a staff user; a rep gets the workplaces whose members they may see. */
export function NewUserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (user: User) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const u = useSettingsText().users;
  const workplaces = useWorkplaceOptions();
  const userSaved = useUserSaved();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('officer');
  const [password, setPassword] = useState('');
  const [workplaceIds, setWorkplaceIds] = useState<string[]>([]);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const create = useMutation({
    mutationFn: () =>
      post<User>('/users', {
        email,
        displayName,
        role,
        password,
        workplaceIds: role === 'rep' ? workplaceIds : [],
      }),
    onSuccess: (user) => {
      userSaved(user);
      onCreated(user);
    },
  });
  const fieldError = useFieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <form className="card settings-card" onSubmit={submit} noValidate aria-labelledby="settings-new-user">
      <h3 id="settings-new-user">{u.addTitle}</h3>
      <FormAlert error={create.error} shownFields={SHOWN} />
      <div className="form-grid">
        <Field label={u.email} required error={fieldError('email')}>
          {(props) => (
            <input
              {...props}
              ref={first}
              type="email"
              autoComplete="off"
              value={email}
              maxLength={254}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={u.displayName} required error={fieldError('displayName')}>
          {(props) => (
            <input
              {...props}
              value={displayName}
              maxLength={100}
              autoComplete="off"
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
        </Field>
        <Field label={u.role} required error={fieldError('role')}>
          {(props) => (
            <select {...props} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t.enums.staffRole[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={u.password} required hint={u.passwordHint} error={fieldError('password')}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              minLength={10}
              maxLength={200}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
      </div>
      {role === 'rep' && (
        <WorkplacePicker
          workplaces={workplaces.data}
          selected={workplaceIds}
          onChange={setWorkplaceIds}
          error={fieldError('workplaceIds')}
        />
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t.common.saving : u.createSubmit}
        </button>
      </div>
    </form>
  );
}
