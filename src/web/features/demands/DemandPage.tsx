import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { NEGOTIATION_STATUSES, type NegotiationStatus, PRIORITIES, type Priority } from '../../../core/enums';
import { useCan } from '../../components/access';
import { NegotiationStatusChip, PriorityChip } from '../../components/Chips';
import { Field } from '../../components/Field';
import { QueryState } from '../../components/QueryState';
import { del, patch } from '../../http/client';
import type { Demand } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { SurveySupport } from '../surveys/SurveySupport';
import {
  FormAlert,
  serverFields,
  textOrNull,
  todayIn,
  useFocusOnMount,
  useReturnFocus,
} from '../workplaces/form-helpers';
import { DemandBreakdown } from './DemandBreakdown';
import { DemandMembers } from './DemandMembers';
import { DemandSuggestions } from './DemandSuggestions';
import { useDemandText } from './messages';
import { NegotiationDate } from './NegotiationDate';
import { NegotiationLog } from './NegotiationLog';
import {
  demandKeys,
  useDemand,
  useDemandMembers,
  useDemandNotes,
  useInvalidateDemand,
  useSeasons,
} from './queries';
import './demands.css';
import { IcsDownloadLink } from '../../components/IcsDownloadLink';

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
  // Deleting is for admins only (the server answers 403 to anyone else).
  const mayDelete = useCan('admin');
  const [panel, setPanel] = useState<'edit' | 'delete' | null>(null);
  const editToggle = useReturnFocus();
  const deleteToggle = useReturnFocus();
  const close = () => {
    if (panel === 'edit') editToggle.returnFocus();
    if (panel === 'delete') deleteToggle.returnFocus();
    setPanel(null);
  };

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
              {(mayWrite || mayDelete) && panel === null && (
                <div className="actions">
                  {mayWrite && (
                    <button type="button" ref={editToggle.ref} onClick={() => setPanel('edit')}>
                      {d.editDemand}
                    </button>
                  )}
                  {mayDelete && (
                    <button
                      type="button"
                      className="danger"
                      ref={deleteToggle.ref}
                      onClick={() => setPanel('delete')}
                    >
                      {d.deleteDemand}
                    </button>
                  )}
                </div>
              )}
            </div>
            {panel === 'edit' && mayWrite && (
              <EditDemand
                demand={demand.data}
                onClose={close}
                onReload={async () => (await demand.refetch()).data}
              />
            )}
            {panel === 'delete' && mayDelete && <DeleteDemand demand={demand.data} onCancel={close} />}
            <div className="grid dm-top">
              <Overview demand={demand.data} />
              {mayWrite && (
                <StatusForm demand={demand.data} onReload={async () => (await demand.refetch()).data} />
              )}
            </div>
            <DemandMembers demandId={id} />
            <DemandSuggestions demandId={id} title={demand.data.title} />
            <DemandBreakdown demandId={id} />
            <SurveySupport demandId={id} />
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
        <dt>{d.season}</dt>
        <dd>{demand.seasonName ?? <span className="muted">{d.seasonNone}</span>}</dd>
        <dt>{d.fields.nextNegotiationOn}</dt>
        <dd>
          <NegotiationDate demand={demand} today={todayIn()} />
          {demand.nextNegotiationOn && demand.status !== 'settled' && demand.status !== 'carried_over' && (
            <>
              {' '}
              <IcsDownloadLink
                href={`/api/demands/${encodeURIComponent(demand.id)}/negotiation.ics`}
                what={d.fields.nextNegotiationOn}
              />
            </>
          )}
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

type EditValues = { title: string; description: string; seasonId: string };
const editValuesOf = (demand: Demand): EditValues => ({
  title: demand.title,
  description: demand.description ?? '',
  seasonId: demand.seasonId ?? 'none',
});

/**
 * Corrects the title (要求事項の名称), 内容 and season, with the version read when the form
 * opened: if someone saved meanwhile, the conflict keeps what was typed until the latest is loaded.
 */
function EditDemand({
  demand,
  onClose,
  onReload,
}: {
  demand: Demand;
  onClose: () => void;
  onReload: () => Promise<Demand | undefined>;
}) {
  const { t, lang } = useI18n();
  const d = useDemandText();
  const titleId = useId();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateDemand();
  const seasons = useSeasons();
  const first = useFocusOnMount<HTMLInputElement>();
  const [version, setVersion] = useState(demand.version);
  const [values, setValues] = useState(editValuesOf(demand));
  const save = useMutation({
    mutationFn: () =>
      patch<Demand>(`/demands/${demand.id}`, {
        version,
        title: values.title,
        description: textOrNull(values.description),
        seasonId: values.seasonId === 'none' ? null : values.seasonId,
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(demandKeys.detail(updated.id), updated);
      await invalidate(updated.id);
      onClose();
    },
  });
  const fields = serverFields(save.error);
  const fieldError = (name: string) => (fields[name] ? translateFieldError(fields[name], lang) : undefined);
  const set = <K extends keyof EditValues>(key: K, value: EditValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const reload = async () => {
    const latest = await onReload();
    if (latest) {
      setVersion(latest.version);
      setValues(editValuesOf(latest));
    }
    save.reset();
  };
  const items = seasons.data?.items ?? [];

  return (
    <form className="card dm-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{d.editDemandTitle}</h2>
      <FormAlert
        error={save.error}
        shownFields={['title', 'description', 'seasonId']}
        onReload={reload}
        translate={(m) => translateFieldError(m, lang)}
      />
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
      {(items.length > 0 || demand.seasonId) && (
        <Field label={d.season} error={fieldError('seasonId')}>
          {(props) => (
            <select {...props} value={values.seasonId} onChange={(e) => set('seasonId', e.target.value)}>
              {items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id === seasons.data?.currentId ? d.seasonCurrent(s.name) : s.name}
                </option>
              ))}
              <option value="none">{d.seasonNone}</option>
            </select>
          )}
        </Field>
      )}
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
    </form>
  );
}

/**
 * Deleting a demand (admins): says how many member links and log entries go with it, and
 * asks to confirm. The delete names the version shown, so a demand changed meanwhile is a
 * conflict, not a silent loss.
 */
function DeleteDemand({ demand, onCancel }: { demand: Demand; onCancel: () => void }) {
  const { t } = useI18n();
  const d = useDemandText();
  const titleId = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateDemand();
  const members = useDemandMembers(demand.id);
  const notes = useDemandNotes(demand.id, 0);
  const first = useFocusOnMount<HTMLButtonElement>();
  const remove = useMutation({
    mutationFn: () => del(`/demands/${demand.id}`, { version: demand.version }),
    onSuccess: async () => {
      // Leave first: refetching this page's demand, members and log would only find a 404.
      navigate('/demands', { state: { notice: d.deleted(demand.title) } });
      await Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: demandKeys.seasons })]);
    },
  });
  const counted = members.data && notes.data;
  return (
    <section className="card dm-form dm-delete" role="alertdialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{d.deleteDemandTitle}</h2>
      <FormAlert error={remove.error} />
      <p className="dm-confirm" data-testid="delete-confirm">
        {counted ? d.deleteDemandConfirm(members.data.total, notes.data.total) : t.common.loading}
      </p>
      <div className="form-actions">
        <button type="button" ref={first} onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!counted || remove.isPending}
          onClick={() => remove.mutate()}
        >
          {remove.isPending ? d.deleting : d.deleteDemandYes}
        </button>
      </div>
    </section>
  );
}
