import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import {
  MERGE_FOLLOWS as FOLLOWS,
  MERGE_FIELDS,
  type MergeField,
  type MergeSide,
  type mergePreviewSchema,
} from '../../../core/members/merge';
import { ArrivalNotice } from '../../components/ArrivalNotice';
import { useCan } from '../../components/access';
import { FormAlert, useFocusOnMount, useReturnFocus } from '../../components/form';
import { SearchInput } from '../../components/SearchInput';
import { get, post } from '../../http/client';
import type { Member } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useContactText } from './contact-messages';
import { useDuplicateCheck } from './DuplicateWarning';
import { MOVE_KEYS, useMergeText } from './merge-messages';
import { useMemberMessages } from './messages';
import { memberKeys, useMember, useMemberSearch } from './queries';
import './merge.css';

type Preview = z.infer<typeof mergePreviewSchema>;

/** The router state the member page gets after a merge: the merged record's name (no other data). */
export type MergedState = { mergedName: string } | { mergeRedirect: true };

/** Fields a merge decides, in the form's order. */
const FIELDS = MERGE_FIELDS;

/**
 * 重複登録の統合 on the member page, for admins and officers (`members.merge`): pick the
 * other record (likely duplicates first, or a search), choose per conflicting field whose
 * value stays, confirm with the counts that will move, merge; the page then shows the kept
 * member with a notice. The server checks the role, both versions and the fields again.
 */
export function MemberMerge({ member }: { member: Member }) {
  const mayMerge = useCan('members.merge');
  return mayMerge ? <MergeSection member={member} /> : null;
}

function MergeSection({ member }: { member: Member }) {
  const d = useMergeText();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const button = useReturnFocus();
  return (
    <section className="card member-section member-merge" aria-labelledby={titleId}>
      <h2 id={titleId}>{d.sectionTitle}</h2>
      <p className="muted">{d.sectionIntro}</p>
      {open ? (
        <MergeFlow
          member={member}
          onCancel={() => {
            button.returnFocus();
            setOpen(false);
          }}
          onDone={() => setOpen(false)}
        />
      ) : (
        <button ref={button.ref} type="button" onClick={() => setOpen(true)}>
          {d.merge}
        </button>
      )}
    </section>
  );
}

function MergeFlow({
  member,
  onCancel,
  onDone,
}: {
  member: Member;
  onCancel: () => void;
  onDone: () => void;
}) {
  const [otherId, setOtherId] = useState<string | null>(null);
  return otherId ? (
    <CompareAndConfirm
      kept={member}
      otherId={otherId}
      onBack={() => setOtherId(null)}
      onCancel={onCancel}
      onDone={onDone}
    />
  ) : (
    <PickOther member={member} onPick={setOtherId} onCancel={onCancel} />
  );
}

function PickOther({
  member,
  onPick,
  onCancel,
}: {
  member: Member;
  onPick: (id: string) => void;
  onCancel: () => void;
}) {
  const d = useMergeText();
  const { t } = useI18n();
  const ids = { title: useId(), search: useId() };
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [q, setQ] = useState('');
  const suggested = useDuplicateCheck(
    {
      name: member.name,
      nameKana: member.nameKana ?? '',
      employeeNumber: member.employeeNumber ?? '',
      excludeId: member.id,
    },
    0,
  );
  const results = useMemberSearch(q);
  const found = (results.data?.items ?? []).filter((x) => x.id !== member.id);
  const candidate = (x: Pick<Member, 'id' | 'name' | 'nameKana' | 'employeeNumber' | 'workplaceName'>) => (
    <li key={x.id}>
      <span>
        <strong>{x.name}</strong>
        {x.nameKana && <span className="muted">（{x.nameKana}）</span>}
        {x.employeeNumber && <span className="muted"> {d.employeeNumber(x.employeeNumber)}</span>}
        {x.workplaceName && <span className="muted"> · {x.workplaceName}</span>}
      </span>
      <button type="button" onClick={() => onPick(x.id)} aria-label={`${d.choose}: ${x.name}`}>
        {d.choose}
      </button>
    </li>
  );
  return (
    <section className="merge-panel" aria-labelledby={ids.title}>
      <h3 id={ids.title} ref={heading} tabIndex={-1}>
        {d.pickTitle}
      </h3>
      <div>
        <h4>{d.suggested}</h4>
        {suggested.items.length ? (
          <ul className="merge-candidates">{suggested.items.map(candidate)}</ul>
        ) : (
          <p className="muted">{d.noSuggestions}</p>
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.search}>{d.search}</label>
        <SearchInput id={ids.search} value={q} onSearch={setQ} />
      </div>
      {q && (
        <div aria-live="polite">
          <h4>{d.searchResults}</h4>
          {found.length ? (
            <ul className="merge-candidates">{found.map(candidate)}</ul>
          ) : (
            !results.isFetching && <p className="muted">{d.noResults}</p>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
      </div>
    </section>
  );
}

function CompareAndConfirm({
  kept,
  otherId,
  onBack,
  onCancel,
  onDone,
}: {
  kept: Member;
  otherId: string;
  onBack: () => void;
  onCancel: () => void;
  /** After the merge: the flow closes (the page shows the kept member with a notice). */
  onDone: () => void;
}) {
  const d = useMergeText();
  const m = useMemberMessages();
  const c = useContactText();
  const { t, formatDate } = useI18n();
  const ids = { title: useId(), confirm: useId() };
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const other = useMember(otherId);
  const preview = useQuery({
    queryKey: ['members', 'detail', kept.id, 'merge-preview', otherId],
    queryFn: () => get<Preview>(`/members/${kept.id}/merge-preview`, { otherId }),
    staleTime: 0,
  });
  const [choices, setChoices] = useState<Partial<Record<MergeField, MergeSide>>>({});
  const [confirming, setConfirming] = useState(false);

  const merge = useMutation({
    mutationFn: (o: Member) =>
      post<Member>(`/members/${kept.id}/merge`, {
        otherId: o.id,
        version: kept.version,
        otherVersion: o.version,
        fields: choices,
      }),
    onSuccess: (saved, o) => {
      // The removed record and this preview are gone: never asked for again (a 404).
      const gone = (key: readonly unknown[]) => key.includes(o.id) || key.includes('merge-preview');
      queryClient.removeQueries({ predicate: (query) => gone(query.queryKey) });
      queryClient.setQueryData(memberKeys.detail(saved.id), saved);
      onDone();
      const state: MergedState = { mergedName: o.name };
      navigate(`/members/${saved.id}`, { replace: true, state });
      // Notes, cases, tasks, demand counts, workplaces' reps and every figure may change.
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] !== 'auth' && !gone(query.queryKey),
      });
    },
  });

  const o = other.data;
  const shown = (field: MergeField, x: Member): string => {
    const value = x[field];
    if (value === null || value === undefined || value === '') return d.empty;
    if (field === 'workplaceId') return x.workplaceName ?? String(value);
    if (field === 'ownerId') return x.ownerName ?? String(value);
    if (field === 'engagement') return t.enums.engagement[x.engagement];
    if (field === 'unionRole') return t.enums.unionRole[x.unionRole];
    if (field === 'status') return t.enums.memberStatus[x.status];
    if (field === 'preferredChannel' && x.preferredChannel) return c.channels[x.preferredChannel];
    if (field === 'joinedOn' || field === 'leftOn' || field === 'nextActionDueOn')
      return formatDate(String(value));
    return String(value);
  };
  const label = (field: MergeField) => m.fields[field];
  const conflicts = preview.data?.conflicts ?? [];
  // Fields the kept record lacks and takes from the other unless chosen otherwise (as the server does).
  const sideOf = (field: MergeField): MergeSide => {
    const chosen = choices[field];
    if (chosen) return chosen;
    const leader = FOLLOWS[field];
    if (leader) {
      const side = sideOf(leader);
      if ((side === 'kept' ? kept : o)?.[leader] != null) return side;
    }
    return kept[field] == null && o?.[field] != null ? 'other' : 'kept';
  };
  const fromOther = o ? FIELDS.filter((f) => sideOf(f) === 'other' && o[f] !== kept[f]) : [];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!o) return;
    if (!confirming) {
      setConfirming(true);
      requestAnimationFrame(() => document.getElementById(ids.confirm)?.focus());
      return;
    }
    if (!merge.isPending) merge.mutate(o);
  };

  return (
    <form className="merge-panel" aria-labelledby={ids.title} onSubmit={onSubmit} noValidate>
      <h3 id={ids.title} ref={heading} tabIndex={-1}>
        {d.compareTitle(kept.name)}
      </h3>
      <FormAlert error={other.error ?? preview.error ?? merge.error} />
      {o && preview.data && (
        <>
          <p className="muted">{d.compareIntro}</p>
          {conflicts.length ? (
            <div className="table-wrap">
              <table className="merge-compare">
                <thead>
                  <tr>
                    <th scope="col">{d.field}</th>
                    <th scope="col">{d.keptSide}</th>
                    <th scope="col">{d.otherSide}</th>
                  </tr>
                </thead>
                <tbody>
                  {conflicts.map((field) => (
                    <tr key={field}>
                      <th scope="row">{label(field)}</th>
                      {(['kept', 'other'] as const).map((side) => (
                        <td key={side}>
                          <label>
                            <input
                              type="radio"
                              name={`merge-${field}`}
                              value={side}
                              checked={sideOf(field) === side}
                              disabled={confirming}
                              onChange={() => setChoices((c) => ({ ...c, [field]: side }))}
                            />
                            <span>{shown(field, side === 'kept' ? kept : o)}</span>
                          </label>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{d.noConflicts}</p>
          )}
          {confirming && (
            <div
              id={ids.confirm}
              tabIndex={-1}
              role="alertdialog"
              aria-labelledby={`${ids.confirm}-title`}
              className="alert alert-warning merge-confirm"
            >
              <p className="alert-title" id={`${ids.confirm}-title`}>
                {d.confirmTitle}
              </p>
              <p>{d.confirmIntro(o.name, kept.name)}</p>
              <p>{d.movesTitle}</p>
              <ul className="merge-moves">
                {MOVE_KEYS.filter((k) => preview.data.moves[k] > 0).map((k) => (
                  <li key={k}>{d.moves[k](preview.data.moves[k])}</li>
                ))}
              </ul>
              <p>
                {d.fromOther}
                {m.colon}
                {fromOther.length ? fromOther.map(label).join('、') : d.none}
              </p>
              <p className="merge-final">{d.irreversible}</p>
            </div>
          )}
        </>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel} disabled={merge.isPending}>
          {t.common.cancel}
        </button>
        <button
          type="button"
          onClick={confirming ? () => setConfirming(false) : onBack}
          disabled={merge.isPending}
        >
          {d.back}
        </button>
        <button type="submit" className="primary" disabled={!o || !preview.data || merge.isPending}>
          {merge.isPending ? d.merging : confirming ? d.mergeYes : d.next}
        </button>
      </div>
    </form>
  );
}

/**
 * On the member page after a merge (「…の記録をこの組合員に統合しました」) or after opening a
 * merged record's URL, which the server answered with the kept member. Once: the router
 * state is cleared at once, so a reload or Back does not say it again.
 */
export function MergedNotice() {
  const d = useMergeText();
  return (
    <ArrivalNotice
      read={mergedStateOf}
      text={(shown: MergedState) => ('mergedName' in shown ? d.merged(shown.mergedName) : d.redirected)}
    />
  );
}

function mergedStateOf(state: unknown): MergedState | null {
  if (typeof state !== 'object' || state === null) return null;
  const s = state as Record<string, unknown>;
  if (typeof s.mergedName === 'string') return { mergedName: s.mergedName };
  if (s.mergeRedirect === true) return { mergeRedirect: true };
  return null;
}
