import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ColumnMapping, ImportKind } from '../../../core/import/types';
import { useCan } from '../../components/access';
import { Field } from '../../components/Field';
import { ApiError } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { ImportResultView } from './ImportResultView';
import { MappingEditor } from './MappingEditor';
import { importMessage, useImportText } from './messages';
import { type ImportProgress, type ImportResult, runImport, useImportMappings } from './queries';
import './import.css';

type Running = 'check' | 'apply' | null;

/**
 * 取り込み: choose what to import and a file, check it (a dry run: the server
 * computes everything and writes nothing), adjust the column mapping and check
 * again, then import. Progress comes from the server's NDJSON stream. Members and
 * workplaces need `records.write` (admins and officers); links of members to
 * demands need `demands.link` (every role; a rep's members only).
 */
export default function ImportPage() {
  const { t, lang } = useI18n();
  const m = useImportText();
  const mayWriteRecords = useCan('records.write');
  const mayLink = useCan('demands.link');
  const allowed = mayWriteRecords || mayLink;
  const kinds: readonly ImportKind[] = [
    ...(mayWriteRecords ? (['members', 'workplaces'] as const) : []),
    ...(mayLink ? (['demand-links'] as const) : []),
  ];
  const queryClient = useQueryClient();

  const [chosenKind, setKind] = useState<ImportKind | null>(null);
  const kind: ImportKind = chosenKind && kinds.includes(chosenKind) ? chosenKind : (kinds[0] ?? 'members');
  const links = kind === 'demand-links';
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [mappingId, setMappingId] = useState('');
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [mappingDirty, setMappingDirty] = useState(false);
  const [createWorkplaces, setCreateWorkplaces] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [running, setRunning] = useState<Running>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Saved mappings: members and workplaces only (those who write records).
  const mappings = useImportMappings(kind, mayWriteRecords && !links);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const kindName = useId();
  const step1Id = useId();
  const step2Id = useId();

  useEffect(() => {
    document.title = `${m.title} | ${t.appName}`;
  }, [m.title, t.appName]);

  if (!allowed) {
    return (
      <div className="import-page">
        <h1>{m.title}</h1>
        <div className="alert alert-warning" role="alert">
          <h2>{m.notAllowedTitle}</h2>
          <p>{m.notAllowedBody}</p>
        </div>
      </div>
    );
  }

  /** A new file, kind or saved mapping starts over: the earlier check no longer applies. */
  const restart = () => {
    setChecked(null);
    setApplied(null);
    setMapping(null);
    setMappingDirty(false);
    setError(null);
    setProgress(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setRunning(dryRun ? 'check' : 'apply');
    setError(null);
    setProgress(null);
    try {
      const result = await runImport(
        {
          kind,
          file,
          dryRun,
          createWorkplaces: kind === 'members' && createWorkplaces,
          skipInvalid,
          mapping,
          ...(mappingId ? { mappingId } : {}),
        },
        setProgress,
      );
      if (dryRun) {
        setChecked(result);
        setMapping(result.mapping);
        setMappingDirty(false);
        requestAnimationFrame(() => resultHeading.current?.focus());
      } else {
        setApplied(result);
        if (result.applied) {
          await queryClient.invalidateQueries();
          requestAnimationFrame(() => doneHeading.current?.focus());
        } else {
          // Stopped by errors found since the check (someone changed the data): show them.
          setChecked(result);
        }
      }
    } catch (err) {
      setError(err);
    } finally {
      setRunning(null);
    }
  };

  const check = (e: FormEvent) => {
    e.preventDefault();
    setFileMissing(!file);
    if (!file) {
      fileInput.current?.focus();
      return;
    }
    void run(true);
  };

  const fields = error instanceof ApiError ? error.fields : {};
  const mappingErrors = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith('mapping')));
  const fileError = fields.file;
  const otherError = error && !fileError && !Object.keys(mappingErrors).length ? error : null;
  const headers = checked?.headers ?? [];
  const blocked = Boolean(checked && checked.errorCount > 0 && !skipInvalid);
  const toWrite = checked ? checked.created + checked.updated : 0;
  const canApply = Boolean(checked && !mappingDirty && !blocked && toWrite > 0 && !running);

  if (applied?.applied) {
    return (
      <div className="import-page">
        <h1>{m.title}</h1>
        <section className="card" aria-labelledby="import-done">
          <h2 id="import-done" ref={doneHeading} tabIndex={-1}>
            {m.doneTitle}
          </h2>
          <p className="alert alert-ok" role="status">
            {applied.kind === 'demand-links'
              ? m.doneLinks(applied.created, applied.unchanged, applied.skipped)
              : m.done(applied.created, applied.updated, applied.skipped)}
          </p>
          <ImportResultView result={applied} />
          <div className="form-actions">
            <Link
              className="button"
              to={
                applied.kind === 'members'
                  ? '/members'
                  : applied.kind === 'workplaces'
                    ? '/workplaces'
                    : '/demands'
              }
            >
              {applied.kind === 'members'
                ? m.toMembers
                : applied.kind === 'workplaces'
                  ? m.toWorkplaces
                  : m.toDemands}
            </Link>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setFile(null);
                restart();
              }}
            >
              {m.another}
            </button>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="import-page">
      <div className="page-header">
        <h1>{m.title}</h1>
      </div>
      <p className="muted import-intro">{mayWriteRecords ? m.intro : m.introLinks}</p>

      <section className="card" aria-labelledby={step1Id}>
        <h2 id={step1Id}>{m.step1}</h2>
        <form onSubmit={check} noValidate aria-labelledby={step1Id}>
          <fieldset className="import-kind">
            <legend>{m.kind}</legend>
            {kinds.map((k) => (
              <label key={k} className="checkbox">
                <input
                  type="radio"
                  name={kindName}
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setMappingId('');
                    restart();
                  }}
                />
                {m.kinds[k]}
              </label>
            ))}
          </fieldset>
          <Field
            label={m.file}
            hint={m.fileHint}
            error={
              fileMissing && !file ? m.fileMissing : fileError ? importMessage(fileError, lang) : undefined
            }
          >
            {(props) => (
              <input
                {...props}
                ref={fileInput}
                type="file"
                accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  restart();
                }}
              />
            )}
          </Field>
          {links && mayWriteRecords && <p className="muted import-kind-hint">{m.introLinks}</p>}
          {mayWriteRecords && !links && (
            <Field label={m.savedMapping}>
              {(props) => (
                <select
                  {...props}
                  value={mappingId}
                  onChange={(e) => {
                    setMappingId(e.target.value);
                    restart();
                  }}
                >
                  <option value="">{m.automatic}</option>
                  {(mappings.data?.items ?? []).map((saved) => (
                    <option key={saved.id} value={saved.id}>
                      {saved.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {kind === 'members' && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={createWorkplaces}
                onChange={(e) => {
                  setCreateWorkplaces(e.target.checked);
                  // Whether missing workplaces are errors changes the check.
                  if (checked) setMappingDirty(true);
                }}
              />
              {m.createWorkplaces}
            </label>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
            {m.skipInvalid}
          </label>
          <div className="form-actions">
            <button type="submit" className={checked ? undefined : 'primary'} disabled={running !== null}>
              {running === 'check' ? m.checking : checked ? m.recheck : m.check}
            </button>
          </div>
        </form>
      </section>

      {running && <ProgressBar progress={progress} />}

      {otherError ? (
        <div className="alert alert-error" role="alert">
          {otherError instanceof Error ? otherError.message : String(otherError)}
        </div>
      ) : null}
      {fileError && (
        <div className="alert alert-error" role="alert">
          <strong>{m.fileError}</strong>
          {lang === 'ja' ? '：' : ': '}
          {importMessage(fileError, lang)}
        </div>
      )}

      {checked && mapping && (
        <section className="card" aria-labelledby={step2Id}>
          <h2 id={step2Id}>{m.step2}</h2>
          <MappingEditor
            kind={kind}
            headers={headers}
            mapping={mapping}
            errors={mappingErrors}
            onChange={(next) => {
              setMapping(next);
              setMappingDirty(true);
            }}
          />
        </section>
      )}
      {!checked && Object.keys(mappingErrors).length > 0 && (
        <div className="alert alert-error" role="alert">
          <ul>
            {Object.entries(mappingErrors).map(([k, v]) => (
              <li key={k}>
                {k.replace(/^mapping\.?/, '') || m.step2}
                {lang === 'ja' ? '：' : ': '}
                {importMessage(v, lang)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {checked && (
        <section className="card" aria-labelledby="import-result">
          <h2 id="import-result" ref={resultHeading} tabIndex={-1}>
            {m.step3}
          </h2>
          <p className="visually-hidden">{m.resultTitle(checked.fileName)}</p>
          <ImportResultView result={checked} />
          {mappingDirty ? (
            <p className="alert alert-warning">{m.mappingChanged}</p>
          ) : blocked ? (
            <p className="alert alert-warning">{m.blocked}</p>
          ) : toWrite === 0 ? (
            <p className="muted">{m.nothingToDo}</p>
          ) : (
            <p className="muted">{links ? m.applyLinksHint(toWrite) : m.applyHint(toWrite)}</p>
          )}
          <div className="form-actions">
            {mappingDirty && (
              <button type="button" onClick={() => void run(true)} disabled={running !== null}>
                {running === 'check' ? m.checking : m.recheck}
              </button>
            )}
            <button type="button" className="primary" disabled={!canApply} onClick={() => void run(false)}>
              {running === 'apply' ? m.applying : m.apply}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

/** The server's progress: a <progress> bar and a polite live text of the phase. */
function ProgressBar({ progress }: { progress: ImportProgress | null }) {
  const m = useImportText();
  const labelId = useId();
  const phase = progress ? m.phases[progress.phase] : m.phases.reading;
  const determinate = progress && progress.total > 0;
  return (
    <div className="import-progress">
      <span id={labelId}>{m.progressLabel}</span>
      <progress
        aria-labelledby={labelId}
        {...(determinate ? { max: progress.total, value: Math.min(progress.done, progress.total) } : {})}
      />
      <span role="status" aria-live="polite">
        {progress ? m.progressText(phase, progress.done, progress.total) : phase}
      </span>
    </div>
  );
}
