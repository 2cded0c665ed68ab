import { type FormEvent, useId, useState } from 'react';
import { NEGOTIATION_STATUSES, type NegotiationStatus, PRIORITIES, type Priority } from '../../../core/enums';
import { Field } from '../../components/Field';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, serverFields, textOrNull, useFocusOnMount } from '../workplaces/form-helpers';
import { useDemandText } from './messages';
import { useSeasons } from './queries';

export type DemandFormValues = {
  title: string;
  description: string;
  priority: Priority;
  status: NegotiationStatus;
  nextNegotiationOn: string;
  /** A season id, 'none' (no season), or undefined: not chosen, the current season (the server's default). */
  seasonId?: string | undefined;
};

export const emptyDemand: DemandFormValues = {
  title: '',
  description: '',
  priority: 'medium',
  status: 'not_submitted',
  nextNegotiationOn: '',
};

export function demandBody(v: DemandFormValues) {
  return {
    title: v.title,
    description: textOrNull(v.description),
    priority: v.priority,
    status: v.status,
    nextNegotiationOn: v.nextNegotiationOn || null,
    ...(v.seasonId === undefined ? {} : { seasonId: v.seasonId === 'none' ? null : v.seasonId }),
  };
}

const SHOWN = ['title', 'description', 'priority', 'status', 'nextNegotiationOn', 'seasonId'];

/** Registers a demand (交渉・要求) with every field of SPEC. */
export function DemandForm({
  error,
  pending,
  onSubmit,
  onCancel,
}: {
  error: unknown;
  pending: boolean;
  onSubmit: (body: ReturnType<typeof demandBody>) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const d = useDemandText();
  const titleId = useId();
  const [values, setValues] = useState(emptyDemand);
  const seasons = useSeasons();
  const currentId = seasons.data?.currentId ?? null;
  const first = useFocusOnMount<HTMLInputElement>();
  const set = <K extends keyof DemandFormValues>(key: K, value: DemandFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const fields = serverFields(error);
  const fieldError = (name: string) => (fields[name] ? translateFieldError(fields[name], lang) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(demandBody(values));
  };

  return (
    <form className="card dm-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{d.newDemandTitle}</h2>
      <FormAlert error={error} shownFields={SHOWN} translate={(m) => translateFieldError(m, lang)} />
      <Field label={d.fields.title} required error={fieldError('title')}>
        {(props) => (
          <input
            {...props}
            ref={first}
            value={values.title}
            maxLength={200}
            onChange={(e) => set('title', e.target.value)}
          />
        )}
      </Field>
      <div className="form-grid">
        <Field label={d.fields.priorityLong} error={fieldError('priority')}>
          {(props) => (
            <select
              {...props}
              value={values.priority}
              onChange={(e) => set('priority', e.target.value as Priority)}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t.enums.priority[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={d.fields.status} error={fieldError('status')}>
          {(props) => (
            <select
              {...props}
              value={values.status}
              onChange={(e) => set('status', e.target.value as NegotiationStatus)}
            >
              {NEGOTIATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t.enums.negotiationStatus[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={d.fields.nextNegotiationOn} error={fieldError('nextNegotiationOn')}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={values.nextNegotiationOn}
              onChange={(e) => set('nextNegotiationOn', e.target.value)}
            />
          )}
        </Field>
      </div>
      {(seasons.data?.items.length ?? 0) > 0 && (
        <Field label={d.season} error={fieldError('seasonId')}>
          {(props) => (
            <select
              {...props}
              value={values.seasonId ?? currentId ?? 'none'}
              onChange={(e) => set('seasonId', e.target.value)}
            >
              {seasons.data?.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id === currentId ? d.seasonCurrent(s.name) : s.name}
                </option>
              ))}
              <option value="none">{d.seasonNone}</option>
            </select>
          )}
        </Field>
      )}
      <Field label={d.fields.description} error={fieldError('description')}>
        {(props) => (
          <textarea
            {...props}
            value={values.description}
            maxLength={10000}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t.common.saving : t.common.create}
        </button>
      </div>
    </form>
  );
}
