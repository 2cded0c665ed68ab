import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { type SurveyMessages, translateAnswerError } from './messages';

// The answer form of a survey: the public page (/s/:token) and the staff's paper answer
// entry both use it. Plain React (no router, no query library), so the public page stays small.

export const FREE_TEXT_MAX = 4000;
export const SHORT_TEXT_MAX = 500;

export type AnswerQuestion = {
  id: string;
  kind: 'single' | 'multiple' | 'scale' | 'text';
  label: string;
  options?: string[] | undefined;
  required: boolean;
};

export type AnswerSurvey = {
  rankTop: number | null;
  freeTextLabel: string | null;
  demands: { id: string; title: string; description?: string | null | undefined }[];
  questions: AnswerQuestion[];
};

export type AnswerValue = string | number | string[];

export type AnswerBody = {
  demandIds: string[];
  freeText: string | null;
  answers: Record<string, AnswerValue>;
};

/** An answer as the API sends it back (answers' values are untyped there). */
export type SavedAnswer = {
  demandIds: string[];
  freeText: string | null;
  answers: Record<string, unknown>;
};

type State = {
  chosen: string[];
  ranks: string[];
  freeText: string;
  answers: Record<string, AnswerValue>;
};

function initialState(survey: AnswerSurvey, saved: SavedAnswer | null): State {
  const places = survey.rankTop === null ? 0 : Math.min(survey.rankTop, survey.demands.length);
  const ids = saved?.demandIds ?? [];
  const answers: Record<string, AnswerValue> = {};
  for (const [key, value] of Object.entries(saved?.answers ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') answers[key] = value;
    else if (Array.isArray(value)) answers[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return {
    chosen: ids,
    ranks: Array.from({ length: places }, (_, i) => ids[i] ?? ''),
    freeText: saved?.freeText ?? '',
    answers,
  };
}

/** The body the API takes, from the form's state. */
function bodyOf(survey: AnswerSurvey, state: State): AnswerBody {
  const demandIds =
    survey.rankTop === null
      ? survey.demands.map((d) => d.id).filter((id) => state.chosen.includes(id))
      : state.ranks.filter(Boolean);
  const answers: Record<string, AnswerValue> = {};
  for (const q of survey.questions) {
    const value = state.answers[q.id];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    answers[q.id] = typeof value === 'string' ? value.trim() || value : value;
  }
  return {
    demandIds,
    freeText: survey.freeTextLabel === null ? null : state.freeText.trim() ? state.freeText : null,
    answers,
  };
}

/** What the browser can check before sending: required questions, one place per demand. */
function localErrors(survey: AnswerSurvey, state: State, m: SurveyMessages): Record<string, string> {
  const errors: Record<string, string> = {};
  if (survey.rankTop !== null) {
    const picked = state.ranks.filter(Boolean);
    if (new Set(picked).size !== picked.length) errors.demandIds = m.errors.duplicateRank;
  }
  for (const q of survey.questions) {
    const value = state.answers[q.id];
    const empty =
      value === undefined ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0);
    if (q.required && empty) errors[`answers.${q.id}`] = m.errors.required;
  }
  return errors;
}

export function AnswerForm({
  survey,
  saved,
  readOnly = false,
  pending = false,
  serverErrors,
  submitLabel,
  text: m,
  onSubmit,
}: {
  survey: AnswerSurvey;
  saved: SavedAnswer | null;
  readOnly?: boolean;
  pending?: boolean;
  /** The server's field messages (English; translated here). */
  serverErrors?: Record<string, string> | undefined;
  submitLabel: string;
  text: SurveyMessages;
  onSubmit: (body: AnswerBody) => void;
}) {
  const base = useId();
  const [state, setState] = useState(() => initialState(survey, saved));
  const [local, setLocal] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  // A new saved answer (after a save, or another member's on the paper form) replaces the form's state.
  const savedKey = JSON.stringify(saved);
  const lastSaved = useRef(savedKey);
  useEffect(() => {
    if (lastSaved.current === savedKey) return;
    lastSaved.current = savedKey;
    setState(initialState(survey, saved));
    setLocal({});
  }, [savedKey, survey, saved]);

  const server = Object.fromEntries(
    Object.entries(serverErrors ?? {}).map(([k, v]) => [k, translateAnswerError(v, m)]),
  );
  const errors = { ...server, ...local };
  const errorFor = (key: string) => errors[key];
  const errorId = (key: string) => `${base}-${key.replace(/\W/g, '_')}-error`;

  // After the server refuses, the keyboard goes to the first field it names.
  useEffect(() => {
    if (serverErrors && Object.keys(serverErrors).length) focusFirstInvalid(form.current);
  }, [serverErrors]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    const found = localErrors(survey, state, m);
    setLocal(found);
    if (Object.keys(found).length) {
      // Rendered first, then focused.
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    onSubmit(bodyOf(survey, state));
  };

  const setAnswer = (id: string, value: AnswerValue) =>
    setState((s) => ({ ...s, answers: { ...s.answers, [id]: value } }));

  const demandsError = errorFor('demandIds');
  const places = state.ranks.length;

  return (
    <form ref={form} className="sv-form" onSubmit={submit} noValidate>
      {Object.keys(errors).length > 0 && (
        <p className="sv-alert sv-alert-error" role="alert">
          {m.fixErrors}
        </p>
      )}
      <fieldset
        className="sv-fieldset"
        aria-describedby={demandsError ? errorId('demandIds') : undefined}
        disabled={readOnly}
      >
        <legend>{survey.rankTop === null ? m.demandsLegend : m.rankLegend(places)}</legend>
        <p className="sv-hint">{survey.rankTop === null ? m.demandsHint : m.rankHint}</p>
        {survey.rankTop === null ? (
          <ul className="sv-choices">
            {survey.demands.map((d) => {
              const id = `${base}-d-${d.id}`;
              return (
                <li key={d.id}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={state.chosen.includes(d.id)}
                    aria-invalid={demandsError ? true : undefined}
                    onChange={(e) =>
                      setState((s) => ({
                        ...s,
                        chosen: e.target.checked ? [...s.chosen, d.id] : s.chosen.filter((c) => c !== d.id),
                      }))
                    }
                  />
                  <label htmlFor={id}>
                    <span className="sv-choice-title">{d.title}</span>
                    {d.description && <span className="sv-choice-desc">{d.description}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
        ) : (
          <ol className="sv-ranks">
            {state.ranks.map((value, i) => {
              const id = `${base}-rank-${i}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: the places are fixed, 1..n
                <li key={i} className="sv-rank">
                  <label htmlFor={id}>{m.rankLabel(i + 1)}</label>
                  <select
                    id={id}
                    value={value}
                    aria-invalid={demandsError ? true : undefined}
                    aria-describedby={demandsError ? errorId('demandIds') : undefined}
                    onChange={(e) =>
                      setState((s) => ({
                        ...s,
                        ranks: s.ranks.map((r, j) => (j === i ? e.target.value : r)),
                      }))
                    }
                  >
                    <option value="">{m.rankNone}</option>
                    {survey.demands.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.title}
                      </option>
                    ))}
                  </select>
                </li>
              );
            })}
          </ol>
        )}
        {demandsError && (
          <p id={errorId('demandIds')} className="sv-error">
            {demandsError}
          </p>
        )}
      </fieldset>

      {survey.questions.map((q) => (
        <Question
          key={q.id}
          question={q}
          value={state.answers[q.id]}
          error={errorFor(`answers.${q.id}`)}
          errorId={errorId(`answers.${q.id}`)}
          idBase={`${base}-q-${q.id}`}
          readOnly={readOnly}
          text={m}
          onChange={(value) => setAnswer(q.id, value)}
        />
      ))}

      {survey.freeTextLabel !== null && (
        <div className="sv-field">
          <label htmlFor={`${base}-free`}>
            {survey.freeTextLabel} <span className="sv-tag">{m.optional}</span>
          </label>
          <textarea
            id={`${base}-free`}
            rows={5}
            maxLength={FREE_TEXT_MAX}
            value={state.freeText}
            readOnly={readOnly}
            aria-invalid={errorFor('freeText') ? true : undefined}
            aria-describedby={`${base}-free-hint${errorFor('freeText') ? ` ${errorId('freeText')}` : ''}`}
            onChange={(e) => setState((s) => ({ ...s, freeText: e.target.value }))}
          />
          <p id={`${base}-free-hint`} className="sv-hint">
            {m.freeTextHint(FREE_TEXT_MAX)}
          </p>
          {errorFor('freeText') && (
            <p id={errorId('freeText')} className="sv-error">
              {errorFor('freeText')}
            </p>
          )}
        </div>
      )}

      {!readOnly && (
        <button type="submit" className="sv-submit" disabled={pending}>
          {pending ? m.sending : submitLabel}
        </button>
      )}
    </form>
  );
}

function focusFirstInvalid(form: HTMLFormElement | null) {
  const target = form?.querySelector<HTMLInputElement>('[aria-invalid="true"]');
  if (!target) return;
  // In a group of radio buttons the chosen one takes the keyboard, as arrow keys expect.
  const chosen =
    target.type === 'radio'
      ? form?.querySelector<HTMLInputElement>(
          `input[type="radio"][name="${CSS.escape(target.name)}"]:checked`,
        )
      : null;
  (chosen ?? target).focus();
}

function Question({
  question: q,
  value,
  error,
  errorId,
  idBase,
  readOnly,
  text: m,
  onChange,
}: {
  question: AnswerQuestion;
  value: AnswerValue | undefined;
  error: string | undefined;
  errorId: string;
  idBase: string;
  readOnly: boolean;
  text: SurveyMessages;
  onChange: (value: AnswerValue) => void;
}) {
  const tag = <span className="sv-tag">{q.required ? m.required : m.optional}</span>;
  const invalid = error ? true : undefined;
  const describedBy = error ? errorId : undefined;
  const errorText = error && (
    <p id={errorId} className="sv-error">
      {error}
    </p>
  );
  if (q.kind === 'text') {
    return (
      <div className="sv-field">
        <label htmlFor={idBase}>
          {q.label} {tag}
        </label>
        <input
          id={idBase}
          type="text"
          maxLength={SHORT_TEXT_MAX}
          value={typeof value === 'string' ? value : ''}
          readOnly={readOnly}
          aria-required={q.required || undefined}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
        {errorText}
      </div>
    );
  }
  const options =
    q.kind === 'scale'
      ? [1, 2, 3, 4, 5].map((n) => ({ key: String(n), label: String(n), value: n }))
      : (q.options ?? []).map((o) => ({ key: o, label: o, value: o }));
  const multiple = q.kind === 'multiple';
  const selected = (v: string | number) =>
    multiple ? Array.isArray(value) && value.includes(v as string) : value === v;
  return (
    <fieldset
      className={`sv-fieldset${q.kind === 'scale' ? ' sv-scale' : ''}`}
      aria-describedby={describedBy}
      disabled={readOnly}
    >
      <legend>
        {q.label} {tag}
      </legend>
      {q.kind === 'scale' && (
        <p className="sv-hint" aria-hidden="true">
          1 = {m.scaleLow} / 5 = {m.scaleHigh}
        </p>
      )}
      <ul className="sv-choices">
        {options.map((o, i) => {
          const id = `${idBase}-${i}`;
          return (
            <li key={o.key}>
              <input
                id={id}
                type={multiple ? 'checkbox' : 'radio'}
                name={idBase}
                checked={selected(o.value)}
                aria-invalid={invalid}
                onChange={(e) => {
                  if (!multiple) onChange(o.value);
                  else {
                    const current = Array.isArray(value) ? value : [];
                    onChange(
                      e.target.checked
                        ? [...current, o.value as string]
                        : current.filter((c) => c !== o.value),
                    );
                  }
                }}
              />
              <label htmlFor={id}>
                {o.label}
                {q.kind === 'scale' && o.value === 1 && (
                  <span className="visually-hidden">（{m.scaleLow}）</span>
                )}
                {q.kind === 'scale' && o.value === 5 && (
                  <span className="visually-hidden">（{m.scaleHigh}）</span>
                )}
              </label>
            </li>
          );
        })}
      </ul>
      {errorText}
    </fieldset>
  );
}
