import { useQuery, useQueryClient } from '@tanstack/react-query';
import { forwardRef, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { duplicatesSchema } from '../../../core/members/duplicates';
import { post } from '../../http/client';
import { useMergeText } from './merge-messages';
import './merge.css';

export type Duplicates = z.infer<typeof duplicatesSchema>;
export type DuplicateProbe = { name: string; nameKana: string; employeeNumber: string; excludeId?: string };

const keyOf = (probe: DuplicateProbe) => ['members', 'duplicates', probe] as const;
const trimmed = (p: DuplicateProbe): DuplicateProbe => ({
  name: p.name.trim(),
  nameKana: p.nameKana.trim(),
  employeeNumber: p.employeeNumber.trim(),
  ...(p.excludeId ? { excludeId: p.excludeId } : {}),
});
const isEmpty = (p: DuplicateProbe) => !p.name && !p.nameKana && !p.employeeNumber;
const fetchDuplicates = (p: DuplicateProbe) => post<Duplicates>('/members/duplicates', p);

/**
 * Likely duplicates of what is typed (name, reading, employee number), asked a moment after
 * the typing pauses; `null` asks nothing (editing an existing record). `checkNow` asks for
 * the current values at once (before saving).
 */
export function useDuplicateCheck(probe: DuplicateProbe | null, delay = 400) {
  const queryClient = useQueryClient();
  const current = probe ? trimmed(probe) : null;
  const currentKey = JSON.stringify(current);
  const [settled, setSettled] = useState<DuplicateProbe | null>(current);
  useEffect(() => {
    const next = JSON.parse(currentKey) as DuplicateProbe | null;
    const timer = setTimeout(() => setSettled(next), delay);
    return () => clearTimeout(timer);
  }, [currentKey, delay]);
  const query = useQuery({
    queryKey: keyOf(settled ?? { name: '', nameKana: '', employeeNumber: '' }),
    queryFn: () => fetchDuplicates(settled!),
    enabled: settled !== null && !isEmpty(settled),
    staleTime: 10_000,
  });
  const items = settled && !isEmpty(settled) ? (query.data?.items ?? []) : [];
  const checkNow = async (): Promise<Duplicates['items']> => {
    if (!current || isEmpty(current)) return [];
    setSettled(current);
    const found = await queryClient
      .fetchQuery({ queryKey: keyOf(current), queryFn: () => fetchDuplicates(current), staleTime: 10_000 })
      .catch(() => null);
    return found?.items ?? [];
  };
  return { items, checkNow, key: currentKey };
}

/**
 * 「重複の可能性があります」: the members the new record may duplicate, each a link (in a new
 * tab, so the form keeps what was typed) with what matched. Saving stays possible.
 */
export const DuplicateWarning = forwardRef<
  HTMLDivElement,
  { items: Duplicates['items']; acknowledged: boolean }
>(function DuplicateWarning({ items, acknowledged }, ref) {
  const d = useMergeText();
  return (
    <div role="status" aria-live="polite">
      {items.length > 0 && (
        <div ref={ref} tabIndex={-1} className="alert alert-warning duplicate-warning">
          <p className="alert-title">{d.duplicatesTitle}</p>
          <p>{d.duplicatesIntro}</p>
          <ul className="duplicate-list">
            {items.map((m) => (
              <li key={m.id}>
                <Link to={`/members/${m.id}`} target="_blank" rel="noopener">
                  {m.name}
                </Link>
                {m.nameKana && <span className="muted">（{m.nameKana}）</span>}
                {m.employeeNumber && <span className="muted"> {d.employeeNumber(m.employeeNumber)}</span>}
                {m.workplaceName && <span className="muted"> · {m.workplaceName}</span>}
                <span className="duplicate-reason">
                  {' '}
                  — {m.matchedOn.map((r) => d.matchedOn[r]).join('・')}
                </span>
              </li>
            ))}
          </ul>
          {acknowledged && <p className="duplicate-again">{d.duplicatesAgain}</p>}
        </div>
      )}
    </div>
  );
});
