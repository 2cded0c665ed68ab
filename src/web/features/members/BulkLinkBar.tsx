import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { BulkMemberFilter } from '../../../core/demands/schemas';
import { api } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { useDemands, useInvalidateDemand } from '../demands/queries';
import { useBulkLinkMessages } from './bulk-link-messages';

/** What is selected on the member list: some members by id, or every member the filters match. */
export type MemberSelection =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'filter'; filter: BulkMemberFilter; total: number; capped: boolean };

type Action = 'link' | 'unlink';
type Outcome = { linked?: number; unlinked?: number; relatedMemberCount: number };

/**
 * The bar under the member list's filters while members are selected: how many, a demand of
 * the current season, 要求に紐付け / 要求から外す, a confirmation, then what was done and the
 * demand's new 関連組合員数 (PUT/DELETE /api/demands/:id/members, within the user's scope).
 */
export function BulkLinkBar({ selection, onDone }: { selection: MemberSelection; onDone: () => void }) {
  const { t } = useI18n();
  const b = useBulkLinkMessages();
  const ids = { demand: useId(), title: useId() };
  const demands = useDemands({ season: 'current', sort: 'title', limit: 500 });
  const invalidate = useInvalidateDemand();
  const [demandId, setDemandId] = useState('');
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [notice, setNotice] = useState('');

  const count =
    selection.kind === 'ids'
      ? b.people(selection.ids.length)
      : t.common.total(selection.total, selection.capped);
  // For the confirmation's 「N人を…」: a capped total is a lower bound.
  const people =
    selection.kind === 'ids'
      ? b.people(selection.ids.length)
      : `${b.people(selection.total)}${selection.capped ? '+' : ''}`;
  const empty = selection.kind === 'ids' ? selection.ids.length === 0 : selection.total === 0;
  const demand = demands.data?.items.find((d) => d.id === demandId);

  const run = useMutation({
    mutationFn: (action: Action) =>
      api<Outcome>(
        action === 'link' ? 'PUT' : 'DELETE',
        `/demands/${demandId}/members`,
        selection.kind === 'ids' ? { memberIds: selection.ids } : { filter: selection.filter },
      ),
    onSuccess: async (outcome, action) => {
      const title = demand?.title ?? '';
      setNotice(
        action === 'link'
          ? b.linked(outcome.linked ?? 0, title, outcome.relatedMemberCount)
          : b.unlinked(outcome.unlinked ?? 0, title, outcome.relatedMemberCount),
      );
      setConfirming(null);
      onDone();
      await invalidate(demandId);
    },
  });

  const ask = (action: Action) => {
    setNotice('');
    run.reset();
    setConfirming(action);
  };

  return (
    <section className="card bulk-link-bar" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="visually-hidden">
        {b.bar}
      </h2>
      <p className="bulk-link-count" aria-live="polite">
        {selection.kind === 'ids' ? b.selectedCount(count) : b.selectedAllMatching(count)}
      </p>
      <div className="bulk-link-controls">
        <div className="field">
          <label htmlFor={ids.demand}>{b.demand}</label>
          <select
            id={ids.demand}
            value={demandId}
            onChange={(e) => {
              setDemandId(e.target.value);
              setConfirming(null);
            }}
          >
            <option value="">
              {demands.data && demands.data.items.length === 0 ? b.noDemands : b.demandNone}
            </option>
            {(demands.data?.items ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="primary"
          disabled={!demand || empty || run.isPending}
          onClick={() => ask('link')}
        >
          {b.link}
        </button>
        <button type="button" disabled={!demand || empty || run.isPending} onClick={() => ask('unlink')}>
          {b.unlink}
        </button>
      </div>
      {confirming && demand && (
        <div className="bulk-link-confirm">
          <p>
            {confirming === 'link'
              ? b.confirmLink(people, demand.title)
              : b.confirmUnlink(people, demand.title)}
          </p>
          <button
            type="button"
            className={confirming === 'link' ? 'primary' : 'danger'}
            disabled={run.isPending}
            onClick={() => run.mutate(confirming)}
          >
            {confirming === 'link' ? b.doLink : b.doUnlink}
          </button>
          <button type="button" disabled={run.isPending} onClick={() => setConfirming(null)}>
            {b.cancel}
          </button>
        </div>
      )}
      {run.error && (
        <p className="alert alert-error" role="alert">
          {run.error.message}
        </p>
      )}
      <div role="status" aria-live="polite">
        {notice && <p className="alert alert-ok bulk-link-notice">{notice}</p>}
      </div>
    </section>
  );
}
