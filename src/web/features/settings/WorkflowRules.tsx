import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { DATE_RULE_IDS } from '../../../core/workflows/rules';
import { Field } from '../../components/Field';
import { QueryState } from '../../components/QueryState';
import { post } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { taskKeys } from '../tasks/count';
import { FormAlert, useFieldErrors } from './form-kit';
import { useSettingsText } from './messages';
import {
  usePreviewMembers,
  useRuleSaved,
  useWorkflowRules,
  useWorkplaceOptions,
  type WorkflowRun,
} from './queries';
import { type PreviewSubject, RuleCard } from './RuleCard';

const SAMPLE = '__sample';
const SHOWN_TASKS = 5;

/** Which member and workplace the previews use: the first ones of the union unless chosen. */
function PreviewSubjectPicker({
  subject,
  onChange,
}: {
  subject: PreviewSubject;
  onChange: (next: { memberId?: string; workplaceId?: string }) => void;
}) {
  const w = useSettingsText().workflows;
  const members = usePreviewMembers();
  const workplaces = useWorkplaceOptions();
  return (
    <fieldset className="rule-subject">
      <legend>{w.previewSubject}</legend>
      <div className="form-grid">
        <Field label={w.previewMember}>
          {(props) => (
            <select
              {...props}
              value={subject.memberId || SAMPLE}
              onChange={(e) => onChange({ memberId: e.target.value === SAMPLE ? '' : e.target.value })}
            >
              <option value={SAMPLE}>{w.useSample}</option>
              {members.data?.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                  {m.workplaceName ? `（${m.workplaceName}）` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={w.previewWorkplace}>
          {(props) => (
            <select
              {...props}
              value={subject.workplaceId || SAMPLE}
              onChange={(e) => onChange({ workplaceId: e.target.value === SAMPLE ? '' : e.target.value })}
            >
              <option value={SAMPLE}>{w.useSample}</option>
              {workplaces.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}

/** 今すぐ実行: the daily sweep now, as of a day, with how many tasks each rule created. */
export function RunNow() {
  const { t, formatDate } = useI18n();
  const w = useSettingsText().workflows;
  const r = w.run;
  const queryClient = useQueryClient();
  const [asOf, setAsOf] = useState('');
  const run = useMutation({
    mutationFn: (day: string) => post<WorkflowRun>('/workflows/run', day ? { asOf: day } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
  const fieldError = useFieldErrors(run.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate(asOf);
  };
  const result = run.data;

  return (
    <section className="card settings-card" aria-labelledby="settings-run-title">
      <h3 id="settings-run-title">{r.title}</h3>
      <p className="muted">{r.intro}</p>
      <form className="run-form" onSubmit={submit} noValidate>
        <FormAlert error={run.error} shownFields={['asOf']} />
        <Field label={r.asOf} hint={r.asOfHint} error={fieldError('asOf')}>
          {(props) => <input {...props} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />}
        </Field>
        <button type="submit" className="primary" disabled={run.isPending}>
          {run.isPending ? r.running : r.submit}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {result && (
          <div className="run-result">
            <p className="alert alert-ok">{r.result(formatDate(result.asOf), result.created.length)}</p>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{r.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{r.rule}</th>
                    <th scope="col" className="num">
                      {r.created}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {DATE_RULE_IDS.map((id) => (
                    <tr key={id} data-rule={id}>
                      <td>{w.rules[id].name}</td>
                      <td className="num">{r.count(result.counts[id] ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {result.created.length > 0 && (
              <>
                <ul className="run-tasks">
                  {result.created.slice(0, SHOWN_TASKS).map((task) => (
                    <li key={task.id}>
                      {task.title}
                      {task.dueOn && <span className="muted">{` ${formatDate(task.dueOn)}`}</span>}
                    </li>
                  ))}
                  {result.created.length > SHOWN_TASKS && (
                    <li className="muted">{r.more(result.created.length - SHOWN_TASKS)}</li>
                  )}
                </ul>
                <p>
                  <Link to="/tasks">{r.openTasks}</Link>
                </p>
              </>
            )}
          </div>
        )}
      </div>
      {run.isPending && <p className="muted">{t.common.loading}</p>}
    </section>
  );
}

/** ワークフロー: the five rules (SPEC §4) and the daily sweep on demand. */
export function WorkflowRules() {
  const w = useSettingsText().workflows;
  const rules = useWorkflowRules();
  const saved = useRuleSaved();
  const members = usePreviewMembers();
  const workplaces = useWorkplaceOptions();
  // undefined: the first member / workplace of the union (or the sample while there is none).
  const [chosen, setChosen] = useState<{ memberId?: string; workplaceId?: string }>({});
  const subject: PreviewSubject = {
    memberId: chosen.memberId ?? members.data?.[0]?.id ?? '',
    workplaceId: chosen.workplaceId ?? workplaces.data?.[0]?.id ?? '',
  };
  const ready = !members.isLoading && !workplaces.isLoading;

  return (
    <section aria-labelledby="settings-workflows-title">
      <h2 id="settings-workflows-title">{w.title}</h2>
      <p className="muted">{w.intro}</p>
      <QueryState isLoading={rules.isLoading} error={rules.error} onRetry={() => rules.refetch()}>
        <RunNow />
        <PreviewSubjectPicker subject={subject} onChange={(next) => setChosen((c) => ({ ...c, ...next }))} />
        <div className="rule-list">
          {rules.data?.map((rule) => (
            <RuleCard
              key={rule.id}
              rule={rule}
              subject={ready ? subject : null}
              onSaved={saved}
              onReload={async () => (await rules.refetch()).data?.find((r) => r.id === rule.id)}
            />
          ))}
        </div>
      </QueryState>
    </section>
  );
}
