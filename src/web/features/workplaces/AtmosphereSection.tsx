import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ATMOSPHERES, type Atmosphere } from '../../../core/enums';
import { useCan } from '../../components/access';
import { AtmosphereChip } from '../../components/Chips';
import { Field } from '../../components/Field';
import { EmptyState, QueryState } from '../../components/QueryState';
import { patch } from '../../http/client';
import type { Workplace } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, serverFields, useFocusOnMount, useReturnFocus } from './form-helpers';
import { useWorkplaceText, workplaceFieldError } from './messages';
import { useAtmosphereHistory, useInvalidateWorkplace, workplaceKeys } from './queries';

function AtmosphereForm({
  workplace,
  onReload,
  onDone,
}: {
  workplace: Workplace;
  onReload: () => Promise<Workplace | undefined>;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const w = useWorkplaceText();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateWorkplace();
  // The version the officer saw when deciding; a newer one elsewhere is a conflict, not overwritten.
  const [baseVersion, setBaseVersion] = useState(workplace.version);
  const [atmosphere, setAtmosphere] = useState<Atmosphere>(
    ATMOSPHERES.find((a) => a !== workplace.atmosphere) ?? 'normal',
  );
  const [reason, setReason] = useState('');
  const first = useFocusOnMount<HTMLSelectElement>();
  const [unchanged, setUnchanged] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      patch<Workplace>(`/workplaces/${workplace.id}`, {
        version: baseVersion,
        atmosphere,
        atmosphereReason: reason.trim() === '' ? null : reason,
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(workplaceKeys.detail(updated.id), updated);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workplaceKeys.atmosphereHistory(updated.id) }),
        invalidate(updated.id),
      ]);
      onDone();
    },
  });
  const fields = serverFields(change.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (atmosphere === workplace.atmosphere) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    change.mutate();
  };
  const reload = async () => {
    const latest = await onReload();
    if (latest) setBaseVersion(latest.version);
    change.reset();
  };

  return (
    <form className="wp-subform" onSubmit={submit} noValidate aria-labelledby="wp-atm-form-title">
      <h3 id="wp-atm-form-title">{w.changeAtmosphere}</h3>
      <FormAlert
        error={change.error}
        shownFields={['atmosphere', 'atmosphereReason']}
        onReload={reload}
        translate={(m) => workplaceFieldError(m, lang)}
      />
      <Field
        label={w.newAtmosphere}
        required
        error={unchanged ? w.atmosphereUnchanged : workplaceFieldError(fields.atmosphere, lang)}
      >
        {(props) => (
          <select
            {...props}
            ref={first}
            value={atmosphere}
            onChange={(e) => setAtmosphere(e.target.value as Atmosphere)}
          >
            {ATMOSPHERES.map((a) => (
              <option key={a} value={a}>
                {t.enums.atmosphere[a]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={w.atmosphereReason}
        hint={w.atmosphereReasonHint}
        error={workplaceFieldError(fields.atmosphereReason, lang)}
      >
        {(props) => (
          <textarea {...props} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={change.isPending}>
          {change.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
    </form>
  );
}

export function AtmosphereSection({
  workplace,
  onReload,
}: {
  workplace: Workplace;
  onReload: () => Promise<Workplace | undefined>;
}) {
  const { formatDateTime } = useI18n();
  const w = useWorkplaceText();
  const mayChange = useCan('atmosphere.change');
  const [changing, setChanging] = useState(false);
  const toggle = useReturnFocus();
  const history = useAtmosphereHistory(workplace.id);

  return (
    <section className="card wp-section" aria-labelledby="wp-atm-title">
      <div className="wp-section-header">
        <h2 id="wp-atm-title">{w.atmosphereTitle}</h2>
        {!changing && mayChange && (
          <button type="button" ref={toggle.ref} onClick={() => setChanging(true)}>
            {w.changeAtmosphere}
          </button>
        )}
      </div>
      <p className="wp-current-atm">
        <AtmosphereChip value={workplace.atmosphere} />
      </p>
      {changing && mayChange && (
        <AtmosphereForm
          workplace={workplace}
          onReload={onReload}
          onDone={() => {
            setChanging(false);
            toggle.returnFocus();
          }}
        />
      )}
      <h3>{w.historyTitle}</h3>
      <QueryState isLoading={history.isLoading} error={history.error} onRetry={() => history.refetch()}>
        {history.data?.items.length === 0 ? (
          <EmptyState>{w.noHistory}</EmptyState>
        ) : (
          <ol className="timeline wp-history">
            {history.data?.items.map((h) => (
              <li key={h.id}>
                <div className="wp-history-change">
                  {h.from ? (
                    <>
                      <AtmosphereChip value={h.from} />
                      <span aria-hidden="true">→</span>
                      <span className="visually-hidden">{w.historyTo}</span>
                    </>
                  ) : (
                    <span className="muted">{w.historyInitial}:</span>
                  )}
                  <AtmosphereChip value={h.to} />
                </div>
                <div className="muted wp-history-meta">
                  <time dateTime={h.changedAt}>{formatDateTime(h.changedAt)}</time>{' '}
                  {h.changedByName
                    ? (h.from ? w.historyBy : w.historyCreatedBy)(h.changedByName)
                    : w.historyNoActor}
                </div>
                {h.reason && <p className="tl-body">{h.reason}</p>}
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </section>
  );
}
