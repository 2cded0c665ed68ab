import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { sameName } from '../../../core/members/data-protection';
import { useCan } from '../../components/access';
import { FormAlert, serverFields, useFocusOnMount, useReturnFocus } from '../../components/form';
import { post } from '../../http/client';
import type { Member } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useDataProtectionText } from './data-protection-messages';
import { erasedNavigationState } from './ErasedNotice';
import { memberKeys } from './queries';
import './data-protection.css';

/**
 * 個人データ on the member page, for admins: the member's data as one JSON file (an
 * access request), and erasure (a request to be forgotten) behind a confirmation that
 * asks for the member's name. The server checks the role and the name again.
 */
export function DataProtection({ member }: { member: Member }) {
  const isAdmin = useCan('admin');
  return isAdmin ? <DataProtectionSection member={member} /> : null;
}

function DataProtectionSection({ member }: { member: Member }) {
  const d = useDataProtectionText();
  const ids = { title: useId(), hint: useId() };
  const [confirming, setConfirming] = useState(false);
  const eraseButton = useReturnFocus();

  return (
    <section className="card member-section data-protection" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{d.title}</h2>
      <p className="muted">{d.intro}</p>
      <p className="dp-export">
        {/* A plain download: the session cookie goes along, the server sends it as an attachment. */}
        <a
          className="button"
          href={`/api/members/${encodeURIComponent(member.id)}/data-export`}
          download={`member-${member.id}.json`}
          aria-describedby={ids.hint}
        >
          {d.exportLink}
        </a>
      </p>
      <p id={ids.hint} className="field-hint dp-hint">
        {d.exportHint}
      </p>
      {confirming ? (
        <ErasurePanel
          member={member}
          onCancel={() => {
            eraseButton.returnFocus();
            setConfirming(false);
          }}
        />
      ) : (
        <button ref={eraseButton.ref} type="button" className="danger" onClick={() => setConfirming(true)}>
          {d.erase}
        </button>
      )}
    </section>
  );
}

function ErasurePanel({ member, onCancel }: { member: Member; onCancel: () => void }) {
  const d = useDataProtectionText();
  const { t, lang } = useI18n();
  const ids = { title: useId(), warning: useId(), input: useId(), hint: useId(), error: useId() };
  const input = useFocusOnMount<HTMLInputElement>();
  const [typed, setTyped] = useState('');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const erased = useRef(false);

  const erase = useMutation({
    mutationFn: (confirmName: string) =>
      post<unknown>(`/members/${encodeURIComponent(member.id)}/erasure`, { confirmName }),
    onSuccess: () => {
      erased.current = true;
      navigate('/members', { state: erasedNavigationState });
      // The erasure reaches tasks, demands' counts, workplaces' reps, dashboards, the
      // audit log: refresh everything but the signed-in user and the member that is gone.
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] !== 'auth' && !aboutMember(query.queryKey, member.id),
      });
    },
  });

  // The member's own queries are dropped once this page has gone: dropping them while it is
  // still shown would only make it ask again for a member that no longer exists.
  useEffect(
    () => () => {
      if (erased.current) queryClient.removeQueries({ queryKey: memberKeys.detail(member.id) });
    },
    [queryClient, member.id],
  );

  // Compared as the server does: NFKC (full-width ↔ half-width), spaces of either width ignored.
  const matches = typed.trim() !== '' && sameName(typed, member.name);
  const fieldMessage = serverFields(erase.error).confirmName;
  const fieldError =
    fieldMessage === undefined
      ? undefined
      : /name/.test(fieldMessage)
        ? d.mismatch
        : translateFieldError(fieldMessage, lang);
  const describedBy = [ids.warning, ids.hint, fieldError ? ids.error : ''].filter(Boolean).join(' ');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (matches && !erase.isPending) erase.mutate(typed);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // Esc while typing with an IME only ends the composition.
    if (e.key === 'Escape' && !e.nativeEvent.isComposing && !erase.isPending) {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <form
      className="erasure-panel"
      aria-labelledby={ids.title}
      aria-describedby={ids.warning}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
    >
      <h3 id={ids.title}>{d.panelTitle(member.name)}</h3>
      <div id={ids.warning} className="erasure-warning">
        <p>{d.warningWhat}</p>
        <p>{d.warningAudit}</p>
        <p className="erasure-final">{d.warningFinal}</p>
        <p>{d.warningPurpose}</p>
      </div>
      {/* A wrong name is said next to the field; anything else (gone already, no longer admin) here. */}
      {fieldError === undefined && <FormAlert error={erase.error} />}
      <div className={`field${fieldError ? ' field-invalid' : ''}`}>
        <label htmlFor={ids.input}>{d.confirmLabel(member.name)}</label>
        <input
          ref={input}
          id={ids.input}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          aria-invalid={Boolean(fieldError)}
          aria-describedby={describedBy}
          onChange={(e) => {
            setTyped(e.target.value);
            // A new attempt: the last answer no longer describes what is typed.
            if (erase.isError) erase.reset();
          }}
        />
        <small id={ids.hint} className="field-hint">
          {d.confirmHint}
        </small>
        {fieldError && (
          <small id={ids.error} className="field-error" role="alert">
            {fieldError}
          </small>
        )}
      </div>
      <div className="form-actions">
        <button type="button" onClick={onCancel} disabled={erase.isPending}>
          {t.common.cancel}
        </button>
        <button type="submit" className="danger" disabled={!matches || erase.isPending}>
          {erase.isPending ? d.erasing : d.erase}
        </button>
      </div>
    </form>
  );
}

/** `['members', 'detail', id, …]`: the erased member's record, timeline and cases. */
function aboutMember(key: readonly unknown[], memberId: string): boolean {
  return key[0] === 'members' && key[1] === 'detail' && key[2] === memberId;
}
