import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { QueryState } from '../../components/QueryState';
import { patch } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { enabledStaff, type StaffOption, useStaffOptions } from '../users/queries';
import { BackupStatus } from './BackupStatus';
import { FormAlert, SavedNote, useFieldErrors } from './form-kit';
import { useSettingsText } from './messages';
import { type Settings, useSettings, useSettingsSaved } from './queries';
import { TwoStepSettings } from './TwoStepSettings';

/** Common zones, Japan first; any other IANA name can be typed (the server checks it). */
export const TIME_ZONES = [
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Shanghai',
  'Asia/Taipei',
  'Asia/Hong_Kong',
  'Asia/Manila',
  'Asia/Singapore',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Honolulu',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'UTC',
] as const;
const OTHER = '__other';

function zoneLabel(zone: string): string {
  try {
    const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return offset ? `${zone} (${offset.replace('GMT', 'UTC')})` : zone;
  } catch {
    return zone;
  }
}

type Values = {
  organizationName: string;
  timezoneChoice: string;
  timezoneCustom: string;
  shuntoStartOn: string;
  milestoneYears: string;
  secretaryGeneralUserId: string;
};

function valuesOf(s: Settings): Values {
  const known = (TIME_ZONES as readonly string[]).includes(s.timezone);
  return {
    organizationName: s.organizationName,
    timezoneChoice: known ? s.timezone : OTHER,
    timezoneCustom: known ? '' : s.timezone,
    shuntoStartOn: s.shuntoStartOn ?? '',
    milestoneYears: s.milestoneYears.join(', '),
    secretaryGeneralUserId: s.secretaryGeneralUserId ?? '',
  };
}

/** "5、１０ 20" → [5, 10, 20]; null when something is not a whole number. */
export function parseYears(text: string): number[] | null {
  const parts = text
    .normalize('NFKC')
    .split(/[\s,、]+/)
    .filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  return parts.map(Number);
}

/** Only what changed, so a save never overwrites a field nobody touched. */
export function changesOf(initial: Settings, v: Values, years: number[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const timezone = v.timezoneChoice === OTHER ? v.timezoneCustom.trim() : v.timezoneChoice;
  if (v.organizationName !== initial.organizationName) body.organizationName = v.organizationName;
  if (timezone !== initial.timezone) body.timezone = timezone;
  if ((v.shuntoStartOn || null) !== initial.shuntoStartOn) body.shuntoStartOn = v.shuntoStartOn || null;
  if (years.join(',') !== initial.milestoneYears.join(',')) body.milestoneYears = years;
  if ((v.secretaryGeneralUserId || null) !== initial.secretaryGeneralUserId) {
    body.secretaryGeneralUserId = v.secretaryGeneralUserId || null;
  }
  return body;
}

const SHOWN = ['organizationName', 'timezone', 'shuntoStartOn', 'milestoneYears', 'secretaryGeneralUserId'];

function OrganizationForm({
  initial,
  staff,
  onSaved,
  onReload,
}: {
  initial: Settings;
  staff: StaffOption[] | null | undefined;
  onSaved: (s: Settings) => void;
  /** Fetches the latest settings (after a 409). */
  onReload: () => Promise<Settings | undefined>;
}) {
  const { t, formatDateTime } = useI18n();
  const s = useSettingsText();
  const o = s.organization;
  // What the typed values are based on: its version goes with the save.
  const [base, setBase] = useState(initial);
  const [values, setValues] = useState(() => valuesOf(initial));
  const [yearsInvalid, setYearsInvalid] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setNote(null);
  };
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      patch<Settings>('/settings', { ...body, version: base.version }),
    onSuccess: (saved) => {
      setBase(saved);
      setValues(valuesOf(saved));
      setNote(s.saved);
      onSaved(saved);
    },
  });
  const fieldError = useFieldErrors(save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const years = parseYears(values.milestoneYears);
    setYearsInvalid(years === null);
    if (years === null) return;
    const body = changesOf(base, values, years);
    if (Object.keys(body).length === 0) {
      save.reset();
      setNote(o.noChanges);
      return;
    }
    save.mutate(body);
  };

  const reload = async () => {
    const latest = await onReload();
    if (!latest) return;
    save.reset();
    setBase(latest);
    setValues(valuesOf(latest));
    setYearsInvalid(false);
  };

  const current = base.secretaryGeneralUserId;
  const options = enabledStaff(staff) ?? [];
  const currentMissing = current && !options.some((u) => u.id === current);
  const timezoneError = fieldError('timezone');
  return (
    <form
      className="card settings-card settings-org"
      onSubmit={submit}
      noValidate
      aria-labelledby="settings-org-title"
    >
      <h2 id="settings-org-title">{o.title}</h2>
      <p className="muted">{o.intro}</p>
      <FormAlert error={save.error} shownFields={SHOWN} onReload={reload} />
      <div className="form-grid">
        <Field label={o.organizationName} required error={fieldError('organizationName')}>
          {(props) => (
            <input
              {...props}
              value={values.organizationName}
              maxLength={100}
              autoComplete="organization"
              onChange={(e) => set('organizationName', e.target.value)}
            />
          )}
        </Field>
        <Field label={o.timezone} error={values.timezoneChoice === OTHER ? undefined : timezoneError}>
          {(props) => (
            <select
              {...props}
              value={values.timezoneChoice}
              onChange={(e) => set('timezoneChoice', e.target.value)}
            >
              {TIME_ZONES.map((z) => (
                <option key={z} value={z}>
                  {zoneLabel(z)}
                </option>
              ))}
              <option value={OTHER}>{o.timezoneOther}</option>
            </select>
          )}
        </Field>
        {values.timezoneChoice === OTHER && (
          <Field label={o.timezoneCustom} hint={o.timezoneCustomHint} error={timezoneError}>
            {(props) => (
              <input
                {...props}
                value={values.timezoneCustom}
                spellCheck={false}
                autoCapitalize="off"
                onChange={(e) => set('timezoneCustom', e.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={o.shuntoStartOn} hint={o.shuntoStartOnHint} error={fieldError('shuntoStartOn')}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={values.shuntoStartOn}
              onChange={(e) => set('shuntoStartOn', e.target.value)}
            />
          )}
        </Field>
        <Field
          label={o.milestoneYears}
          hint={o.milestoneYearsHint}
          error={yearsInvalid ? o.milestoneYearsInvalid : fieldError('milestoneYears')}
        >
          {(props) => (
            <input
              {...props}
              value={values.milestoneYears}
              inputMode="numeric"
              onChange={(e) => {
                set('milestoneYears', e.target.value);
                setYearsInvalid(false);
              }}
            />
          )}
        </Field>
        {staff && (
          <Field
            label={o.secretaryGeneral}
            hint={o.secretaryGeneralHint}
            error={fieldError('secretaryGeneralUserId')}
          >
            {(props) => (
              <select
                {...props}
                value={values.secretaryGeneralUserId}
                onChange={(e) => set('secretaryGeneralUserId', e.target.value)}
              >
                <option value="">{t.common.none}</option>
                {currentMissing && (
                  <option value={current}>{o.disabledUser(base.secretaryGeneralName ?? current)}</option>
                )}
                {options.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                    {s.paren(t.enums.staffRole[u.role])}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <div className="form-actions settings-actions">
        <SavedNote text={note} />
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
      <p className="muted settings-updated">{o.updatedAt(formatDateTime(base.updatedAt))}</p>
    </form>
  );
}

/** 組織の設定: name, time zone, 春闘開始日, milestones and 書記長. */
export function OrganizationSettings() {
  const settings = useSettings();
  const staff = useStaffOptions();
  const saved = useSettingsSaved();
  return (
    <QueryState isLoading={settings.isLoading} error={settings.error} onRetry={() => settings.refetch()}>
      {settings.data && (
        <OrganizationForm
          initial={settings.data}
          staff={staff.data}
          onSaved={saved}
          onReload={async () => (await settings.refetch()).data}
        />
      )}
      <TwoStepSettings />
      {settings.data && <BackupStatus lastBackup={settings.data.lastBackup} />}
    </QueryState>
  );
}
