import { type FormEvent, useId, useState } from 'react';
import {
  DEFAULT_FREE_TEXT_LABEL,
  QUESTION_KINDS,
  type QuestionKind,
  SURVEY_MAX_QUESTIONS,
} from '../../../core/surveys/schemas';
import { Field } from '../../components/Field';
import { FormAlert, serverFields, useFocusOnMount } from '../../components/form';
import { useToday } from '../../components/today';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useDemands, useSeasons } from '../demands/queries';
import { surveyFieldError, useSurveyText } from './messages';
import type { Survey } from './queries';

// The survey builder (アンケートを作成), also the edit form of a survey page. The server
// decides what is valid; its 400 field messages appear beside the fields they name.

type QuestionDraft = {
  key: number;
  id?: string;
  kind: QuestionKind;
  label: string;
  options: string;
  required: boolean;
};

export type BuilderValues = {
  title: string;
  /** A season id, or '' for none. */
  seasonId: string;
  anonymous: boolean | null;
  demandIds: string[];
  rankTop: boolean;
  freeText: boolean;
  freeTextLabel: string;
  questions: QuestionDraft[];
  closesOn: string;
};

let questionKey = 0;

function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function valuesOf(survey: Survey): BuilderValues {
  return {
    title: survey.title,
    seasonId: survey.seasonId ?? '',
    anonymous: survey.anonymous,
    demandIds: survey.demands.map((d) => d.id),
    rankTop: survey.rankTop !== null,
    freeText: survey.freeTextLabel !== null,
    freeTextLabel: survey.freeTextLabel ?? DEFAULT_FREE_TEXT_LABEL,
    questions: survey.questions.map((q) => ({
      key: ++questionKey,
      id: q.id,
      kind: q.kind,
      label: q.label,
      options: (q.options ?? []).join('\n'),
      required: q.required,
    })),
    closesOn: survey.closesOn,
  };
}

function questionBody(q: QuestionDraft) {
  const choice = q.kind === 'single' || q.kind === 'multiple';
  return {
    ...(q.id ? { id: q.id } : {}),
    kind: q.kind,
    label: q.label,
    ...(choice
      ? {
          options: q.options
            .split('\n')
            .map((o) => o.trim())
            .filter(Boolean),
        }
      : {}),
    required: q.required,
  };
}

/** The API body: everything for a new survey; for an edit, what may still change. */
export function builderBody(
  v: BuilderValues,
  mode: { editable: boolean; version?: number } = { editable: true },
) {
  const freeText = !v.freeText
    ? false
    : v.freeTextLabel.trim() === '' || v.freeTextLabel.trim() === DEFAULT_FREE_TEXT_LABEL
      ? true
      : v.freeTextLabel.trim();
  return {
    title: v.title,
    seasonId: v.seasonId || null,
    ...(mode.editable
      ? {
          ...(v.anonymous === null ? {} : { anonymous: v.anonymous }),
          demandIds: v.demandIds,
          rankTop: v.rankTop ? 3 : null,
          freeText,
          questions: v.questions.map(questionBody),
        }
      : {}),
    closesOn: v.closesOn,
    ...(mode.version === undefined ? {} : { version: mode.version }),
  };
}

const SHOWN = ['title', 'seasonId', 'anonymous', 'demandIds', 'rankTop', 'freeText', 'questions', 'closesOn'];

export function SurveyBuilder({
  survey,
  initialSeasonId,
  preselect = false,
  error,
  pending,
  onSubmit,
  onCancel,
  onReload,
}: {
  /** Editing this survey; none: a new one. */
  survey?: Survey;
  /** A new survey's season: an id, or undefined for the current one. */
  initialSeasonId?: string | undefined;
  /** A new survey offers every demand of its season from the start (from the demand list or the 春闘 task). */
  preselect?: boolean;
  error: unknown;
  pending: boolean;
  onSubmit: (body: ReturnType<typeof builderBody>) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t, lang } = useI18n();
  const s = useSurveyText();
  const headingId = useId();
  const base = useId();
  const today = useToday();
  const seasons = useSeasons();
  const editable = survey ? survey.editable : true;
  const currentId = seasons.data?.currentId ?? null;
  const [values, setValues] = useState<BuilderValues | null>(() => (survey ? valuesOf(survey) : null));
  // A new survey waits for the seasons: its season and title come from them.
  const seasonsLoaded = Boolean(seasons.data);
  const init: BuilderValues | null =
    values ??
    (seasonsLoaded
      ? (() => {
          const seasonId = initialSeasonId ?? currentId ?? '';
          const season = seasons.data?.items.find((x) => x.id === seasonId);
          return {
            title: s.defaultTitle(season?.name ?? null),
            seasonId,
            anonymous: null,
            demandIds: [],
            rankTop: false,
            freeText: true,
            freeTextLabel: DEFAULT_FREE_TEXT_LABEL,
            questions: [],
            closesOn: plusDays(today, 14),
          };
        })()
      : null);
  const v = init;
  const demands = useDemands(
    { season: v ? v.seasonId || 'none' : undefined, sort: '-relatedMemberCount', limit: 500 },
    Boolean(v),
  );
  // Preselected once the season's demands are known.
  const [preselected, setPreselected] = useState(!preselect || Boolean(survey));
  if (!preselected && v && demands.data && !demands.isPlaceholderData) {
    setPreselected(true);
    setValues({ ...v, demandIds: demands.data.items.map((d) => d.id).slice(0, 50) });
  }
  const first = useFocusOnMount<HTMLInputElement>();

  if (!v) return <p role="status">{t.common.loading}</p>;

  const set = <K extends keyof BuilderValues>(key: K, value: BuilderValues[K]) =>
    setValues({ ...v, [key]: value });
  const fields = serverFields(error);
  const say = (m: string) => surveyFieldError(m, s) ?? translateFieldError(m, lang);
  const fieldError = (name: string) => (fields[name] ? say(fields[name]) : undefined);
  /** Messages about a field and its elements (questions.0, questions.0.options.1…). */
  const errorsUnder = (prefix: string) =>
    Object.entries(fields)
      .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
      .map(([, m]) => say(m));

  const offered = demands.data?.items ?? [];
  const byId = new Map([
    ...(survey?.demands ?? []).map((d) => [d.id, d.title] as const),
    ...offered.map((d) => [d.id, d.title] as const),
  ]);
  const unchosen = offered.filter((d) => !v.demandIds.includes(d.id));
  const move = (index: number, by: number) => {
    const ids = [...v.demandIds];
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    set('demandIds', ids);
  };
  const setQuestion = (key: number, change: Partial<QuestionDraft>) =>
    set(
      'questions',
      v.questions.map((q) => (q.key === key ? { ...q, ...change } : q)),
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(builderBody(v, { editable, ...(survey ? { version: survey.version } : {}) }));
  };
  const demandsError = errorsUnder('demandIds')[0];

  return (
    <form className="card sv-builder" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId}>{survey ? s.editTitle : s.newTitle}</h2>
      <FormAlert error={error} shownFields={SHOWN} translate={say} {...(onReload ? { onReload } : {})} />
      {survey && !editable && <p className="alert alert-warning">{s.editLocked}</p>}
      <Field label={s.fields.title} required error={fieldError('title')}>
        {(props) => (
          <input
            {...props}
            ref={first}
            value={v.title}
            maxLength={200}
            onChange={(e) => set('title', e.target.value)}
          />
        )}
      </Field>
      <div className="form-grid">
        <Field label={s.fields.season} error={fieldError('seasonId')}>
          {(props) => (
            <select
              {...props}
              value={v.seasonId}
              onChange={(e) => {
                const seasonId = e.target.value;
                const season = seasons.data?.items.find((x) => x.id === seasonId);
                const autoTitle = [
                  ...(seasons.data?.items ?? []).map((x) => s.defaultTitle(x.name)),
                  s.defaultTitle(null),
                ];
                setValues({
                  ...v,
                  seasonId,
                  // The season's demands replace the last one's (a new survey offers them all when asked to).
                  demandIds: editable ? [] : v.demandIds,
                  title: autoTitle.includes(v.title) ? s.defaultTitle(season?.name ?? null) : v.title,
                });
                if (preselect && !survey) setPreselected(false);
              }}
              disabled={Boolean(survey) && !editable}
            >
              {seasons.data?.items.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.id === currentId ? s.seasonCurrent(x.name) : x.name}
                </option>
              ))}
              <option value="">{s.noSeason}</option>
            </select>
          )}
        </Field>
        <Field label={s.fields.closesOn} required error={fieldError('closesOn')}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={v.closesOn}
              onChange={(e) => set('closesOn', e.target.value)}
            />
          )}
        </Field>
      </div>

      <fieldset
        className="sv-radio-cards"
        disabled={!editable}
        aria-describedby={fieldError('anonymous') ? `${base}-anon-error` : undefined}
      >
        <legend>
          {s.fields.anonymity}
          <span aria-hidden="true"> *</span>
        </legend>
        {([false, true] as const).map((anonymous) => (
          <label key={String(anonymous)} className="sv-radio-card">
            <input
              type="radio"
              name={`${base}-anonymous`}
              checked={v.anonymous === anonymous}
              aria-invalid={Boolean(fieldError('anonymous'))}
              onChange={() => set('anonymous', anonymous)}
            />
            <span>
              <strong>{anonymous ? s.anonymous : s.identified}</strong>
              <span className="sv-radio-explain">{anonymous ? s.anonymousExplain : s.identifiedExplain}</span>
            </span>
          </label>
        ))}
        {fieldError('anonymous') && (
          <small id={`${base}-anon-error`} className="field-error" role="alert">
            {fieldError('anonymous')}
          </small>
        )}
      </fieldset>

      <fieldset
        className="sv-demand-picker"
        disabled={!editable}
        aria-describedby={`${base}-demands-hint${demandsError ? ` ${base}-demands-error` : ''}`}
      >
        <legend>
          {s.fields.demands}
          <span aria-hidden="true"> *</span>
        </legend>
        <p id={`${base}-demands-hint`} className="field-hint">
          {s.demandsHint} <span aria-live="polite">{s.selectedCount(v.demandIds.length)}</span>
        </p>
        {demandsError && (
          <small id={`${base}-demands-error`} className="field-error" role="alert">
            {demandsError}
          </small>
        )}
        {offered.length === 0 && demands.data && v.demandIds.length === 0 ? (
          <p className="muted">{s.noDemands}</p>
        ) : (
          <>
            {editable && offered.length > 0 && (
              <div className="sv-picker-actions">
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    set('demandIds', [...v.demandIds, ...unchosen.map((d) => d.id)].slice(0, 50))
                  }
                >
                  {s.selectAll}
                </button>
                <button type="button" className="link-button" onClick={() => set('demandIds', [])}>
                  {s.selectNone}
                </button>
              </div>
            )}
            <ol className="sv-demand-list">
              {v.demandIds.map((id, i) => {
                const title = byId.get(id) ?? id;
                const boxId = `${base}-d-${id}`;
                return (
                  <li key={id} className="sv-demand is-chosen">
                    <input
                      id={boxId}
                      type="checkbox"
                      checked
                      aria-invalid={Boolean(demandsError)}
                      onChange={() =>
                        set(
                          'demandIds',
                          v.demandIds.filter((x) => x !== id),
                        )
                      }
                    />
                    <label htmlFor={boxId}>
                      <span className="sv-order" aria-hidden="true">
                        {i + 1}.
                      </span>{' '}
                      {title}
                    </label>
                    {editable && (
                      <span className="sv-move">
                        <button
                          type="button"
                          aria-label={s.moveUp(title)}
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          aria-label={s.moveDown(title)}
                          disabled={i === v.demandIds.length - 1}
                          onClick={() => move(i, 1)}
                        >
                          ↓
                        </button>
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
            {editable && unchosen.length > 0 && (
              <ul className="sv-demand-list">
                {unchosen.map((d) => {
                  const boxId = `${base}-d-${d.id}`;
                  return (
                    <li key={d.id} className="sv-demand">
                      <input
                        id={boxId}
                        type="checkbox"
                        checked={false}
                        aria-invalid={Boolean(demandsError)}
                        onChange={() => set('demandIds', [...v.demandIds, d.id])}
                      />
                      <label htmlFor={boxId}>{d.title}</label>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </fieldset>

      <div className="sv-check">
        <input
          id={`${base}-rank`}
          type="checkbox"
          checked={v.rankTop}
          disabled={!editable}
          aria-describedby={`${base}-rank-hint`}
          onChange={(e) => set('rankTop', e.target.checked)}
        />
        <label htmlFor={`${base}-rank`}>{s.fields.rankTop}</label>
        <small id={`${base}-rank-hint`} className="field-hint">
          {s.rankTopHint}
        </small>
        {fieldError('rankTop') && (
          <small className="field-error" role="alert">
            {fieldError('rankTop')}
          </small>
        )}
      </div>

      <div className="sv-check">
        <input
          id={`${base}-free`}
          type="checkbox"
          checked={v.freeText}
          disabled={!editable}
          onChange={(e) => set('freeText', e.target.checked)}
        />
        <label htmlFor={`${base}-free`}>{s.fields.freeText}</label>
      </div>
      {v.freeText && (
        <Field label={s.fields.freeTextLabel} hint={s.freeTextHint} error={fieldError('freeText')}>
          {(props) => (
            <input
              {...props}
              value={v.freeTextLabel}
              maxLength={200}
              disabled={!editable}
              onChange={(e) => set('freeTextLabel', e.target.value)}
            />
          )}
        </Field>
      )}

      <fieldset className="sv-questions" disabled={!editable}>
        <legend>{s.fields.questions}</legend>
        <p className="field-hint">{s.questionsHint}</p>
        {fieldError('questions') && (
          <small className="field-error" role="alert">
            {fieldError('questions')}
          </small>
        )}
        {v.questions.map((q, i) => {
          const path = `questions.${i}`;
          const choice = q.kind === 'single' || q.kind === 'multiple';
          return (
            <fieldset key={q.key} className="sv-question">
              <legend>{s.questionN(i + 1)}</legend>
              <div className="form-grid">
                <Field label={s.questionKind} error={fieldError(`${path}.kind`)}>
                  {(props) => (
                    <select
                      {...props}
                      value={q.kind}
                      onChange={(e) => setQuestion(q.key, { kind: e.target.value as QuestionKind })}
                    >
                      {QUESTION_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {s.kinds[k]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={s.questionLabel} required error={fieldError(`${path}.label`)}>
                  {(props) => (
                    <input
                      {...props}
                      value={q.label}
                      maxLength={500}
                      onChange={(e) => setQuestion(q.key, { label: e.target.value })}
                    />
                  )}
                </Field>
              </div>
              {choice && (
                <Field label={s.questionOptions} required error={errorsUnder(`${path}.options`)[0]}>
                  {(props) => (
                    <textarea
                      {...props}
                      rows={4}
                      value={q.options}
                      onChange={(e) => setQuestion(q.key, { options: e.target.value })}
                    />
                  )}
                </Field>
              )}
              <div className="sv-check">
                <input
                  id={`${base}-q${q.key}-req`}
                  type="checkbox"
                  checked={q.required}
                  onChange={(e) => setQuestion(q.key, { required: e.target.checked })}
                />
                <label htmlFor={`${base}-q${q.key}-req`}>{s.questionRequired}</label>
              </div>
              <button
                type="button"
                className="link-button danger-link"
                onClick={() =>
                  set(
                    'questions',
                    v.questions.filter((x) => x.key !== q.key),
                  )
                }
              >
                {s.removeQuestion(i + 1)}
              </button>
            </fieldset>
          );
        })}
        {v.questions.length < SURVEY_MAX_QUESTIONS && (
          <button
            type="button"
            onClick={() =>
              set('questions', [
                ...v.questions,
                { key: ++questionKey, kind: 'single', label: '', options: '', required: false },
              ])
            }
          >
            + {s.addQuestion}
          </button>
        )}
      </fieldset>

      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={pending}>
          {pending ? (survey ? t.common.saving : s.creating) : survey ? t.common.save : s.submitCreate}
        </button>
      </div>
    </form>
  );
}
