import { useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '../../../core/surveys/schemas';
import { useCan } from '../../components/access';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useSetupState } from '../auth/queries';
import { useSurveyText } from './messages';
import {
  FREE_TEXT_LIMIT,
  isWithheld,
  type SurveyResults,
  useFreeText,
  useSurvey,
  useSurveyResults,
  type Withheld,
} from './queries';
import './surveys.css';

/**
 * /surveys/:id/results: the ranking, breakdowns (an anonymous survey's small groups and cells
 * hidden), the further questions and the free text; CSV/XLSX; printable for the executive committee.
 */
export default function ResultsPage() {
  const { id = '' } = useParams();
  const s = useSurveyText();
  const { t } = useI18n();
  const setup = useSetupState();
  const survey = useSurvey(id);
  // An open anonymous survey's figures are withheld by the server: not asked for.
  const withheldNow = survey.data?.anonymous === true && survey.data.status === 'open';
  const results = useSurveyResults(id, Boolean(survey.data) && !withheldNow);
  const mayFreeText = useCan('surveys.write');
  const withheld: Withheld | null = withheldNow
    ? { withheld: 'open', minCell: 0 }
    : isWithheld(results.data)
      ? results.data
      : null;
  const data = isWithheld(results.data) ? undefined : results.data;

  useEffect(() => {
    if (survey.data) document.title = `${s.resultsTitle(survey.data.title)} | ${t.appName}`;
  }, [survey.data, s, t.appName]);

  return (
    <div className="sv-staff sv-results">
      <QueryState
        isLoading={survey.isLoading || (!withheldNow && results.isLoading)}
        error={survey.error ?? results.error}
        onRetry={() => results.refetch()}
      >
        {survey.data && withheld && (
          <>
            <p className="breadcrumb">
              <Link to={`/surveys/${id}`}>{survey.data.title}</Link>
            </p>
            <div className="page-header">
              <h1>{s.resultsTitle(survey.data.title)}</h1>
            </div>
            <p className="alert alert-warning" data-testid="results-withheld">
              {withheld.withheld === 'open' ? s.withheldOpen : s.withheldFew(withheld.minCell)}
            </p>
          </>
        )}
        {survey.data && data && (
          <>
            <p className="breadcrumb">
              <Link to={`/surveys/${id}`}>{survey.data.title}</Link>
            </p>
            <div className="page-header">
              <h1>{s.resultsTitle(survey.data.title)}</h1>
              <div className="actions sv-no-print">
                <a className="button" href={`/api/surveys/${id}/results.csv`} download>
                  {s.downloadResultsCsv}
                </a>
                <a className="button" href={`/api/surveys/${id}/results.xlsx`} download>
                  {s.downloadResultsXlsx}
                </a>
                <button type="button" onClick={() => window.print()}>
                  {s.printResults}
                </button>
              </div>
            </div>
            {setup.data?.organizationName && <p className="sv-print-only">{setup.data.organizationName}</p>}
            <p className="sv-results-summary" data-testid="results-summary">
              {s.resultsSummary(
                data.respondents,
                data.invited,
                t.common.percent(data.invited ? data.respondents / data.invited : 0),
              )}{' '}
              — {data.anonymous ? s.anonymous : s.identified}
            </p>
            <Ranking results={data} ranked={survey.data.rankTop !== null} />
            <Breakdowns results={data} />
            {data.questions.length > 0 && <Questions results={data} />}
            {survey.data.freeText && (
              <FreeText surveyId={id} count={data.freeTextCount} enabled={mayFreeText} />
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}

function Ranking({ results, ranked }: { results: SurveyResults; ranked: boolean }) {
  const s = useSurveyText();
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="sv-section sv-print-block" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.ranking}</h2>
      {ranked && <p className="muted">{s.pointsHint}</p>}
      <div className="table-wrap">
        <table className="sv-table sv-ranking" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{s.rank}</th>
              <th scope="col">{s.demand}</th>
              <th scope="col">{s.chosenCount}</th>
              <th scope="col">{s.share}</th>
              {ranked && <th scope="col">{s.points}</th>}
              {ranked && <th scope="col">{s.firstChoice}</th>}
            </tr>
          </thead>
          <tbody>
            {results.demands.map((d) => (
              <tr key={d.demandId} data-demand-id={d.demandId}>
                <td>{d.rank}</td>
                <th scope="row">
                  <Link to={`/demands/${d.demandId}`}>{d.title}</Link>
                </th>
                <td data-testid="demand-count">{t.common.people(d.count)}</td>
                <td>
                  <span className="sv-rate">
                    <span className="sv-rate-text">{t.common.percent(d.share)}</span>
                    <span className="bar sv-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round(d.share * 100)}%` }} />
                    </span>
                  </span>
                </td>
                {ranked && <td>{d.points ?? '—'}</td>}
                {ranked && <td>{d.firstChoice === null ? '—' : t.common.people(d.firstChoice)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Hidden({ k }: { k: number }) {
  const s = useSurveyText();
  return (
    <span className="sv-hidden-cell" title={s.hiddenGroup(k)} data-testid="hidden-cell">
      {s.hiddenCell}
      <span className="visually-hidden">（{s.hiddenGroup(k)}）</span>
    </span>
  );
}

function Breakdowns({ results }: { results: SurveyResults }) {
  const s = useSurveyText();
  const headingId = useId();
  const [dimension, setDimension] = useState<BreakdownDimension>('workplace');
  const rows = results.breakdowns[dimension] ?? [];
  const anyHidden = BREAKDOWN_DIMENSIONS.some((dim) =>
    (results.breakdowns[dim] ?? []).some((r) => r.hidden || Object.values(r.counts).some((c) => c === null)),
  );
  return (
    <section className="sv-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.breakdowns}</h2>
      <div className="field sv-no-print">
        <label htmlFor={`${headingId}-dim`}>{s.dimension}</label>
        <select
          id={`${headingId}-dim`}
          value={dimension}
          onChange={(e) => setDimension(e.target.value as BreakdownDimension)}
        >
          {BREAKDOWN_DIMENSIONS.map((dim) => (
            <option key={dim} value={dim}>
              {s.dimensions[dim]}
            </option>
          ))}
        </select>
      </div>
      {results.anonymous && anyHidden && (
        <p className="muted sv-hidden-note">{s.hiddenNote(results.minCell)}</p>
      )}
      {/* On paper every breakdown prints, one after the other. */}
      {BREAKDOWN_DIMENSIONS.map((dim) => (
        <div key={dim} className={dim === dimension ? 'sv-breakdown' : 'sv-breakdown sv-print-only'}>
          <BreakdownTable
            results={results}
            caption={s.dimensions[dim]}
            rows={dim === dimension ? rows : (results.breakdowns[dim] ?? [])}
          />
        </div>
      ))}
    </section>
  );
}

function BreakdownTable({
  results,
  caption,
  rows,
}: {
  results: SurveyResults;
  caption: string;
  rows: SurveyResults['breakdowns'][BreakdownDimension];
}) {
  const s = useSurveyText();
  const { t } = useI18n();
  if (rows.length === 0) return <EmptyState />;
  const cell = (value: number | null, hidden: boolean) =>
    value === null || hidden ? <Hidden k={results.minCell} /> : t.common.people(value);
  return (
    // A wide table (a column per demand) scrolls inside its frame: the keyboard can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
    <section className="table-wrap" tabIndex={0} aria-label={caption}>
      <table className="sv-table sv-breakdown-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            <th scope="col">{s.respondents}</th>
            {results.demands.map((d) => (
              <th key={d.demandId} scope="col">
                {d.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key ?? 'none'} data-group={row.label ?? ''}>
              <th scope="row">{row.label ?? s.unknownGroup}</th>
              <td>{cell(row.respondents, row.hidden)}</td>
              {results.demands.map((d) => (
                <td key={d.demandId}>{cell(row.counts[d.demandId] ?? null, row.hidden)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Questions({ results }: { results: SurveyResults }) {
  const s = useSurveyText();
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="sv-section sv-print-block" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.questionResults}</h2>
      {results.questions.map((q) => {
        const rows =
          q.options?.map((o) => ({ label: o.option, count: o.count })) ??
          q.scale?.map((o) => ({ label: String(o.value), count: o.count })) ??
          [];
        return (
          <div key={q.id} className="sv-question-result">
            <h3>{q.label}</h3>
            <p className="muted">
              {s.answeredN(q.answered)}
              {q.mean !== undefined && q.mean !== null && ` ・ ${s.mean(q.mean.toFixed(2))}`}
            </p>
            {rows.length > 0 && (
              <table className="sv-table">
                <caption className="visually-hidden">{q.label}</caption>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.label}>
                      <th scope="row">{r.label}</th>
                      <td>
                        <span className="sv-rate">
                          <span className="sv-rate-text">{t.common.people(r.count)}</span>
                          <span className="bar sv-bar" aria-hidden="true">
                            <span
                              style={{
                                width: `${q.answered ? Math.round((r.count / q.answered) * 100) : 0}%`,
                              }}
                            />
                          </span>
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        );
      })}
    </section>
  );
}

function FreeText({ surveyId, count, enabled }: { surveyId: string; count: number; enabled: boolean }) {
  const s = useSurveyText();
  const headingId = useId();
  const [offset, setOffset] = useState(0);
  const list = useFreeText(surveyId, offset, enabled && count > 0);
  return (
    <section className="sv-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {s.freeTextTitle} <small className="muted">{s.freeTextCount(count)}</small>
      </h2>
      {count === 0 ? (
        <EmptyState>{s.noFreeText}</EmptyState>
      ) : enabled ? (
        <QueryState isLoading={list.isLoading} error={list.error}>
          <ul className="sv-free-text">
            {list.data?.items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: answers carry no id; the page's order is stable
              <li key={`${offset}-${i}`}>
                {item.text}
                {item.memberName && <small className="muted">{s.writtenBy(item.memberName)}</small>}
              </li>
            ))}
          </ul>
          {list.data && (
            <Pagination
              offset={offset}
              limit={FREE_TEXT_LIMIT}
              total={list.data.total}
              onOffset={setOffset}
            />
          )}
        </QueryState>
      ) : null}
    </section>
  );
}
