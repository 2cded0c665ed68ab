import { useId, useRef, useState } from 'react';
import type { Permission } from '../../../core/access/policy';
import { useAccess } from '../../components/access';
import type { Member } from '../../http/types';
import { useMemberMessages } from './messages';
import { CaseForm, EngagementForm, NextActionForm, NoteForm } from './QuickActionForms';

type ActionKey = 'note' | 'engagement' | 'case' | 'next';

/** What each move needs: a rep adds notes and changes engagement; cases and next actions are record edits. */
const NEEDS: Record<ActionKey, Permission> = {
  note: 'notes.create',
  engagement: 'engagement.change',
  case: 'records.write',
  next: 'records.write',
};

/** The everyday moves on a member's page, one small form at a time (only those the user may make). */
export function QuickActions({ member }: { member: Member }) {
  const m = useMemberMessages();
  const may = useAccess();
  const [open, setOpen] = useState<ActionKey | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const baseId = useId();
  const toggles = useRef<Partial<Record<ActionKey, HTMLButtonElement | null>>>({});

  const labels: Record<ActionKey, string> = {
    note: m.actions.note,
    engagement: m.actions.engagement,
    case: m.actions.openCase,
    next: m.actions.nextAction,
  };
  const finish = (key: ActionKey, message: string) => {
    setOpen(null);
    setDone(message);
    // The form that had focus is gone: return to the button that opened it.
    requestAnimationFrame(() => toggles.current[key]?.focus());
  };
  const close = (key: ActionKey) => {
    setOpen(null);
    toggles.current[key]?.focus();
  };
  const allowed = (Object.keys(labels) as ActionKey[]).filter((key) => may(NEEDS[key]));
  if (allowed.length === 0) return null;

  return (
    <section className="card member-section quick-actions" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{m.actions.title}</h2>
      <div className="qa-buttons">
        {allowed.map((key) => (
          <button
            key={key}
            type="button"
            ref={(el) => {
              toggles.current[key] = el;
            }}
            className={open === key ? 'qa-toggle qa-open' : 'qa-toggle'}
            aria-expanded={open === key}
            aria-controls={`${baseId}-${key}`}
            onClick={() => {
              setDone(null);
              setOpen(open === key ? null : key);
              // Straight into the form's first field.
              if (open !== key) {
                requestAnimationFrame(() =>
                  document
                    .getElementById(`${baseId}-${key}`)
                    ?.querySelector<HTMLElement>('input, select, textarea')
                    ?.focus(),
                );
              }
            }}
          >
            {labels[key]}
          </button>
        ))}
      </div>
      <p className="qa-done" role="status">
        {done && (
          <>
            <span aria-hidden="true">✓ </span>
            {done}
          </>
        )}
      </p>
      {open && (
        // Escape puts the form away, as it would a dialog.
        // biome-ignore lint/a11y/noStaticElementInteractions: the key handler only catches Escape bubbling up from the form's own controls
        <div
          id={`${baseId}-${open}`}
          className="qa-panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !e.nativeEvent.isComposing) close(open);
          }}
        >
          {open === 'note' && (
            <NoteForm
              member={member}
              onDone={() => finish('note', m.actions.noteSaved)}
              onCancel={() => close('note')}
            />
          )}
          {open === 'engagement' && (
            <EngagementForm
              member={member}
              onDone={() => finish('engagement', m.actions.engagementSaved)}
              onCancel={() => close('engagement')}
            />
          )}
          {open === 'case' && (
            <CaseForm
              member={member}
              onDone={() => finish('case', m.actions.caseSaved)}
              onCancel={() => close('case')}
            />
          )}
          {open === 'next' && (
            <NextActionForm
              member={member}
              onDone={() => finish('next', m.actions.nextActionSaved)}
              onCancel={() => close('next')}
            />
          )}
        </div>
      )}
    </section>
  );
}
