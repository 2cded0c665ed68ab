import { useId } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../components/access';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useSurveyText } from './messages';
import { useSurveySupport } from './queries';
import './surveys.css';

/**
 * On the demand page: how many respondents of each survey chose this demand, apart from its
 * related (linked) members — an anonymous survey's support is only ever counted here.
 */
export function SurveySupport({ demandId }: { demandId: string }) {
  const s = useSurveyText();
  const { t } = useI18n();
  const headingId = useId();
  const mayRead = useCan('surveys.read');
  const support = useSurveySupport(demandId, mayRead);
  if (!mayRead) return null;
  const items = support.data ?? [];
  return (
    <section className="card sv-support" aria-labelledby={headingId}>
      <h2 id={headingId}>{s.supportTitle}</h2>
      <p className="muted">{s.supportIntro}</p>
      <QueryState isLoading={support.isLoading} error={support.error}>
        {items.length === 0 ? (
          <p className="muted">{s.noSupport}</p>
        ) : (
          <ul className="sv-support-list">
            {items.map((item) => (
              <li key={item.surveyId} data-survey-id={item.surveyId}>
                <Link to={`/surveys/${item.surveyId}/results`}>{item.title}</Link>{' '}
                <small className="muted">
                  {item.anonymous ? s.anonymous : s.identified}・{item.status === 'open' ? s.open : s.closed}
                </small>
                <span className="sv-rate">
                  <span className="sv-rate-text" data-testid="survey-support-count">
                    {item.count === null
                      ? item.withheld === 'too_few_respondents'
                        ? s.supportWithheldFew
                        : s.supportWithheldOpen
                      : s.supportCount(
                          item.count,
                          item.respondents,
                          t.common.percent(item.respondents ? item.count / item.respondents : 0),
                        )}
                  </span>
                  {item.count !== null && (
                    <span className="bar sv-bar" aria-hidden="true">
                      <span
                        style={{
                          width: `${item.respondents ? Math.round((item.count / item.respondents) * 100) : 0}%`,
                        }}
                      />
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
