import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { unknownPlaceholders } from '../../../core/workflows/templates';
import { Field } from '../../components/Field';
import { patch } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, SavedNote, useDebounced, useFieldErrors } from './form-kit';
import { useSettingsText } from './messages';
import { type PreviewRequest, useRulePreview, type WorkflowRule } from './queries';

export type PreviewSubject = { memberId: string; workplaceId: string };

/** Which record the rule's placeholders are filled from: a member, a workplace, or the sample. */
function subjectFor(rule: WorkflowRule, subject: PreviewSubject): PreviewRequest {
  if (rule.placeholders.includes('name')) return subject.memberId ? { memberId: subject.memberId } : {};
  if (rule.placeholders.includes('workplace')) {
    return subject.workplaceId ? { workplaceId: subject.workplaceId } : {};
  }
  return {};
}

const orNull = (text: string) => (text.trim() === '' ? null : text);

function RulePreview({
  rule,
  title,
  body,
  subject,
}: {
  rule: WorkflowRule;
  title: string;
  body: string;
  /** null while the subject lists load. */
  subject: PreviewSubject | null;
}) {
  const s = useSettingsText();
  const w = s.workflows;
  const typed = useDebounced(JSON.stringify([title, body]));
  const [dTitle, dBody] = JSON.parse(typed) as [string, string];
  // A template the rule cannot fill is reported here, without asking the server.
  const unknown = [
    ...new Set([
      ...unknownPlaceholders(dTitle, rule.placeholders),
      ...unknownPlaceholders(dBody, rule.placeholders),
    ]),
  ];
  const request: PreviewRequest | null =
    unknown.length || !subject
      ? null
      : { ...subjectFor(rule, subject), titleTemplate: orNull(dTitle), bodyTemplate: orNull(dBody) };
  const preview = useRulePreview(rule.id, request);
  const data = preview.data;
  const who = !data
    ? null
    : request?.memberId
      ? data.values.name
      : request?.workplaceId
        ? data.values.workplace
        : rule.placeholders.length
          ? w.previewSample
          : null;

  return (
    <div className="rule-preview" aria-live="polite">
      <h4>
        {w.preview}
        {who && <span className="muted">{s.paren(w.previewWith(who))}</span>}
      </h4>
      {unknown.length > 0 ? (
        <p className="rule-preview-warning">{w.previewUnknown(unknown.join(', '))}</p>
      ) : preview.error ? (
        <p className="rule-preview-warning">
          {preview.error instanceof Error ? preview.error.message : String(preview.error)}
        </p>
      ) : !data ? (
        <p className="muted">{w.previewLoading}</p>
      ) : (
        <div className={`rule-preview-task${preview.isPlaceholderData ? ' is-stale' : ''}`}>
          <p className="rule-preview-title">{data.title}</p>
          <p className="rule-preview-body">{data.body ?? w.previewEmptyBody}</p>
        </div>
      )}
    </div>
  );
}

/** One workflow rule: what makes it fire, on/off, its templates with a live preview. */
export function RuleCard({
  rule,
  subject,
  onSaved,
  onReload,
}: {
  rule: WorkflowRule;
  subject: PreviewSubject | null;
  onSaved: (rule: WorkflowRule) => void;
  onReload: () => Promise<WorkflowRule | undefined>;
}) {
  const { t } = useI18n();
  const s = useSettingsText();
  const w = s.workflows;
  const text = w.rules[rule.id];
  // The rule the typed templates are based on: its version goes with every change.
  const [base, setBase] = useState(rule);
  const [title, setTitle] = useState(rule.titleTemplate);
  const [body, setBody] = useState(rule.bodyTemplate ?? '');
  const [note, setNote] = useState<string | null>(null);
  // The box shows the choice at once (set in the same event) while it is being saved.
  const [pendingEnabled, setPendingEnabled] = useState<boolean | null>(null);
  const dirty = title !== base.titleTemplate || body !== (base.bodyTemplate ?? '');

  const adopt = (next: WorkflowRule) => {
    setBase(next);
    setTitle(next.titleTemplate);
    setBody(next.bodyTemplate ?? '');
  };
  // A newer version fetched in the background replaces the card unless the admin is typing.
  useEffect(() => {
    if (rule.version !== base.version && !dirty) {
      setBase(rule);
      setTitle(rule.titleTemplate);
      setBody(rule.bodyTemplate ?? '');
    }
  }, [rule, base.version, dirty]);

  const change = useMutation({
    mutationFn: (input: { body: Record<string, unknown>; done: string }) =>
      patch<WorkflowRule>(`/workflow-rules/${rule.id}`, { ...input.body, version: base.version }),
    onSuccess: (saved, input) => {
      adopt(saved);
      onSaved(saved);
      setNote(input.done);
    },
  });
  const fieldError = useFieldErrors(change.error);

  const save = (e: FormEvent) => {
    e.preventDefault();
    const changes: Record<string, unknown> = {};
    if (title !== base.titleTemplate) changes.titleTemplate = orNull(title);
    if (body !== (base.bodyTemplate ?? '')) changes.bodyTemplate = orNull(body);
    if (Object.keys(changes).length) change.mutate({ body: changes, done: s.saved });
  };
  const reload = async () => {
    const latest = await onReload();
    if (!latest) return;
    change.reset();
    adopt(latest);
  };
  const customized = base.titleCustomized || base.bodyCustomized;
  // Saved templates go back to the defaults on the server (null); unsaved typing is just undone.
  const reset = () => {
    if (customized) {
      change.mutate({ body: { titleTemplate: null, bodyTemplate: null }, done: w.resetDone });
    } else {
      change.reset();
      adopt(base);
      setNote(w.resetDone);
    }
  };
  const titleId = `rule-${rule.id}-title`;

  return (
    <article className="card rule-card" aria-labelledby={titleId} data-rule={rule.id}>
      <header className="rule-head">
        <h3 id={titleId}>{text.name}</h3>
        <span className={`rule-state ${base.enabled ? 'rule-on' : 'rule-off'}`}>
          {base.enabled ? w.enabledOn : w.enabledOff}
        </span>
        <span className="rule-kind">{w.triggerKinds[rule.trigger]}</span>
        {customized && <span className="rule-kind">{w.customized}</span>}
      </header>
      <dl className="rule-facts">
        <dt>{w.when}</dt>
        <dd>{text.trigger}</dd>
        <dt>{w.due}</dt>
        <dd>{text.due}</dd>
        <dt>{w.oncePer}</dt>
        <dd>{text.oncePer}</dd>
      </dl>
      <label className="checkbox rule-toggle">
        <input
          type="checkbox"
          checked={pendingEnabled ?? base.enabled}
          aria-busy={pendingEnabled !== null}
          onChange={(e) => {
            // Not disabled while saving (that would drop the keyboard focus); a second click waits.
            if (pendingEnabled !== null) return;
            const enabled = e.target.checked;
            setPendingEnabled(enabled);
            change.mutate(
              { body: { enabled }, done: enabled ? w.turnedOn : w.turnedOff },
              { onSettled: () => setPendingEnabled(null) },
            );
          }}
        />
        {w.enabled}
      </label>
      <form onSubmit={save} noValidate>
        <FormAlert error={change.error} shownFields={['titleTemplate', 'bodyTemplate']} onReload={reload} />
        <div className="rule-placeholders">
          <span className="rule-placeholders-label">{w.placeholders}</span>
          {rule.placeholders.length === 0 ? (
            <span className="muted">{w.noPlaceholders}</span>
          ) : (
            <ul>
              {rule.placeholders.map((p) => (
                <li key={p}>
                  <code>{`{${p}}`}</code> {w.placeholderLabels[p]}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="rule-editor">
          <div className="rule-templates">
            <Field label={w.titleTemplate} error={fieldError('titleTemplate')}>
              {(props) => (
                <textarea
                  {...props}
                  className="rule-title-input"
                  rows={2}
                  value={title}
                  maxLength={200}
                  onChange={(e) => {
                    setTitle(e.target.value);
                    setNote(null);
                  }}
                />
              )}
            </Field>
            <Field label={w.bodyTemplate} hint={w.bodyTemplateHint} error={fieldError('bodyTemplate')}>
              {(props) => (
                <textarea
                  {...props}
                  rows={5}
                  value={body}
                  maxLength={10000}
                  onChange={(e) => {
                    setBody(e.target.value);
                    setNote(null);
                  }}
                />
              )}
            </Field>
          </div>
          <RulePreview rule={rule} title={title} body={body} subject={subject} />
        </div>
        <div className="form-actions settings-actions">
          <SavedNote text={dirty ? w.unsaved : note} tone={dirty ? 'info' : 'ok'} />
          {(customized || dirty) && (
            <button type="button" disabled={change.isPending} onClick={reset}>
              {w.reset}
            </button>
          )}
          <button type="submit" className="primary" disabled={change.isPending || !dirty}>
            {change.isPending ? t.common.saving : w.save}
          </button>
        </div>
      </form>
    </article>
  );
}
