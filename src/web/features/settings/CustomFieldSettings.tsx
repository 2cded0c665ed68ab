import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { FormAlert as SharedFormAlert, serverFields } from '../../components/form';
import { QueryState } from '../../components/QueryState';
import type { CustomField, CustomFieldEntity, CustomFieldOption, CustomFieldType } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { customFieldError, useCustomFieldText } from '../custom-fields/messages';
import {
  archiveCustomField,
  createCustomField,
  restoreCustomField,
  updateCustomField,
  useCustomFields,
  useCustomFieldsChanged,
} from '../custom-fields/queries';
import { fieldLabel } from '../custom-fields/values';
import { SavedNote } from './form-kit';
import '../custom-fields/custom-fields.css';

const ENTITIES: readonly CustomFieldEntity[] = ['member', 'workplace'];
const TYPES: readonly CustomFieldType[] = [
  'text',
  'long_text',
  'number',
  'date',
  'boolean',
  'choice',
  'choices',
];
const hasOptions = (type: CustomFieldType) => type === 'choice' || type === 'choices';

/** The shared form alert, with the server's messages about custom fields translated. */
function FormAlert(props: Omit<Parameters<typeof SharedFormAlert>[0], 'translate'>) {
  const { lang } = useI18n();
  return <SharedFormAlert {...props} translate={(m) => customFieldError(m, lang)} />;
}

/** The translated message for a field (`options.1.value` counts as `options`). */
function useFieldErrors(error: unknown) {
  const { lang } = useI18n();
  const fields = serverFields(error);
  return (name: string): string | undefined => {
    const key = Object.keys(fields).find((k) => k === name || k.startsWith(`${name}.`));
    return key ? customFieldError(fields[key], lang) : undefined;
  };
}

/**
 * カスタム項目 (issue 17, admins): the union's own fields of members and workplaces. Per entity the
 * active fields in order (moved up and down, edited, deleted = archived with their values kept) and
 * the archived ones, which can be restored.
 */
export function CustomFieldSettings() {
  const c = useCustomFieldText();
  return (
    <div className="custom-field-settings">
      <p className="muted">{c.intro}</p>
      {ENTITIES.map((entity) => (
        <EntityFields key={entity} entity={entity} />
      ))}
    </div>
  );
}

type Editing = { mode: 'create' } | { mode: 'edit'; field: CustomField } | null;

function EntityFields({ entity }: { entity: CustomFieldEntity }) {
  const { lang, formatDateTime } = useI18n();
  const c = useCustomFieldText();
  const list = useCustomFields(entity, true);
  const changed = useCustomFieldsChanged();
  const titleId = useId();
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<CustomField | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const entityName = c.entities[entity];
  const all = list.data ?? [];
  const active = all.filter((f) => f.archivedAt === null);
  const archived = all.filter((f) => f.archivedAt !== null);
  const label = (f: CustomField) => fieldLabel(f, lang);

  // The note comes once the list shows the change.
  const done = async (message: string) => {
    await changed(entity);
    setNote(message);
  };

  // Moving renumbers the active fields 0…n-1 in the new order; only those whose place changed are sent.
  const move = useMutation({
    mutationFn: async ({ index, by }: { index: number; by: -1 | 1 }) => {
      const order = [...active];
      const [moved] = order.splice(index, 1);
      if (!moved) return;
      order.splice(index + by, 0, moved);
      for (const [position, field] of order.entries()) {
        if (field.position !== position)
          await updateCustomField(field.id, { version: field.version, position });
      }
      return moved;
    },
    onSuccess: (moved) => (moved ? done(c.moved(label(moved))) : undefined),
    onError: () => changed(entity),
  });
  const archive = useMutation({
    mutationFn: (field: CustomField) => archiveCustomField(field.id),
    onSuccess: (field) => {
      setConfirming(null);
      return done(c.archived(label(field)));
    },
  });
  const restore = useMutation({
    mutationFn: (field: CustomField) => restoreCustomField(field.id),
    onSuccess: (field) => done(c.restored(label(field))),
  });
  const rowError = move.error ?? archive.error ?? restore.error;

  return (
    <section className="card settings-card custom-fields-entity" aria-labelledby={titleId}>
      <h2 id={titleId}>{c.entityTitle(entityName)}</h2>
      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => list.refetch()}>
        <FormAlert
          error={rowError}
          onReload={() => {
            move.reset();
            archive.reset();
            restore.reset();
            void list.refetch();
          }}
        />
        {active.length === 0 ? (
          <p className="muted">{c.empty}</p>
        ) : (
          <div className="table-wrap">
            <table className="custom-fields-table">
              <caption className="visually-hidden">{c.table(entityName)}</caption>
              <thead>
                <tr>
                  <th scope="col">{c.colOrder}</th>
                  <th scope="col">{c.colLabel}</th>
                  <th scope="col">{c.colKey}</th>
                  <th scope="col">{c.colType}</th>
                  <th scope="col">{c.colRequired}</th>
                  <th scope="col">{c.colActions}</th>
                </tr>
              </thead>
              <tbody>
                {active.map((field, index) => (
                  <tr key={field.id}>
                    <td className="m-nowrap">
                      <button
                        type="button"
                        aria-label={c.upLabel(label(field))}
                        disabled={index === 0 || move.isPending}
                        onClick={() => move.mutate({ index, by: -1 })}
                      >
                        {c.up}
                      </button>{' '}
                      <button
                        type="button"
                        aria-label={c.downLabel(label(field))}
                        disabled={index === active.length - 1 || move.isPending}
                        onClick={() => move.mutate({ index, by: 1 })}
                      >
                        {c.down}
                      </button>
                    </td>
                    <th scope="row">
                      {field.labelJa}
                      {field.labelEn && (
                        <small className="muted custom-field-label-en">{field.labelEn}</small>
                      )}
                    </th>
                    <td>
                      <code>{field.key}</code>
                    </td>
                    <td>{c.types[field.type]}</td>
                    <td>{field.required ? c.required : c.optional}</td>
                    <td className="m-nowrap">
                      <button
                        type="button"
                        aria-label={c.editLabel(label(field))}
                        onClick={() => {
                          setNote(null);
                          setEditing({ mode: 'edit', field });
                        }}
                      >
                        {c.edit}
                      </button>{' '}
                      <button
                        type="button"
                        className="danger"
                        aria-label={c.removeLabel(label(field))}
                        onClick={() => {
                          setNote(null);
                          archive.reset();
                          setConfirming(field);
                        }}
                      >
                        {c.remove}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {confirming && (
          <ConfirmArchive
            field={confirming}
            pending={archive.isPending}
            onConfirm={() => archive.mutate(confirming)}
            onCancel={() => setConfirming(null)}
          />
        )}
        <SavedNote text={note} />
        {editing ? (
          <FieldEditor
            key={editing.mode === 'edit' ? `${editing.field.id}-${editing.field.version}` : 'new'}
            entity={entity}
            field={editing.mode === 'edit' ? editing.field : undefined}
            nextPosition={all.reduce((max, f) => Math.max(max, f.position + 1), 0)}
            onDone={async (saved, created) => {
              setEditing(null);
              await done(created ? c.created(label(saved)) : c.saved(label(saved)));
            }}
            onReload={async () => {
              const latest = (await list.refetch()).data?.find(
                (f) => editing.mode === 'edit' && f.id === editing.field.id,
              );
              setEditing(latest ? { mode: 'edit', field: latest } : null);
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <p>
            <button
              type="button"
              onClick={() => {
                setNote(null);
                setEditing({ mode: 'create' });
              }}
            >
              + {c.add(entityName)}
            </button>
          </p>
        )}
        {archived.length > 0 && (
          <div className="custom-fields-archived">
            <h3>{c.archivedTitle}</h3>
            <p className="muted">{c.archivedIntro}</p>
            <ul aria-label={`${c.archivedTitle}（${entityName}）`}>
              {archived.map((field) => (
                <li key={field.id}>
                  {field.labelJa}
                  <span className="muted">
                    {' '}
                    <code>{field.key}</code>・{c.types[field.type]}・
                    {c.archivedOn(formatDateTime(field.archivedAt))}
                  </span>{' '}
                  <button
                    type="button"
                    aria-label={c.restoreLabel(label(field))}
                    disabled={restore.isPending}
                    onClick={() => {
                      setNote(null);
                      restore.mutate(field);
                    }}
                  >
                    {c.restore}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </QueryState>
    </section>
  );
}

function ConfirmArchive({
  field,
  pending,
  onConfirm,
  onCancel,
}: {
  field: CustomField;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { lang } = useI18n();
  const c = useCustomFieldText();
  const id = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirm.current?.focus();
  }, []);
  return (
    <div
      className="alert alert-warning custom-field-confirm"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
    >
      <p className="alert-title" id={`${id}-title`}>
        {c.confirmTitle(fieldLabel(field, lang))}
      </p>
      <p id={`${id}-body`}>{c.confirmBody}</p>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {c.cancel}
        </button>
        <button type="button" className="danger" ref={confirm} disabled={pending} onClick={onConfirm}>
          {c.confirmRemove}
        </button>
      </div>
    </div>
  );
}

type OptionRow = CustomFieldOption & { rowKey: number; saved: boolean };
let nextRowKey = 0;
const rowsOf = (options: readonly CustomFieldOption[]): OptionRow[] =>
  options.map((o) => ({ ...o, rowKey: ++nextRowKey, saved: true }));
const newRow = (): OptionRow => ({ value: '', labelJa: '', labelEn: '', rowKey: ++nextRowKey, saved: false });

function FieldEditor({
  entity,
  field,
  nextPosition,
  onDone,
  onReload,
  onCancel,
}: {
  entity: CustomFieldEntity;
  /** Absent: a new field. */
  field: CustomField | undefined;
  nextPosition: number;
  onDone: (saved: CustomField, created: boolean) => Promise<void>;
  onReload: () => Promise<void>;
  onCancel: () => void;
}) {
  const { lang } = useI18n();
  const c = useCustomFieldText();
  const titleId = useId();
  const [key, setKey] = useState(field?.key ?? '');
  const [labelJa, setLabelJa] = useState(field?.labelJa ?? '');
  const [labelEn, setLabelEn] = useState(field?.labelEn ?? '');
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [required, setRequired] = useState(field?.required ?? false);
  const [options, setOptions] = useState<OptionRow[]>(() => (field ? rowsOf(field.options) : [newRow()]));
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);

  const optionsBody = () => options.map(({ value, labelJa, labelEn }) => ({ value, labelJa, labelEn }));
  const save = useMutation({
    mutationFn: () => {
      if (!field) {
        return createCustomField({
          entity,
          key,
          labelJa,
          labelEn,
          type,
          required,
          position: nextPosition,
          ...(hasOptions(type) ? { options: optionsBody() } : {}),
        });
      }
      return updateCustomField(field.id, {
        version: field.version,
        labelJa,
        labelEn,
        required,
        ...(hasOptions(field.type) ? { options: optionsBody() } : {}),
      });
    },
    onSuccess: (saved) => onDone(saved, !field),
  });
  const errorOf = useFieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const setOption = (rowKey: number, change: Partial<CustomFieldOption>) =>
    setOptions((rows) => rows.map((r) => (r.rowKey === rowKey ? { ...r, ...change } : r)));
  const ids = { key: useId(), ja: useId(), en: useId(), type: useId(), required: useId() };
  const describe = (id: string, name: string, hint?: boolean) =>
    [hint ? `${id}-hint` : '', errorOf(name) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (id: string, name: string) =>
    errorOf(name) ? (
      <small id={`${id}-error`} className="field-error" role="alert">
        {errorOf(name)}
      </small>
    ) : null;

  return (
    <form className="custom-field-editor" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{field ? c.editTitle(fieldLabel(field, lang)) : c.newTitle(c.entities[entity])}</h3>
      <FormAlert
        error={save.error}
        shownFields={['key', 'labelJa', 'labelEn', 'type', 'options', 'required']}
        onReload={field ? () => void onReload() : undefined}
      />
      <div className="form-grid">
        <div className={`field${errorOf('key') ? ' field-invalid' : ''}`}>
          <label htmlFor={ids.key}>
            {c.key}
            {!field && <span aria-hidden="true"> *</span>}
          </label>
          <input
            id={ids.key}
            ref={field ? undefined : first}
            value={key}
            readOnly={Boolean(field)}
            maxLength={40}
            autoCapitalize="off"
            spellCheck={false}
            aria-invalid={Boolean(errorOf('key'))}
            aria-describedby={describe(ids.key, 'key', true)}
            onChange={(e) => setKey(e.target.value)}
          />
          <small id={`${ids.key}-hint`} className="field-hint">
            {c.keyHint}
          </small>
          {fieldError(ids.key, 'key')}
        </div>
        <div className={`field${errorOf('labelJa') ? ' field-invalid' : ''}`}>
          <label htmlFor={ids.ja}>
            {c.labelJa}
            <span aria-hidden="true"> *</span>
          </label>
          <input
            id={ids.ja}
            ref={field ? first : undefined}
            value={labelJa}
            maxLength={100}
            aria-invalid={Boolean(errorOf('labelJa'))}
            aria-describedby={describe(ids.ja, 'labelJa')}
            onChange={(e) => setLabelJa(e.target.value)}
          />
          {fieldError(ids.ja, 'labelJa')}
        </div>
        <div className={`field${errorOf('labelEn') ? ' field-invalid' : ''}`}>
          <label htmlFor={ids.en}>
            {c.labelEn}
            <span aria-hidden="true"> *</span>
          </label>
          <input
            id={ids.en}
            value={labelEn}
            maxLength={100}
            aria-invalid={Boolean(errorOf('labelEn'))}
            aria-describedby={describe(ids.en, 'labelEn')}
            onChange={(e) => setLabelEn(e.target.value)}
          />
          {fieldError(ids.en, 'labelEn')}
        </div>
        <div className={`field${errorOf('type') ? ' field-invalid' : ''}`}>
          <label htmlFor={ids.type}>{c.type}</label>
          <select
            id={ids.type}
            value={type}
            disabled={Boolean(field)}
            aria-invalid={Boolean(errorOf('type'))}
            aria-describedby={describe(ids.type, 'type', true)}
            onChange={(e) => setType(e.target.value as CustomFieldType)}
          >
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {c.types[t]}
              </option>
            ))}
          </select>
          <small id={`${ids.type}-hint`} className="field-hint">
            {c.typeHint}
          </small>
          {fieldError(ids.type, 'type')}
        </div>
      </div>
      <div className="field field-checkbox">
        <label htmlFor={ids.required}>
          <input
            id={ids.required}
            type="checkbox"
            checked={required}
            onChange={(e) => setRequired(e.target.checked)}
          />{' '}
          {c.requiredLabel}
        </label>
        {fieldError(ids.required, 'required')}
      </div>
      {hasOptions(type) && (
        <fieldset className="custom-field-options">
          <legend>{c.options}</legend>
          <p className="field-hint">{c.optionsHint}</p>
          {errorOf('options') && (
            <p className="field-error" role="alert">
              {errorOf('options')}
            </p>
          )}
          <ol>
            {options.map((row, i) => (
              <li key={row.rowKey} className="custom-field-option">
                <input
                  aria-label={c.optionValue(i + 1)}
                  value={row.value}
                  readOnly={row.saved}
                  maxLength={100}
                  autoCapitalize="off"
                  spellCheck={false}
                  onChange={(e) => setOption(row.rowKey, { value: e.target.value })}
                />
                <input
                  aria-label={c.optionLabelJa(i + 1)}
                  value={row.labelJa}
                  maxLength={100}
                  onChange={(e) => setOption(row.rowKey, { labelJa: e.target.value })}
                />
                <input
                  aria-label={c.optionLabelEn(i + 1)}
                  value={row.labelEn}
                  maxLength={100}
                  onChange={(e) => setOption(row.rowKey, { labelEn: e.target.value })}
                />
                <button
                  type="button"
                  aria-label={c.removeOption(i + 1)}
                  onClick={() => setOptions((rows) => rows.filter((r) => r.rowKey !== row.rowKey))}
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => setOptions((rows) => [...rows, newRow()])}>
            + {c.addOption}
          </button>
        </fieldset>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {c.cancel}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {field ? c.save : c.create}
        </button>
      </div>
    </form>
  );
}
