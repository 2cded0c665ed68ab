import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { DEMAND_NOTE_KINDS, type DemandNoteKind } from '../../../core/enums';
import { useCan } from '../../components/access';
import { Field } from '../../components/Field';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { post } from '../../http/client';
import type { DemandNote } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import {
  FormAlert,
  serverFields,
  todayIn,
  useFocusOnMount,
  useReturnFocus,
} from '../workplaces/form-helpers';
import { useDemandText } from './messages';
import { demandKeys, NOTE_LIMIT, useDemandNotes } from './queries';

function LogForm({ demandId, onDone }: { demandId: string; onDone: () => void }) {
  const { t, lang } = useI18n();
  const d = useDemandText();
  const queryClient = useQueryClient();
  const [occurredOn, setOccurredOn] = useState(todayIn());
  const [kind, setKind] = useState<DemandNoteKind>('management_response');
  const [body, setBody] = useState('');
  const first = useFocusOnMount<HTMLInputElement>();
  const create = useMutation({
    mutationFn: () =>
      post<DemandNote>(`/demands/${demandId}/notes`, { occurredOn: occurredOn || null, kind, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: demandKeys.allNotes(demandId) });
      onDone();
    },
  });
  const fields = serverFields(create.error);
  const fieldError = (name: string) => (fields[name] ? translateFieldError(fields[name], lang) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <form className="dm-subform" onSubmit={submit} noValidate aria-labelledby="dm-log-form-title">
      <h3 id="dm-log-form-title">{d.addLog}</h3>
      <FormAlert
        error={create.error}
        shownFields={['occurredOn', 'kind', 'body']}
        translate={(m) => translateFieldError(m, lang)}
      />
      <div className="form-grid">
        <Field label={d.log.occurredOn} hint={d.log.occurredOnHint} error={fieldError('occurredOn')}>
          {(props) => (
            <input
              {...props}
              ref={first}
              type="date"
              value={occurredOn}
              onChange={(e) => setOccurredOn(e.target.value)}
            />
          )}
        </Field>
        <Field label={d.log.kind} required error={fieldError('kind')}>
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as DemandNoteKind)}>
              {DEMAND_NOTE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t.enums.demandNoteKind[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={d.log.body} required error={fieldError('body')}>
        {(props) => (
          <textarea {...props} value={body} maxLength={10000} onChange={(e) => setBody(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
    </form>
  );
}

/** 経営側の回答・交渉の経緯, newest first. */
export function NegotiationLog({ demandId }: { demandId: string }) {
  const { t, formatDate } = useI18n();
  const d = useDemandText();
  const [offset, setOffset] = useState(0);
  const mayAdd = useCan('demands.write');
  const [adding, setAdding] = useState(false);
  const toggle = useReturnFocus();
  const notes = useDemandNotes(demandId, offset);

  return (
    <section className="card dm-section" aria-labelledby="dm-log-title">
      <div className="dm-section-header">
        <h2 id="dm-log-title">{d.logTitle}</h2>
        {!adding && mayAdd && (
          <button type="button" ref={toggle.ref} onClick={() => setAdding(true)}>
            {d.addLog}
          </button>
        )}
      </div>
      {adding && mayAdd && (
        <LogForm
          demandId={demandId}
          onDone={() => {
            setAdding(false);
            toggle.returnFocus();
            setOffset(0);
          }}
        />
      )}
      <QueryState isLoading={notes.isLoading} error={notes.error} onRetry={() => notes.refetch()}>
        {notes.data?.items.length === 0 ? (
          <EmptyState>{d.noLog}</EmptyState>
        ) : (
          <ol className="timeline dm-log">
            {notes.data?.items.map((n) => (
              <li key={n.id} data-kind={n.kind}>
                <div className="dm-log-head">
                  <time dateTime={n.occurredOn}>{formatDate(n.occurredOn)}</time>
                  <span className={`chip dm-kind dm-kind-${n.kind}`}>{t.enums.demandNoteKind[n.kind]}</span>
                  {n.authorName && <span className="muted dm-log-author">{d.by(n.authorName)}</span>}
                </div>
                <p className="tl-body">{n.body}</p>
              </li>
            ))}
          </ol>
        )}
        {notes.data && (
          <Pagination offset={offset} limit={NOTE_LIMIT} total={notes.data.total} onOffset={setOffset} />
        )}
      </QueryState>
    </section>
  );
}
