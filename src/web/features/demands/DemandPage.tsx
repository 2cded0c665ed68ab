import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { NEGOTIATION_STATUSES, type NegotiationStatus, PRIORITIES, type Priority } from '../../../core/enums';
import { useCan } from '../../components/access';
import { NegotiationStatusChip, PriorityChip } from '../../components/Chips';
import { Field } from '../../components/Field';
import { QueryState } from '../../components/QueryState';
import { patch } from '../../http/client';
import type { Demand } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, serverFields, todayIn } from '../workplaces/form-helpers';
import { DemandMembers } from './DemandMembers';
import { useDemandText } from './messages';
import { NegotiationDate } from './NegotiationDate';
import { NegotiationLog } from './NegotiationLog';
import { demandKeys, useDemand, useInvalidateDemand } from './queries';
import './demands.css';

export default function DemandPage() {
  const { id = '' } = useParams();
  // Keyed by id: going back/forward between two demands must not carry typed values or versions over.
  return <DemandView key={id} id={id} />;
}

function DemandView({ id }: { id: string }) {
  const d = useDemandText();
  const demand = useDemand(id);
  // Status, priority and the next date are demand writes; a rep reads them in the header and overview.
  const mayWrite = useCan('demands.write');

  return (
    <>
      <p className="dm-breadcrumb">
        <Link to="/demands">{d.listTitle}</Link>
      </p>
      <QueryState isLoading={demand.isLoading} error={demand.error} onRetry={() => demand.refetch()}>
        {demand.data && (
          <>
            <div className="page-header">
              <h1>{demand.data.title}</h1>
              <span className="dm-chips">
                <PriorityChip value={demand.data.priority} />
                <NegotiationStatusChip value={demand.data.status} />
              </span>
            </div>
            <div className="grid dm-top">
              <Overview demand={demand.data} />
              {mayWrite && (
                <StatusForm demand={demand.data} onReload={async () => (await demand.refetch()).data} />
              )}
            </div>
            <DemandMembers demandId={id} />
            <NegotiationLog demandId={id} />
          </>
        )}
      </QueryState>
    </>
  );
}

function Overview({ demand }: { demand: Demand }) {
  const { t } = useI18n();
  const d = useDemandText();
  return (
    <section className="card" aria-labelledby="dm-overview-title">
      <h2 id="dm-overview-title">{d.overview}</h2>
      <div className="dm-big-count">
        <span className="dm-big-label" id="dm-related-label">
          {d.fields.relatedMemberCount}
        </span>
        <output className="dm-big-num" aria-labelledby="dm-related-label" data-testid="related-member-count">
          {d.membersCount(demand.relatedMemberCount)}
        </output>
        <small className="muted">{d.relatedHint}</small>
      </div>
      <dl className="facts">
        <dt>{d.fields.nextNegotiationOn}</dt>
        <dd>
          <NegotiationDate demand={demand} today={todayIn()} />
        </dd>
        <dt>{d.fields.description}</dt>
        <dd className="dm-pre">{demand.description ?? <span className="muted">{t.common.none}</span>}</dd>
      </dl>
    </section>
  );
}

type StatusValues = { status: NegotiationStatus; priority: Priority; nextNegotiationOn: string };
const valuesOf = (demand: Demand): StatusValues => ({
  status: demand.status,
  priority: demand.priority,
  nextNegotiationOn: demand.nextNegotiationOn ?? '',
});
const same = (a: StatusValues, b: StatusValues) =>
  a.status === b.status && a.priority === b.priority && a.nextNegotiationOn === b.nextNegotiationOn;

/**
 * 交渉ステータス, 優先度 and 次の交渉期日, saved with the version they were read at. While
 * nothing is typed the form follows the record; once typed, a newer version elsewhere is a
 * conflict that keeps the typed values until the officer loads the latest.
 */
function StatusForm({ demand, onReload }: { demand: Demand; onReload: () => Promise<Demand | undefined> }) {
  const { t, lang } = useI18n();
  const d = useDemandText();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateDemand();
  const [base, setBase] = useState(demand);
  const [values, setValues] = useState(valuesOf(demand));
  const [saved, setSaved] = useState(false);
  const dirty = !same(values, valuesOf(base));

  useEffect(() => {
    if (!dirty && demand.version !== base.version) {
      setBase(demand);
      setValues(valuesOf(demand));
    }
  }, [demand, base.version, dirty]);

  const save = useMutation({
    mutationFn: () =>
      patch<Demand>(`/demands/${demand.id}`, {
        version: base.version,
        status: values.status,
        priority: values.priority,
        nextNegotiationOn: values.nextNegotiationOn || null,
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(demandKeys.detail(updated.id), updated);
      setBase(updated);
      setValues(valuesOf(updated));
      setSaved(true);
      await invalidate(updated.id);
    },
  });
  const fields = serverFields(save.error);
  const fieldError = (name: string) => (fields[name] ? translateFieldError(fields[name], lang) : undefined);
  const set = <K extends keyof StatusValues>(key: K, value: StatusValues[K]) => {
    setSaved(false);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const reload = async () => {
    const latest = await onReload();
    if (latest) {
      setBase(latest);
      setValues(valuesOf(latest));
    }
    save.reset();
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="dm-status-title">
      <h2 id="dm-status-title">{d.negotiation}</h2>
      <FormAlert
        error={save.error}
        shownFields={['status', 'priority', 'nextNegotiationOn']}
        onReload={reload}
        translate={(m) => translateFieldError(m, lang)}
      />
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
      <div className="form-actions">
        <span role="status" className="dm-saved">
          {saved && !dirty ? d.saved : ''}
        </span>
        <button type="submit" className="primary" disabled={save.isPending || !dirty}>
          {save.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
    </form>
  );
}
