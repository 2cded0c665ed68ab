import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { STAFF_ROLES, type StaffRole } from '../../../core/enums';
import { QueryState } from '../../components/QueryState';
import { get, patch, post } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, SavedNote } from './form-kit';
import { useTwoStepText } from './two-step-messages';

type TwoStepSettingsData = { totpRequiredRoles: StaffRole[]; version: number };
type UserTotpStatus = {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
};

const keys = {
  settings: ['settings', 'two-step'] as const,
  user: (id: string) => ['settings', 'user-totp', id] as const,
};

function RequiredRolesForm({ initial }: { initial: TwoStepSettingsData }) {
  const { t } = useI18n();
  const s = useTwoStepText();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(initial);
  const [roles, setRoles] = useState<StaffRole[]>(initial.totpRequiredRoles);
  const [note, setNote] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      patch<TwoStepSettingsData>('/settings/two-step', { totpRequiredRoles: roles, version: base.version }),
    onSuccess: (next) => {
      setBase(next);
      setRoles(next.totpRequiredRoles);
      setNote(s.saved);
      // The organization form shares the settings row's version.
      void queryClient.invalidateQueries({ queryKey: ['settings'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    save.mutate();
  };
  const reload = async () => {
    const latest = await get<TwoStepSettingsData>('/settings/two-step');
    save.reset();
    setBase(latest);
    setRoles(latest.totpRequiredRoles);
  };
  return (
    <form
      className="card settings-card"
      onSubmit={submit}
      noValidate
      aria-labelledby="settings-two-step-title"
    >
      <h2 id="settings-two-step-title">{s.requiredTitle}</h2>
      <p className="muted">{s.requiredIntro}</p>
      <FormAlert error={save.error} shownFields={['totpRequiredRoles']} onReload={reload} />
      <fieldset className="checkbox-group">
        <legend className="visually-hidden">{s.requiredTitle}</legend>
        {STAFF_ROLES.map((role) => (
          <label key={role} className="checkbox">
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(e) => {
                setNote(null);
                setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role));
              }}
            />
            {t.enums.staffRole[role]}
          </label>
        ))}
      </fieldset>
      <div className="form-actions settings-actions">
        <SavedNote text={note} />
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : s.save}
        </button>
      </div>
    </form>
  );
}

/** 組織の設定 › the roles that must use two-step sign-in. */
export function TwoStepSettings() {
  const settings = useQuery({
    queryKey: keys.settings,
    queryFn: () => get<TwoStepSettingsData>('/settings/two-step'),
  });
  return (
    <QueryState isLoading={settings.isLoading} error={settings.error} onRetry={() => settings.refetch()}>
      {settings.data && <RequiredRolesForm initial={settings.data} />}
    </QueryState>
  );
}

/** The user editor's two-step section: on or off, and an admin's reset (audited). */
export function UserTwoStepSection({ userId, displayName }: { userId: string; displayName: string }) {
  const { formatDateTime } = useI18n();
  const s = useTwoStepText();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: keys.user(userId),
    queryFn: () => get<UserTotpStatus>(`/users/${userId}/totp`),
  });
  const [note, setNote] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: () => post<UserTotpStatus>(`/users/${userId}/totp/reset`),
    onSuccess: (next) => {
      queryClient.setQueryData(keys.user(userId), next);
      setNote(s.resetDone);
    },
  });
  const data = status.data;
  return (
    <section className="user-section" aria-labelledby={`user-two-step-${userId}`}>
      <h4 id={`user-two-step-${userId}`}>{s.title}</h4>
      <QueryState isLoading={status.isLoading} error={status.error} onRetry={() => status.refetch()}>
        {data && (
          <>
            <p>
              {data.enabled ? s.on(formatDateTime(data.enabledAt)) : s.off}
              {data.enabled && ` · ${s.recoveryLeft(data.recoveryCodesLeft)}`}
              {data.required && ` · ${s.requiredNote}`}
            </p>
            <SavedNote text={note} />
            {data.enabled && (
              <button
                type="button"
                disabled={reset.isPending}
                onClick={() => {
                  if (window.confirm(s.confirmReset(displayName))) reset.mutate();
                }}
              >
                {s.reset}
              </button>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
