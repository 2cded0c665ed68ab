import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { SynonymKind } from '../../../core/matching/synonyms';
import { foldKey } from '../../../core/matching/text';
import { useCan } from '../../components/access';
import { QueryState } from '../../components/QueryState';
import { ApiError } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, isStaleVersion, SavedNote } from './form-kit';
import {
  dismissSynonymCandidate,
  type SynonymCandidate,
  type SynonymGroup,
  type SynonymTable,
  saveSynonyms,
  useSynonyms,
  useSynonymsChanged,
} from './queries';
import { synonymFieldError, useSynonymsText } from './synonyms-messages';
import './synonyms.css';

// core/matching/synonyms.ts's SYNONYM_KINDS, without bringing its default list into the bundle.
const KINDS: readonly SynonymKind[] = ['equal', 'related', 'narrower'];

type Row = { key: number; kind: SynonymKind; text: string };

/** 「ベア、賃上げ, ベースアップ」 → the words: 、 , ， and line breaks separate them. */
export function parseTerms(text: string): string[] {
  return text
    .split(/[、,，\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

let nextKey = 0;
const rowsOf = (groups: readonly SynonymGroup[], separator: string): Row[] =>
  groups.map((g) => ({ key: ++nextKey, kind: g.kind, text: g.terms.join(separator) }));

/** Whether a group already joins both words (compared as matching compares them). */
function joins(groups: readonly { terms: readonly string[] }[], a: string, b: string): boolean {
  const ka = foldKey(a);
  const kb = foldKey(b);
  return groups.some((g) => {
    const keys = g.terms.map(foldKey);
    return keys.includes(ka) && keys.includes(kb);
  });
}

/**
 * 同義語・関連語 (issue 16): the table matching uses, as rows of a kind and its words. Those who
 * write demands (admins, officers, executives) edit and save it whole with the version they read;
 * everyone else reads it. Below it, the additions accepted suggestions point to.
 */
export function SynonymSettings() {
  const table = useSynonyms();
  const mayEdit = useCan('demands.write');
  return (
    <QueryState isLoading={table.isLoading} error={table.error} onRetry={() => table.refetch()}>
      {table.data &&
        (mayEdit ? (
          <SynonymEditor
            initial={table.data}
            candidates={table.data.candidates}
            onReload={async () => (await table.refetch()).data}
          />
        ) : (
          <SynonymReadOnly table={table.data} />
        ))}
    </QueryState>
  );
}

function SourceNote({ table }: { table: SynonymTable }) {
  const { formatDateTime } = useI18n();
  const m = useSynonymsText();
  return (
    <p className="synonyms-source" data-testid="synonyms-source">
      {table.isDefault ? m.isDefault : m.savedTable(formatDateTime(table.updatedAt))}
    </p>
  );
}

function KindsHelp() {
  const m = useSynonymsText();
  return (
    <ul className="synonyms-kinds" aria-label={m.kindsTitle}>
      {KINDS.map((k) => (
        <li key={k}>{m.kindsHelp[k]}</li>
      ))}
    </ul>
  );
}

/** Rows whose words contain the filter (NFKC, case folded); every row when it is empty. */
function useRowFilter() {
  const [filter, setFilter] = useState('');
  const needle = filter.normalize('NFKC').toLowerCase().trim();
  const shows = (text: string) => !needle || text.normalize('NFKC').toLowerCase().includes(needle);
  return { filter, setFilter, shows };
}

function FilterField({
  filter,
  onChange,
  shown,
  total,
}: {
  filter: string;
  onChange: (value: string) => void;
  shown: number;
  total: number;
}) {
  const m = useSynonymsText();
  const id = useId();
  return (
    <div className="synonyms-filter">
      <div className="field">
        <label htmlFor={id}>{m.filter}</label>
        <input
          id={id}
          type="search"
          value={filter}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.target.value)}
        />
        <small id={`${id}-hint`} className="field-hint">
          {m.filterHint}
        </small>
      </div>
      <p className="muted synonyms-count" role="status" aria-live="polite">
        {shown === total ? m.rows(total) : m.filtered(shown, total)}
      </p>
    </div>
  );
}

function SynonymEditor({
  initial,
  candidates,
  onReload,
}: {
  initial: SynonymTable;
  candidates: SynonymCandidate[];
  /** Fetches the latest table (after a 409). */
  onReload: () => Promise<SynonymTable | undefined>;
}) {
  const { t, lang } = useI18n();
  const m = useSynonymsText();
  const changed = useSynonymsChanged();
  const titleId = useId();
  // What the rows are based on: its version goes with the save.
  const [base, setBase] = useState(initial);
  const [rows, setRows] = useState(() => rowsOf(initial.groups, m.listSeparator));
  const [note, setNote] = useState<string | null>(null);
  const { filter, setFilter, shows } = useRowFilter();
  // The words sent with the last save, so `groups.3.terms.1` names the word it is about.
  const sent = useRef<SynonymGroup[]>([]);
  const inputs = useRef(new Map<number, HTMLInputElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusKey, setFocusKey] = useState<number | 'add' | null>(null);

  useEffect(() => {
    if (focusKey === null) return;
    if (focusKey === 'add') addButton.current?.focus();
    else inputs.current.get(focusKey)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const save = useMutation({
    mutationFn: (groups: SynonymGroup[]) => saveSynonyms(groups, base.version),
    onSuccess: (saved) => {
      setBase(saved);
      setRows(rowsOf(saved.groups, m.listSeparator));
      setNote(m.saved);
      changed(saved);
    },
  });

  const edit = (key: number, change: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
    setNote(null);
  };
  const addRow = (row: Omit<Row, 'key'>) => {
    const key = ++nextKey;
    setRows((rs) => [...rs, { key, ...row }]);
    // A new row must be seen: a filter could hide it.
    setFilter('');
    setNote(null);
    setFocusKey(key);
  };
  /** `after`: the row shown below it, which gets the keyboard (else 行を追加 does). */
  const removeRow = (index: number, after: Row | undefined) => {
    setRows((rs) => rs.filter((_, i) => i !== index));
    setNote(null);
    setFocusKey(after ? after.key : 'add');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const groups = rows.map((r) => ({ kind: r.kind, terms: parseTerms(r.text) }));
    sent.current = groups;
    setNote(null);
    save.mutate(groups);
  };

  const reload = async () => {
    const latest = await onReload();
    if (!latest) return;
    save.reset();
    setBase(latest);
    setRows(rowsOf(latest.groups, m.listSeparator));
  };

  // The server's messages, by row: groups.3.terms.1 (a word), groups.3.terms, groups.3.kind.
  const fields = save.error instanceof ApiError && !isStaleVersion(save.error) ? save.error.fields : {};
  const rowErrors = (index: number): string[] =>
    Object.entries(fields).flatMap(([key, message]) => {
      const match = /^groups\.(\d+)(?:\.(\w+)(?:\.(\d+))?)?$/.exec(key);
      if (!match || Number(match[1]) !== index) return [];
      const text = synonymFieldError(message, lang);
      const term = match[3] === undefined ? undefined : sent.current[index]?.terms[Number(match[3])];
      return [term === undefined ? text : m.rowError(term, text)];
    });
  const tableError = fields.groups ? synonymFieldError(fields.groups, lang) : undefined;

  const visible = rows
    .map((row, index) => ({ row, index, errors: rowErrors(index) }))
    // A row the server refused stays in view whatever the filter.
    .filter(({ row, errors }) => errors.length > 0 || shows(row.text));

  return (
    <>
      <form className="card settings-card synonyms" onSubmit={submit} noValidate aria-labelledby={titleId}>
        <h2 id={titleId}>{m.title}</h2>
        <p className="muted">{m.intro}</p>
        <KindsHelp />
        <SourceNote table={base} />
        <FormAlert error={save.error} shownFields={['groups']} onReload={reload} />
        <FilterField filter={filter} onChange={setFilter} shown={visible.length} total={rows.length} />
        {rows.length === 0 ? (
          <p className="muted">{m.noRows}</p>
        ) : visible.length === 0 ? (
          <p className="muted">{m.noMatch}</p>
        ) : (
          <div className="table-wrap">
            <table className="synonym-table" aria-label={m.table}>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {m.colNumber}
                  </th>
                  <th scope="col">{m.colKind}</th>
                  <th scope="col">{m.colTerms}</th>
                  <th scope="col">
                    <span className="visually-hidden">{m.colActions}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {visible.map(({ row, index, errors }, position) => {
                  const n = index + 1;
                  const errorId = `synonym-row-${row.key}-error`;
                  const hintId = `synonym-row-${row.key}-hint`;
                  const terms = parseTerms(row.text);
                  // Said where it helps: which word is the broader one, or how to fill a new row.
                  const hint =
                    row.kind === 'narrower' && terms.length > 1
                      ? m.narrowerPreview(terms[0]!, terms.slice(1).join(m.listSeparator))
                      : terms.length < 2
                        ? m.termsHint
                        : null;
                  const describedBy = [errors.length ? errorId : '', hint ? hintId : '']
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <tr key={row.key} className={errors.length ? 'synonym-row-invalid' : undefined}>
                      <th scope="row" className="num">
                        {n}
                      </th>
                      <td className="synonym-kind">
                        <select
                          aria-label={m.kindLabel(n)}
                          value={row.kind}
                          onChange={(e) => edit(row.key, { kind: e.target.value as SynonymKind })}
                        >
                          {KINDS.map((k) => (
                            <option key={k} value={k}>
                              {m.kinds[k]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="synonym-terms">
                        <input
                          ref={(el) => {
                            if (el) inputs.current.set(row.key, el);
                            else inputs.current.delete(row.key);
                          }}
                          aria-label={m.termsLabel(n)}
                          aria-invalid={errors.length > 0}
                          aria-describedby={describedBy || undefined}
                          value={row.text}
                          spellCheck={false}
                          onChange={(e) => edit(row.key, { text: e.target.value })}
                        />
                        {hint && (
                          <small id={hintId} className="field-hint">
                            {hint}
                          </small>
                        )}
                        {errors.length > 0 && (
                          <small id={errorId} className="field-error">
                            {errors.join(' ')}
                          </small>
                        )}
                      </td>
                      <td className="synonym-actions">
                        <button
                          type="button"
                          className="link-button"
                          aria-label={m.removeLabel(n)}
                          onClick={() => removeRow(index, visible[position + 1]?.row)}
                        >
                          {m.remove}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {tableError && (
          <p className="field-error" role="alert">
            {tableError}
          </p>
        )}
        <div className="synonyms-add">
          <button type="button" ref={addButton} onClick={() => addRow({ kind: 'equal', text: '' })}>
            {m.addRow}
          </button>
        </div>
        <div className="form-actions settings-actions">
          <SavedNote text={note} />
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t.common.saving : m.save}
          </button>
        </div>
      </form>
      <SynonymCandidates
        candidates={candidates}
        saved={base.groups}
        edited={rows.map((r) => ({ terms: parseTerms(r.text) }))}
        onAdd={(c) => addRow({ kind: 'related', text: [c.term, c.demandTerm].join(m.listSeparator) })}
      />
    </>
  );
}

/** 追加の候補: pairs accepted suggestions joined; 追加 puts one in the table, 却下 turns it down. */
function SynonymCandidates({
  candidates,
  saved,
  edited,
  onAdd,
}: {
  candidates: SynonymCandidate[];
  saved: readonly SynonymGroup[];
  edited: readonly { terms: string[] }[];
  onAdd?: (c: SynonymCandidate) => void;
}) {
  const m = useSynonymsText();
  const changed = useSynonymsChanged();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [note, setNote] = useState<string | null>(null);
  const dismiss = useMutation({
    mutationFn: dismissSynonymCandidate,
    onSuccess: (table, c) => {
      changed(table);
      setNote(m.dismissed(m.candidate(c.term, c.demandTerm)));
      // The item and its buttons are gone: the keyboard goes to the list's heading.
      heading.current?.focus();
    },
  });
  return (
    <section className="card settings-card synonym-candidates" aria-labelledby={titleId}>
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {m.candidatesTitle}
      </h3>
      <p className="muted">{m.candidatesIntro}</p>
      <FormAlert error={dismiss.error} />
      {candidates.length === 0 ? (
        <p className="muted">{m.candidatesEmpty}</p>
      ) : (
        <ul className="synonym-candidate-list">
          {candidates.map((c) => {
            const pair = m.candidate(c.term, c.demandTerm);
            const inEdited = joins(edited, c.term, c.demandTerm);
            const inSaved = joins(saved, c.term, c.demandTerm);
            return (
              <li key={`${c.term}\u0000${c.demandTerm}`} className="synonym-candidate">
                <span className="synonym-pair">{pair}</span>
                <span className="muted synonym-count">{m.candidateCount(c.count)}</span>
                {inEdited && <span className="synonym-state">{inSaved ? m.inTable : m.addedUnsaved}</span>}
                {onAdd && (
                  <span className="synonym-candidate-actions">
                    {!inEdited && (
                      <button type="button" aria-label={m.addLabel(pair)} onClick={() => onAdd(c)}>
                        {m.add}
                      </button>
                    )}
                    <button
                      type="button"
                      aria-label={m.dismissLabel(pair)}
                      disabled={dismiss.isPending}
                      onClick={() => dismiss.mutate(c)}
                    >
                      {m.dismiss}
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <SavedNote text={note} tone="info" />
    </section>
  );
}

/** For those who may not change the table: the rows as text, and the suggestions without buttons. */
function SynonymReadOnly({ table }: { table: SynonymTable }) {
  const m = useSynonymsText();
  const titleId = useId();
  const { filter, setFilter, shows } = useRowFilter();
  const rows = table.groups.map((g, index) => ({ g, index, text: g.terms.join(m.listSeparator) }));
  const visible = rows.filter((r) => shows(r.text));
  return (
    <>
      <section className="card settings-card synonyms" aria-labelledby={titleId}>
        <h2 id={titleId}>{m.title}</h2>
        <p className="muted">{m.intro}</p>
        <KindsHelp />
        <SourceNote table={table} />
        <p className="muted synonyms-readonly">{m.readOnly}</p>
        <FilterField filter={filter} onChange={setFilter} shown={visible.length} total={rows.length} />
        {visible.length === 0 ? (
          <p className="muted">{rows.length === 0 ? m.noRows : m.noMatch}</p>
        ) : (
          <div className="table-wrap">
            <table className="synonym-table" aria-label={m.table}>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {m.colNumber}
                  </th>
                  <th scope="col">{m.colKind}</th>
                  <th scope="col">{m.colTerms}</th>
                </tr>
              </thead>
              <tbody>
                {visible.map(({ g, index, text }) => (
                  <tr key={`${index}-${text}`}>
                    <th scope="row" className="num">
                      {index + 1}
                    </th>
                    <td>{m.kinds[g.kind]}</td>
                    <td>{text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <SynonymCandidates candidates={table.candidates} saved={table.groups} edited={table.groups} />
    </>
  );
}
