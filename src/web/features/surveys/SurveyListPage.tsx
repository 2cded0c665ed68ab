import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAccess } from '../../components/access';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useDemandText } from '../demands/messages';
import { useSeasons } from '../demands/queries';
import { SeasonSelect } from '../demands/SeasonManager';
import { useSurveyText } from './messages';
import { type Survey, useSurveys } from './queries';
import './surveys.css';

const LIMIT = 50;

/** The surveys of a season (the current one by default), with their status and response rate. */
export default function SurveyListPage() {
  const s = useSurveyText();
  const d = useDemandText();
  const may = useAccess();
  const headingId = useId();
  const [params, setParams] = useSearchParams();
  const season = params.get('season') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  // No parameter: the current season, as on the demand list (the API's own default is every season).
  const seasons = useSeasons();
  const seasonParam = season || (seasons.data ? (seasons.data.currentId ?? 'all') : undefined);
  const list = useSurveys(
    { season: seasonParam, offset: offset || undefined, limit: LIMIT },
    Boolean(seasonParam),
  );
  const items = list.data?.items ?? [];
  const update = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'offset') next.delete('offset');
      return next;
    });

  return (
    <div className="sv-staff">
      <div className="page-header">
        <h1 id={headingId}>{s.listTitle}</h1>
        {list.data && <span className="muted">{s.count(list.data.total)}</span>}
        {may('surveys.write') && (
          <div className="actions">
            <Link
              className="button primary"
              to={`/surveys/new${season && season !== 'all' && season !== 'none' ? `?season=${season}` : ''}`}
            >
              + {s.create}
            </Link>
          </div>
        )}
      </div>
      <p className="muted">{s.listIntro}</p>
      <section className="filters" aria-label={d.filters.label}>
        <div className="field">
          <label htmlFor="sv-season">{d.season}</label>
          <SeasonSelect id="sv-season" value={season} onChange={(value) => update('season', value)} />
        </div>
      </section>
      <QueryState
        isLoading={list.isLoading || !seasonParam}
        error={list.error}
        onRetry={() => list.refetch()}
      >
        {list.data && items.length === 0 ? (
          <EmptyState>{s.noSurveys}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table aria-labelledby={headingId} className="sv-table">
              <thead>
                <tr>
                  <th scope="col">{s.fields.title}</th>
                  <th scope="col">{s.fields.status}</th>
                  <th scope="col">{s.fields.anonymity}</th>
                  <th scope="col">{s.fields.rate}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((survey) => (
                  <SurveyRow key={survey.id} survey={survey} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.data && (
          <Pagination
            offset={offset}
            limit={LIMIT}
            total={list.data.total}
            onOffset={(o) => update('offset', o ? String(o) : '')}
          />
        )}
      </QueryState>
    </div>
  );
}

function SurveyRow({ survey }: { survey: Survey }) {
  const s = useSurveyText();
  const { t, formatDate } = useI18n();
  const rate = survey.invited ? survey.answered / survey.invited : 0;
  return (
    <tr data-survey-id={survey.id}>
      <th scope="row">
        <Link to={`/surveys/${survey.id}`}>{survey.title}</Link>
        {survey.seasonName && <small className="muted sv-row-season">{survey.seasonName}</small>}
      </th>
      <td>
        <StatusChip survey={survey} />
        <small className="muted sv-row-date">{s.closesOnText(formatDate(survey.closesOn))}</small>
      </td>
      <td>{survey.anonymous ? s.anonymous : s.identified}</td>
      <td>
        <RateBar
          answered={survey.answered}
          invited={survey.invited}
          label={s.rateText(survey.answered, survey.invited, t.common.percent(rate))}
        />
      </td>
    </tr>
  );
}

export function StatusChip({ survey }: { survey: Pick<Survey, 'status'> }) {
  const s = useSurveyText();
  return (
    <span
      className={`chip ${survey.status === 'open' ? 'sv-chip-open' : 'sv-chip-closed'}`}
      data-testid="survey-status"
    >
      {survey.status === 'open' ? s.open : s.closed}
    </span>
  );
}

/** A response rate as text with a bar beside it (the bar is decoration: the text says it). */
export function RateBar({ answered, invited, label }: { answered: number; invited: number; label: string }) {
  const pct = invited ? Math.round((answered / invited) * 100) : 0;
  return (
    <span className="sv-rate">
      <span className="sv-rate-text" data-testid="response-rate">
        {label}
      </span>
      <span className="bar sv-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}
