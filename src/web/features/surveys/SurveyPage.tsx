import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAccess } from '../../components/access';
import { FormAlert, useReturnFocus } from '../../components/form';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { patch, post, withQuery } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkplaces } from '../workplaces/queries';
import { surveyFieldError, useSurveyText } from './messages';
import { PaperAnswerPanel } from './PaperAnswer';
import {
  isWithheld,
  type Survey,
  type SurveyInvitation,
  surveyKeys,
  useInvalidateSurvey,
  useInvitations,
  useNonrespondents,
  useSurvey,
  useSurveyProgress,
  useSurveyResults,
} from './queries';
import { SurveyBuilder } from './SurveyBuilder';
import { RateBar, StatusChip } from './SurveyListPage';
import './surveys.css';

/**
 * One survey: its status and settings, inviting, links and slips, live response tracking,
 * paper answers, links revoked and re-issued, and (named surveys) applying the results.
 */
export default function SurveyPage() {
  const { id = '' } = useParams();
  const s = useSurveyText();
  const { formatDate, formatDateTime } = useI18n();
  const may = useAccess();
  const survey = useSurvey(id);
  const data = survey.data;
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const editToggle = useReturnFocus();

  return (
    <div className="sv-staff">
      <QueryState isLoading={survey.isLoading} error={survey.error} onRetry={() => survey.refetch()}>
        {data && (
          <>
            <p className="breadcrumb">
              <Link to="/surveys">{s.listTitle}</Link>
            </p>
            <div className="page-header">
              <h1>{data.title}</h1>
              <StatusChip survey={data} />
              <div className="actions">
                {may('surveys.read') && (
                  <Link className="button" to={`/surveys/${id}/results`}>
                    {s.resultsLink}
                  </Link>
                )}
                {may('surveys.write') && (
                  <button
                    type="button"
                    ref={editToggle.ref}
                    aria-expanded={editing}
                    onClick={() => setEditing((e) => !e)}
                  >
                    {s.edit}
                  </button>
                )}
              </div>
            </div>
            {notice && (
              <p role="status" className="alert alert-ok">
                {notice}
              </p>
            )}
            <dl className="sv-facts">
              <div>
                <dt>{s.fields.anonymity}</dt>
                <dd>
                  <strong>{data.anonymous ? s.anonymous : s.identified}</strong>{' '}
                  <span className="muted">{data.anonymous ? s.anonymousExplain : s.identifiedExplain}</span>
                </dd>
              </div>
              <div>
                <dt>{s.fields.season}</dt>
                <dd>{data.seasonName ?? s.noSeason}</dd>
              </div>
              <div>
                <dt>{s.fields.closesOn}</dt>
                <dd>
                  {formatDate(data.closesOn)}
                  {data.closedAt && (
                    <span className="muted"> — {s.closedEarly(formatDateTime(data.closedAt))}</span>
                  )}
                </dd>
              </div>
              <div>
                <dt>{s.fields.demands}</dt>
                <dd>
                  <ol className="sv-demand-summary">
                    {data.demands.map((d) => (
                      <li key={d.id}>
                        <Link to={`/demands/${d.id}`}>{d.title}</Link>
                      </li>
                    ))}
                  </ol>
                  {data.rankTop !== null && <span className="muted">{s.fields.rankTop}</span>}
                </dd>
              </div>
            </dl>

            {editing && may('surveys.write') && (
              <EditSurvey
                survey={data}
                onDone={(message) => {
                  setEditing(false);
                  editToggle.returnFocus();
                  if (message) setNotice(message);
                }}
              />
            )}
            {may('surveys.write') && <OpenClose survey={data} onNotice={setNotice} />}

            <Progress survey={data} />
            {may('surveys.write') && <Invite survey={data} />}
            {may('surveys.track') && <LinksAndSlips survey={data} />}
            {may('surveys.track') && <Nonrespondents survey={data} />}
            {may('surveys.track') && <Invitations survey={data} />}
            {may('surveys.write') && may('surveys.read') && <Apply survey={data} />}
          </>
        )}
      </QueryState>
    </div>
  );
}

function EditSurvey({ survey, onDone }: { survey: Survey; onDone: (notice?: string) => void }) {
  const s = useSurveyText();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateSurvey();
  const save = useMutation({
    mutationFn: (body: object) => patch<Survey>(`/surveys/${survey.id}`, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(surveyKeys.detail(survey.id), updated);
      await invalidate(survey.id);
      onDone(s.saved);
    },
  });
  const [key, setKey] = useState(0);
  return (
    <SurveyBuilder
      key={`${survey.version}-${key}`}
      survey={survey}
      error={save.error}
      pending={save.isPending}
      onSubmit={(body) => save.mutate(body)}
      onCancel={() => onDone()}
      onReload={async () => {
        await queryClient.invalidateQueries({ queryKey: surveyKeys.detail(survey.id), exact: true });
        save.reset();
        setKey((k) => k + 1);
      }}
    />
  );
}

/** 今すぐ締め切る (with a confirmation) / 受付を再開. */
function OpenClose({ survey, onNotice }: { survey: Survey; onNotice: (text: string) => void }) {
  const s = useSurveyText();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateSurvey();
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: (closed: boolean) =>
      patch<Survey>(`/surveys/${survey.id}`, { closed, version: survey.version }),
    onSuccess: async (updated, closed) => {
      queryClient.setQueryData(surveyKeys.detail(survey.id), updated);
      setConfirming(false);
      onNotice(closed ? s.closedNow : s.reopened);
      await invalidate(survey.id);
    },
  });
  // Closed early can reopen, except an anonymous survey with answers (the server refuses).
  const reopenable = survey.closedAt !== null && !(survey.anonymous && survey.answered > 0);
  return (
    <div className="sv-openclose">
      {survey.status === 'open' && !confirming && (
        <button type="button" onClick={() => setConfirming(true)}>
          {s.closeNow}
        </button>
      )}
      {confirming && (
        <div className="card sv-confirm">
          <p>{s.closeConfirm}</p>
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              {t.common.cancel}
            </button>
            <button
              type="button"
              className="danger"
              disabled={change.isPending}
              onClick={() => change.mutate(true)}
            >
              {s.closeYes}
            </button>
          </div>
        </div>
      )}
      {survey.status === 'closed' && survey.closedAt !== null && !reopenable && (
        <p className="muted">{s.noReopenAnonymous}</p>
      )}
      {survey.status === 'closed' && reopenable && (
        <button type="button" disabled={change.isPending} onClick={() => change.mutate(false)}>
          {s.reopen}
        </button>
      )}
      <FormAlert
        error={change.error}
        onReload={() => {
          change.reset();
          void queryClient.invalidateQueries({ queryKey: surveyKeys.detail(survey.id), exact: true });
        }}
      />
    </div>
  );
}

function Progress({ survey }: { survey: Survey }) {
  const s = useSurveyText();
  const { t } = useI18n();
  const headingId = useId();
  const progress = useSurveyProgress(survey.id, survey.status === 'open');
  const data = progress.data;
  return (
    <section className="card sv-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.progressTitle}</h2>
      {survey.status === 'open' && <p className="muted">{s.progressLive}</p>}
      <QueryState isLoading={progress.isLoading} error={progress.error}>
        {data && data.invited === 0 ? (
          <EmptyState>{s.noInvitations}</EmptyState>
        ) : (
          data && (
            <>
              <p className="sv-progress-total" data-testid="progress-total">
                {s.progressTotal(
                  data.answered,
                  data.invited,
                  t.common.percent(data.invited ? data.answered / data.invited : 0),
                )}
              </p>
              <div className="table-wrap">
                <table className="sv-table">
                  <caption className="visually-hidden">{s.progressTitle}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{s.workplace}</th>
                      <th scope="col">{s.fields.rate}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.workplaces.map((w) => (
                      <tr key={w.workplaceId ?? 'none'} data-workplace={w.workplaceName ?? ''}>
                        <th scope="row">{w.workplaceName ?? s.noWorkplace}</th>
                        <td>
                          <RateBar
                            answered={w.answered}
                            invited={w.invited}
                            label={s.rateText(w.answered, w.invited, t.common.percent(w.rate))}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        )}
      </QueryState>
    </section>
  );
}

function Invite({ survey }: { survey: Survey }) {
  const s = useSurveyText();
  const headingId = useId();
  const base = useId();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [localError, setLocalError] = useState<string | null>(null);
  const workplaces = useWorkplaces({ sort: 'name', limit: 500 });
  const invite = useMutation({
    mutationFn: (body: { workplaceIds?: string[] }) =>
      post<{ invited: number }>(`/surveys/${survey.id}/invitations`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.detail(survey.id) }),
  });
  if (survey.status === 'closed') return null;
  return (
    <section className="card sv-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.inviteTitle}</h2>
      <p className="muted">{s.inviteIntro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (scope === 'chosen' && chosen.length === 0) return setLocalError(s.chooseWorkplace);
          setLocalError(null);
          invite.mutate(scope === 'all' ? {} : { workplaceIds: chosen });
        }}
        noValidate
      >
        <fieldset className="sv-invite-scope">
          <legend className="visually-hidden">{s.inviteTitle}</legend>
          <label className="sv-inline">
            <input
              type="radio"
              name={`${base}-scope`}
              checked={scope === 'all'}
              onChange={() => setScope('all')}
            />{' '}
            {s.inviteAll}
          </label>
          <label className="sv-inline">
            <input
              type="radio"
              name={`${base}-scope`}
              checked={scope === 'chosen'}
              onChange={() => setScope('chosen')}
            />{' '}
            {s.inviteChosen}
          </label>
        </fieldset>
        {scope === 'chosen' && (
          <fieldset className="sv-workplace-picker" aria-describedby={localError ? `${base}-err` : undefined}>
            <legend>{s.inviteWorkplaces}</legend>
            <ul>
              {workplaces.data?.items.map((w) => (
                <li key={w.id}>
                  <label className="sv-inline">
                    <input
                      type="checkbox"
                      checked={chosen.includes(w.id)}
                      aria-invalid={Boolean(localError)}
                      onChange={(e) =>
                        setChosen((c) => (e.target.checked ? [...c, w.id] : c.filter((x) => x !== w.id)))
                      }
                    />{' '}
                    {w.name}
                  </label>
                </li>
              ))}
            </ul>
            {localError && (
              <small id={`${base}-err`} className="field-error" role="alert">
                {localError}
              </small>
            )}
          </fieldset>
        )}
        <FormAlert error={invite.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={invite.isPending}>
            {invite.isPending ? s.inviting : s.invite}
          </button>
        </div>
        {invite.data && (
          <p role="status" className="alert alert-ok">
            {s.invitedResult(invite.data.invited)}
          </p>
        )}
      </form>
    </section>
  );
}

function LinksAndSlips({ survey }: { survey: Survey }) {
  const s = useSurveyText();
  const headingId = useId();
  const progress = useSurveyProgress(survey.id, false);
  if (survey.invited === 0) return null;
  return (
    <section className="card sv-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.linksTitle}</h2>
      <p className="muted">{s.linksIntro}</p>
      <ul className="sv-link-list">
        <li>
          <a href={`/api/surveys/${survey.id}/invitations.csv`} download>
            {s.downloadCsv}
          </a>
        </li>
        <li>
          <Link to={`/surveys/${survey.id}/slips`}>{s.printSlips}</Link>
        </li>
        {progress.data?.workplaces
          .filter((w) => w.workplaceId && w.invited > 0)
          .map((w) => (
            <li key={w.workplaceId}>
              <Link to={withQuery(`/surveys/${survey.id}/slips`, { workplaceId: w.workplaceId })}>
                {s.printSlipsFor(w.workplaceName ?? s.noWorkplace)}
              </Link>
            </li>
          ))}
      </ul>
    </section>
  );
}

function Nonrespondents({ survey }: { survey: Survey }) {
  const s = useSurveyText();
  const { t } = useI18n();
  const headingId = useId();
  const [workplaceId, setWorkplaceId] = useState('');
  const progress = useSurveyProgress(survey.id, false);
  const list = useNonrespondents(survey.id, workplaceId || undefined, survey.status === 'open');
  if (survey.invited === 0) return null;
  const items = list.data?.items ?? [];
  return (
    <section className="card sv-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.nonrespondentsTitle}</h2>
      <p className="muted">{s.nonrespondentsIntro}</p>
      <div className="field">
        <label htmlFor={`${headingId}-wp`}>{s.workplace}</label>
        <select id={`${headingId}-wp`} value={workplaceId} onChange={(e) => setWorkplaceId(e.target.value)}>
          <option value="">{s.allWorkplaces}</option>
          {progress.data?.workplaces
            .filter((w) => w.workplaceId)
            .map((w) => (
              <option key={w.workplaceId} value={w.workplaceId ?? ''}>
                {w.workplaceName}
              </option>
            ))}
        </select>
      </div>
      <QueryState isLoading={list.isLoading} error={list.error}>
        {list.data && items.length === 0 ? (
          <EmptyState>{s.nonrespondentsNone}</EmptyState>
        ) : (
          <>
            <p className="muted">{t.common.people(list.data?.total ?? 0)}</p>
            <ul className="sv-nonrespondents" aria-label={s.nonrespondentsTitle}>
              {items.map((m) => (
                <li key={m.id}>
                  <Link to={`/members/${m.id}`}>{m.name}</Link>
                  {m.workplaceName && <small className="muted"> {m.workplaceName}</small>}
                </li>
              ))}
            </ul>
            {list.data && list.data.total > items.length && (
              <p className="muted">{s.nonrespondentsMore(items.length, list.data.total)}</p>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

const INVITATION_LIMIT = 50;

function Invitations({ survey }: { survey: Survey }) {
  const s = useSurveyText();
  const { lang } = useI18n();
  const may = useAccess();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [paperFor, setPaperFor] = useState<SurveyInvitation | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useInvitations(
    survey.id,
    { limit: INVITATION_LIMIT, offset: offset || undefined },
    survey.invited > 0,
  );
  const action = useMutation({
    mutationFn: ({ invitation, kind }: { invitation: SurveyInvitation; kind: 'revoke' | 'reissue' }) =>
      post(`/surveys/${survey.id}/invitations/${invitation.id}/${kind}`),
    onSuccess: async (_, { invitation, kind }) => {
      setNotice(
        kind === 'revoke' ? s.revokedDone(invitation.memberName) : s.reissuedDone(invitation.memberName),
      );
      await queryClient.invalidateQueries({ queryKey: surveyKeys.detail(survey.id) });
    },
  });
  if (survey.invited === 0) return null;
  const items = list.data?.items ?? [];
  return (
    <section className="card sv-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.invitationsTitle}</h2>
      <p className="muted">{s.invitationsIntro}</p>
      {notice && (
        <p role="status" className="alert alert-ok">
          {notice}
        </p>
      )}
      <FormAlert error={action.error} translate={(m) => surveyFieldError(m, s)} />
      {paperFor && (
        <PaperAnswerPanel
          survey={survey}
          invitation={paperFor}
          onDone={(saved) => {
            setPaperFor(null);
            if (saved) setNotice(s.paperSaved(paperFor.memberName));
          }}
        />
      )}
      <QueryState isLoading={list.isLoading} error={list.error}>
        <div className="table-wrap">
          <table className="sv-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{s.member}</th>
                <th scope="col">{s.workplace}</th>
                <th scope="col">{s.fields.answered}</th>
                <th scope="col">
                  <span className="visually-hidden">{lang === 'ja' ? '操作' : 'Actions'}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((inv) => (
                <tr key={inv.id} data-member-id={inv.memberId}>
                  <th scope="row">{inv.memberName}</th>
                  <td>{inv.workplaceName ?? s.noWorkplace}</td>
                  <td data-testid="answered-state">
                    {inv.revoked ? s.revoked : inv.answered ? s.answeredYes : s.answeredNo}
                  </td>
                  <td className="sv-row-actions">
                    {survey.status === 'open' && !inv.revoked && (
                      <button
                        type="button"
                        aria-label={s.paperEntryLabel(inv.memberName)}
                        onClick={() => setPaperFor(inv)}
                      >
                        {s.paperEntry}
                      </button>
                    )}
                    {may('surveys.write') && !inv.revoked && (
                      <button
                        type="button"
                        aria-label={s.revokeLabel(inv.memberName)}
                        disabled={action.isPending}
                        onClick={() => action.mutate({ invitation: inv, kind: 'revoke' })}
                      >
                        {s.revoke}
                      </button>
                    )}
                    {may('surveys.write') && (
                      <button
                        type="button"
                        aria-label={s.reissueLabel(inv.memberName)}
                        disabled={action.isPending}
                        onClick={() => action.mutate({ invitation: inv, kind: 'reissue' })}
                      >
                        {s.reissue}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {list.data && (
          <Pagination offset={offset} limit={INVITATION_LIMIT} total={list.data.total} onOffset={setOffset} />
        )}
      </QueryState>
    </section>
  );
}

/** 結果を要求に反映 (named surveys): a confirmation with the number of links, then what was done. */
function Apply({ survey }: { survey: Survey }) {
  const s = useSurveyText();
  const { t } = useI18n();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const results = useSurveyResults(survey.id, !survey.anonymous);
  const invalidate = useInvalidateSurvey();
  const apply = useMutation({
    mutationFn: () => post<{ linked: number; members: number }>(`/surveys/${survey.id}/apply`),
    onSuccess: async () => {
      setConfirming(false);
      await invalidate(survey.id, true);
    },
  });
  const figures = isWithheld(results.data) ? undefined : results.data;
  const choices = figures?.demands.reduce((sum, d) => sum + d.count, 0) ?? 0;
  const respondents = figures?.respondents ?? 0;
  return (
    <section className="card sv-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.applyTitle}</h2>
      {survey.anonymous ? (
        <p className="muted">{s.applyAnonymous}</p>
      ) : (
        <>
          <p className="muted">{s.applyIntro}</p>
          {!confirming && (
            <button
              type="button"
              className="primary"
              disabled={!figures || respondents === 0}
              onClick={() => {
                apply.reset();
                setConfirming(true);
              }}
            >
              {s.apply}
            </button>
          )}
          {confirming && (
            <div className="sv-confirm">
              <p>{s.applyConfirm(respondents, choices)}</p>
              <div className="form-actions">
                <button type="button" onClick={() => setConfirming(false)}>
                  {t.common.cancel}
                </button>
                <button
                  type="button"
                  className="primary"
                  disabled={apply.isPending}
                  onClick={() => apply.mutate()}
                >
                  {apply.isPending ? s.applying : s.applyYes}
                </button>
              </div>
            </div>
          )}
          <FormAlert error={apply.error} />
          {apply.data && (
            <p role="status" className="alert alert-ok">
              {s.applied(apply.data.linked, apply.data.members)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
