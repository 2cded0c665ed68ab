import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Field } from '../../components/Field';
import { del, patch, post } from '../../http/client';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, serverFields, useFocusOnMount } from '../workplaces/form-helpers';
import { useDemandText } from './messages';
import { demandKeys, type Season, useSeasons } from './queries';

/**
 * The season selector of the demand list: the current season (the default, no URL
 * parameter), each other season, every demand (`all`) or those without a season (`none`).
 */
export function SeasonSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const d = useDemandText();
  const seasons = useSeasons();
  const items = seasons.data?.items ?? [];
  const current = items.find((s) => s.id === seasons.data?.currentId);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{current ? d.seasonCurrent(current.name) : d.seasonNoCurrent}</option>
      {items
        .filter((s) => s.id !== current?.id)
        .map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      <option value="all">{d.seasonAll}</option>
      <option value="none">{d.seasonNone}</option>
    </select>
  );
}

type SeasonValues = { name: string; startsOn: string; endsOn: string };
const SHOWN = ['name', 'startsOn', 'endsOn'];

/** After a season changes: the seasons, every demand list (the current season may move) and the dashboards. */
function useInvalidateSeasons() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: demandKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['dashboards'] }),
    ]);
}

/** 交渉シーズン for admins and officers: the list, a new season, dates and names corrected, an unused one deleted. */
export function SeasonManager({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const d = useDemandText();
  const titleId = useId();
  const seasons = useSeasons();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const items = seasons.data?.items ?? [];

  return (
    <section className="card dm-form dm-seasons" aria-labelledby={titleId}>
      <h2 id={titleId}>{d.seasonsTitle}</h2>
      <p className="muted">{d.seasonsIntro}</p>
      <p role="status" className="dm-saved">
        {notice}
      </p>
      {items.length === 0 ? (
        <p className="muted">{d.noSeasons}</p>
      ) : (
        <ul className="dm-season-list">
          {items.map((season) =>
            editing === season.id ? (
              <li key={season.id}>
                <SeasonForm
                  season={season}
                  onDone={(text) => {
                    setEditing(null);
                    setNotice(text);
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <SeasonRow
                key={season.id}
                season={season}
                current={season.id === seasons.data?.currentId}
                onEdit={() => {
                  setNotice('');
                  setEditing(season.id);
                }}
                onNotice={setNotice}
              />
            ),
          )}
        </ul>
      )}
      {adding ? (
        <SeasonForm
          onDone={(text) => {
            setAdding(false);
            setNotice(text);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            {t.common.close}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setNotice('');
              setAdding(true);
            }}
          >
            + {d.addSeason}
          </button>
        </div>
      )}
    </section>
  );
}

function SeasonRow({
  season,
  current,
  onEdit,
  onNotice,
}: {
  season: Season;
  current: boolean;
  onEdit: () => void;
  onNotice: (text: string) => void;
}) {
  const { t } = useI18n();
  const d = useDemandText();
  const invalidate = useInvalidateSeasons();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => del(`/seasons/${season.id}`, { version: season.version }),
    onSuccess: async () => {
      onNotice(d.seasonDeleted);
      await invalidate();
    },
  });
  return (
    <li className="dm-season" data-season-id={season.id}>
      <span className="dm-season-name">
        {season.name}
        {current && <span className="chip dm-current">{d.currentBadge}</span>}
      </span>
      <span className="dm-season-dates">
        {season.startsOn} – {season.endsOn}
      </span>
      <span className="muted">{d.seasonDemands(season.demandCount)}</span>
      <span className="dm-season-actions">
        <button type="button" onClick={onEdit} aria-label={d.editSeasonLabel(season.name)}>
          {t.common.edit}
        </button>
        {season.demandCount === 0 &&
          (confirming ? (
            <>
              <button
                type="button"
                className="danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
                aria-label={d.deleteSeasonLabel(season.name)}
              >
                {remove.isPending ? d.deleting : d.deleteDemandYes}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t.common.cancel}
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => setConfirming(true)}
              aria-label={d.deleteSeasonLabel(season.name)}
            >
              {t.common.delete}
            </button>
          ))}
      </span>
      {remove.error ? <FormAlert error={remove.error} /> : null}
    </li>
  );
}

/** Adds a season, or corrects one with the version it was read at (a stale one: reload and retry). */
function SeasonForm({
  season,
  onDone,
  onCancel,
}: {
  season?: Season;
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const d = useDemandText();
  const titleId = useId();
  const invalidate = useInvalidateSeasons();
  const seasons = useSeasons();
  const first = useFocusOnMount<HTMLInputElement>();
  const [version, setVersion] = useState(season?.version);
  const [values, setValues] = useState<SeasonValues>({
    name: season?.name ?? '',
    startsOn: season?.startsOn ?? '',
    endsOn: season?.endsOn ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      season
        ? patch<Season>(`/seasons/${season.id}`, { ...values, version })
        : post<Season>('/seasons', values),
    onSuccess: async () => {
      await invalidate();
      onDone(d.seasonSaved);
    },
  });
  const fields = serverFields(save.error);
  const fieldError = (name: string) => (fields[name] ? translateFieldError(fields[name], lang) : undefined);
  const set = (key: keyof SeasonValues, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const reload = async () => {
    const latest = (await seasons.refetch()).data?.items.find((s) => s.id === season?.id);
    if (latest) {
      setVersion(latest.version);
      setValues({ name: latest.name, startsOn: latest.startsOn, endsOn: latest.endsOn });
    }
    save.reset();
  };

  return (
    <form className="dm-season-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{season ? d.editSeasonLabel(season.name) : d.addSeasonTitle}</h3>
      <FormAlert
        error={save.error}
        shownFields={SHOWN}
        onReload={season ? reload : undefined}
        translate={(m) => translateFieldError(m, lang)}
      />
      <div className="form-grid">
        <Field label={d.seasonName} required error={fieldError('name')}>
          {(props) => (
            <input
              {...props}
              ref={first}
              value={values.name}
              maxLength={100}
              placeholder={d.seasonNamePlaceholder}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field label={d.startsOn} required error={fieldError('startsOn')}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={values.startsOn}
              onChange={(e) => set('startsOn', e.target.value)}
            />
          )}
        </Field>
        <Field label={d.endsOn} required error={fieldError('endsOn')}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={values.endsOn}
              onChange={(e) => set('endsOn', e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : season ? t.common.save : t.common.create}
        </button>
      </div>
    </form>
  );
}
