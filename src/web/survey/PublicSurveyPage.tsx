import { useCallback, useEffect, useRef, useState } from 'react';
import { type AnswerBody, AnswerForm, type AnswerSurvey, type SavedAnswer } from './AnswerForm';
import { en, formatDay, ja, type SurveyLang } from './messages';

// The page a member opens from a slip's QR code or a mailed link: /s/:token.
// No staff sign-in; the token in the path is all it knows.

export type PublicSurvey = AnswerSurvey & {
  organizationName: string;
  title: string;
  anonymous: boolean;
  status: 'open' | 'closed';
  closesOn: string;
  answer: SavedAnswer | null;
};

type Load =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed' }
  | { state: 'ready'; survey: PublicSurvey };

const STORAGE_KEY = 'kumiai.lang';

function initialLang(): SurveyLang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
  } catch {
    // storage may be unavailable: Japanese
  }
  return 'ja';
}

/** The token from /s/:token (nothing else of the path counts). */
export function tokenFromPath(pathname: string): string {
  const match = /^\/s\/([^/?#]+)/.exec(pathname);
  return match ? decodeURIComponent(match[1]!) : '';
}

type Failure = { status: number; fields: Record<string, string>; code: string };

async function send(method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    credentials: 'omit',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const error = (json as { error?: { code?: string; fields?: Record<string, string> } } | undefined)?.error;
    throw { status: res.status, fields: error?.fields ?? {}, code: error?.code ?? '' } satisfies Failure;
  }
  return json;
}

const isFailure = (e: unknown): e is Failure => typeof e === 'object' && e !== null && 'status' in e;

export function PublicSurveyPage({ token }: { token: string }) {
  const [lang, setLangState] = useState<SurveyLang>(initialLang);
  const m = lang === 'ja' ? ja : en;
  const setLang = (next: SurveyLang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // the choice still applies to this page
    }
  };
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [sendError, setSendError] = useState<'tooMany' | 'failed' | null>(null);
  const [fields, setFields] = useState<Record<string, string> | undefined>(undefined);
  const notice = useRef<HTMLDivElement>(null);
  const url = `/api/public/surveys/${encodeURIComponent(token)}`;

  const fetchSurvey = useCallback(async () => {
    setLoad({ state: 'loading' });
    if (!token) return setLoad({ state: 'missing' });
    try {
      const survey = (await send('GET', url)) as PublicSurvey;
      setLoad({ state: 'ready', survey });
    } catch (e) {
      setLoad({ state: isFailure(e) && (e.status === 404 || e.status === 400) ? 'missing' : 'failed' });
    }
  }, [token, url]);
  useEffect(() => {
    void fetchSurvey();
  }, [fetchSurvey]);

  useEffect(() => {
    if (load.state === 'ready' && load.survey.title)
      document.title = `${load.survey.title} — ${load.survey.organizationName}`;
  }, [load]);

  // The outcome of a send (saved, closed, refused) takes the keyboard, so it is read out.
  const focusNotice = () => requestAnimationFrame(() => notice.current?.focus());

  const submit = async (body: AnswerBody) => {
    if (load.state !== 'ready') return;
    setPending(true);
    setSendError(null);
    setFields(undefined);
    setSaved(false);
    try {
      const result = (await send('PUT', `${url}/answer`, body)) as {
        answer: SavedAnswer;
        status: 'open' | 'closed';
      };
      setLoad({ state: 'ready', survey: { ...load.survey, answer: result.answer, status: result.status } });
      setSaved(true);
      focusNotice();
    } catch (e) {
      if (isFailure(e) && e.status === 409 && e.code === 'survey_closed') {
        setLoad({ state: 'ready', survey: { ...load.survey, status: 'closed' } });
        focusNotice();
      } else if (isFailure(e) && e.status === 404) {
        setLoad({ state: 'missing' });
      } else if (isFailure(e) && e.status === 400 && Object.keys(e.fields).length) {
        setFields(e.fields);
      } else {
        setSendError(isFailure(e) && e.status === 429 ? 'tooMany' : 'failed');
        focusNotice();
      }
    } finally {
      setPending(false);
    }
  };

  const survey = load.state === 'ready' ? load.survey : null;
  return (
    <div className="sv-page">
      <header className="sv-top">
        <span className="sv-org">{survey?.organizationName ?? ''}</span>
        <button
          type="button"
          className="sv-lang"
          lang={lang === 'ja' ? 'en' : 'ja'}
          aria-label={`${m.lang}（${m.langLabel}）`}
          onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
        >
          {m.lang}
        </button>
      </header>
      <main className="sv-main">
        {load.state === 'loading' && (
          <>
            <h1 className="sv-title">{m.title}</h1>
            <p role="status">{m.loading}</p>
          </>
        )}
        {load.state === 'missing' && (
          <div role="alert">
            <h1 className="sv-title">{m.notFoundTitle}</h1>
            <p>{m.notFoundBody}</p>
          </div>
        )}
        {load.state === 'failed' && (
          <div role="alert">
            <h1 className="sv-title">{m.errorTitle}</h1>
            <p>{m.errorBody}</p>
            <button type="button" className="sv-submit" onClick={() => void fetchSurvey()}>
              {m.retry}
            </button>
          </div>
        )}
        {survey && (
          <>
            <h1 className="sv-title">{survey.title}</h1>
            <p className="sv-closes">{m.closesOn(formatDay(survey.closesOn, lang))}</p>
            <section
              className={`sv-privacy ${survey.anonymous ? 'sv-anon' : 'sv-named'}`}
              aria-labelledby="sv-privacy-title"
            >
              <h2 id="sv-privacy-title">{survey.anonymous ? m.anonymous : m.identified}</h2>
              <p>{survey.anonymous ? m.anonymousBody : m.identifiedBody}</p>
            </section>
            <div ref={notice} tabIndex={-1} className="sv-notice">
              {survey.status === 'closed' ? (
                <div className="sv-alert sv-alert-info" role="status">
                  <p>
                    <strong>{m.closed}</strong>
                  </p>
                  <p>{m.closedBody}</p>
                </div>
              ) : saved ? (
                <div className="sv-alert sv-alert-ok" role="status">
                  <p>
                    <strong>{m.saved}</strong>
                  </p>
                  <p>{m.savedUntil(formatDay(survey.closesOn, lang))}</p>
                </div>
              ) : sendError ? (
                <p className="sv-alert sv-alert-error" role="alert">
                  {sendError === 'tooMany' ? m.tooMany : m.sendFailed}
                </p>
              ) : null}
            </div>
            {survey.answer && (saved || survey.status === 'closed') && (
              <section className="sv-summary" aria-labelledby="sv-summary-title">
                <h2 id="sv-summary-title">{m.yourAnswer}</h2>
                <p className="sv-summary-label">{m.chosen}</p>
                {survey.answer.demandIds.length ? (
                  <ol className={survey.rankTop === null ? 'sv-plain-list' : undefined}>
                    {survey.answer.demandIds.map((id) => (
                      <li key={id}>{survey.demands.find((d) => d.id === id)?.title ?? ''}</li>
                    ))}
                  </ol>
                ) : (
                  <p>{m.noneChosen}</p>
                )}
              </section>
            )}
            <AnswerForm
              survey={survey}
              saved={survey.answer}
              readOnly={survey.status === 'closed'}
              pending={pending}
              serverErrors={fields}
              submitLabel={survey.answer ? m.update : m.submit}
              text={m}
              onSubmit={(body) => void submit(body)}
            />
          </>
        )}
      </main>
    </div>
  );
}
