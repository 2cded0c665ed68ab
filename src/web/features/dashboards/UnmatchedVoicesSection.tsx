import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PRIORITIES, type Priority } from '../../../core/enums';
import { useAccess } from '../../components/access';
import { Field } from '../../components/Field';
import { FormAlert, serverFields, useFocusOnMount, useReturnFocus } from '../../components/form';
import { EmptyState, QueryState } from '../../components/QueryState';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useCreateDemandFromVoices, useUnmatchedVoices, type VoiceCluster } from './queries';
import { ShowMore } from './ShowMore';
import { useCollapsed } from './use-collapsed';
import { useVoicesText } from './voices-messages';
import './voices.css';

/** Topics shown before すべて表示 on screen, and the most printed on paper. */
const SHOWN_TOPICS = 5;
const PRINTED_TOPICS = 10;
/** Workplaces named per topic; the rest are summed. */
const SHOWN_WORKPLACES = 6;
/** The demand title's limit (core/demands/schemas.ts). */
const TITLE_MAX = 200;

/** The words as a demand title to start from (the user edits it): 駐車場・満車. */
export function titleFromTerms(terms: readonly string[]): string {
  return terms.join('・').slice(0, TITLE_MAX);
}

/**
 * 要求になっていない声 (issue 16): what members said that no demand of the current season holds,
 * by topic — the words, how many members (and anonymous answers), where they work, and a few of
 * their words — with 要求として登録 for those who write demands. `paper`: the printed report
 * (no buttons or links, at most PRINTED_TOPICS topics).
 */
export function UnmatchedVoicesSection({ paper = false }: { paper?: boolean }) {
  const v = useVoicesText();
  const voices = useUnmatchedVoices();
  const data = voices.data;
  const items = data?.items ?? [];
  const collapsed = useCollapsed(items, SHOWN_TOPICS);
  const listId = useId();
  const titleId = useId();
  const shown = paper ? items.slice(0, PRINTED_TOPICS) : collapsed.visible;
  return (
    <section
      className={paper ? 'report-section voices' : 'card dash-section voices'}
      aria-labelledby={titleId}
      data-testid="unmatched-voices"
    >
      <h2 id={titleId}>{v.title}</h2>
      <p className="muted dash-intro">{v.intro}</p>
      <QueryState isLoading={voices.isLoading} error={voices.error} onRetry={() => voices.refetch()}>
        {data && (
          <>
            {data.seasonId === null && <p className="muted dash-intro">{v.noSeason}</p>}
            {data.pending > 0 && (
              <p className="voices-pending" role="status">
                {v.pending}
              </p>
            )}
            {items.length === 0 ? (
              <EmptyState>{v.empty}</EmptyState>
            ) : (
              <ol className="voices-list" id={listId} aria-label={v.list}>
                {shown.map((cluster) => (
                  <VoiceTopic key={cluster.key} cluster={cluster} paper={paper} />
                ))}
              </ol>
            )}
            {paper && items.length > PRINTED_TOPICS && (
              <p className="muted">{v.more(items.length - PRINTED_TOPICS)}</p>
            )}
            {!paper && collapsed.collapsible && (
              <ShowMore
                total={items.length}
                rows={SHOWN_TOPICS}
                expanded={collapsed.expanded}
                onToggle={collapsed.toggle}
                controls={listId}
              />
            )}
            {!paper && (
              <p className="voices-footer">
                <Link to="/settings?tab=synonyms">{v.synonyms}</Link>
              </p>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

function VoiceTopic({ cluster, paper }: { cluster: VoiceCluster; paper: boolean }) {
  const v = useVoicesText();
  const may = useAccess();
  // Creating the demand and linking its members: both permissions (admins, officers, executives).
  const mayRegister = !paper && may('demands.write') && may('demands.link');
  const [open, setOpen] = useState(false);
  const { ref: openButton, returnFocus } = useReturnFocus();
  const headingId = useId();
  const topic = cluster.terms.join(v.termSeparator);
  const workplaces = cluster.byWorkplace.slice(0, SHOWN_WORKPLACES);
  const others = cluster.byWorkplace.slice(SHOWN_WORKPLACES);
  return (
    <li className="voice-topic" data-key={cluster.key}>
      <h3 id={headingId} className="voice-terms">
        {topic}
      </h3>
      <p className="voice-counts" data-testid="voice-counts">
        <strong>{v.members(cluster.memberCount)}</strong>
        {cluster.anonymousCount > 0 && (
          <span className="voice-anonymous">
            {v.separator}
            {v.anonymous(cluster.anonymousCount)}
          </span>
        )}
      </p>
      {cluster.byWorkplace.length > 0 && (
        <p className="voice-workplaces">
          <span className="voice-label">{v.byWorkplace}：</span>
          <span data-testid="voice-workplaces">
            {workplaces
              .map((w) => v.workplaceCount(w.workplaceName ?? v.noWorkplace, w.count))
              .concat(
                others.length
                  ? [
                      v.moreWorkplaces(
                        others.length,
                        others.reduce((n, w) => n + w.count, 0),
                      ),
                    ]
                  : [],
              )
              .join('、')}
          </span>
        </p>
      )}
      {cluster.sampleExcerpts.length > 0 && (
        <ul className="voice-excerpts" aria-label={v.excerpts}>
          {distinctExcerpts(cluster.sampleExcerpts).map((e, i) => (
            // Excerpts carry no id; their order is the server's.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
            <li key={i}>
              <blockquote className="voice-quote">{v.quote(e.text)}</blockquote>
              <span className="voice-source muted">{v.from(v.sources[e.source])}</span>
            </li>
          ))}
        </ul>
      )}
      {mayRegister &&
        (open ? (
          <DemandFromVoicesForm
            cluster={cluster}
            topic={topic}
            onCancel={() => {
              setOpen(false);
              returnFocus();
            }}
          />
        ) : (
          <div className="voice-actions">
            <button type="button" ref={openButton} aria-describedby={headingId} onClick={() => setOpen(true)}>
              {v.register}
            </button>
          </div>
        ))}
    </li>
  );
}

/** Up to three excerpts, each text once (several members may have written the same words). */
function distinctExcerpts(excerpts: VoiceCluster['sampleExcerpts']): VoiceCluster['sampleExcerpts'] {
  const seen = new Set<string>();
  return excerpts
    .filter((e) => {
      if (seen.has(e.text)) return false;
      seen.add(e.text);
      return true;
    })
    .slice(0, 3);
}

const SHOWN_FIELDS = ['demand.title', 'demand.priority'];

/** 要求として登録: the title (from the words, editable), the priority, and who gets linked. */
function DemandFromVoicesForm({
  cluster,
  topic,
  onCancel,
}: {
  cluster: VoiceCluster;
  topic: string;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const v = useVoicesText();
  const titleId = useId();
  const confirmId = useId();
  const navigate = useNavigate();
  const [title, setTitle] = useState(() => titleFromTerms(cluster.terms));
  const [priority, setPriority] = useState<Priority>('medium');
  const first = useFocusOnMount<HTMLInputElement>();
  const create = useCreateDemandFromVoices();
  const fields = serverFields(create.error);
  const fieldError = (name: string) => (fields[name] ? translateFieldError(fields[name], lang) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { demand: { title, priority }, memberIds: cluster.memberIds },
      { onSuccess: (result) => navigate(`/demands/${result.demand.id}`) },
    );
  };
  return (
    <form className="voice-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h4 id={titleId}>{v.registerTitle(topic)}</h4>
      <FormAlert error={create.error} shownFields={SHOWN_FIELDS} />
      <div className="form-grid">
        <Field label={v.fieldTitle} required error={fieldError('demand.title')}>
          {(props) => (
            <input
              {...props}
              ref={first}
              value={title}
              maxLength={TITLE_MAX}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label={v.fieldPriority} error={fieldError('demand.priority')}>
          {(props) => (
            <select {...props} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t.enums.priority[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="voice-confirm" id={confirmId} data-testid="voice-confirm">
        <p>{cluster.memberCount > 0 ? v.confirm(cluster.memberIds.length) : v.confirmNone}</p>
        {cluster.anonymousCount > 0 && <p className="muted">{v.confirmAnonymous(cluster.anonymousCount)}</p>}
      </div>
      <div className="form-actions">
        <button type="button" onClick={onCancel} disabled={create.isPending}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" aria-describedby={confirmId} disabled={create.isPending}>
          {create.isPending ? v.submitting : v.submit}
        </button>
      </div>
    </form>
  );
}
