import { useRef } from 'react';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { HandoverForm } from './HandoverForm';
import { useHandoverText } from './messages';
import { usePendingHandovers } from './queries';
import './handover.css';

/**
 * 要引き継ぎ (admins: the users tab and the handover page): disabled accounts that
 * still own members, workplaces or open tasks, each with 引き継ぐ opening the
 * handover form. The user being handed over is in the URL (?handover=<userId>).
 * `level` is the heading level where it is placed (3 under the users tab).
 */
export function PendingHandovers({ level = 3 }: { level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const p = useHandoverText().pending;
  const pending = usePendingHandovers();
  const [params, setParams] = useSearchParams();
  const openId = params.get('handover');
  const opener = useRef<HTMLButtonElement | null>(null);
  const items = pending.data?.items ?? [];
  const open = items.find((i) => i.userId === openId);

  const setOpen = (userId: string | null) => {
    const next = new URLSearchParams(params);
    if (userId) next.set('handover', userId);
    else next.delete('handover');
    setParams(next);
  };

  // Nothing to do (or not known yet): the section stays out of the way.
  if (pending.isLoading || (!pending.error && items.length === 0)) return null;

  return (
    <section className="card handover-pending" aria-labelledby="handover-pending-title">
      <Heading id="handover-pending-title">{p.title}</Heading>
      <QueryState isLoading={false} error={pending.error} onRetry={() => pending.refetch()}>
        <p className="muted">{p.intro}</p>
        <div className="table-wrap">
          <table className="handover-pending-table">
            <caption className="visually-hidden">{p.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{p.user}</th>
                <th scope="col">{p.members}</th>
                <th scope="col">{p.workplaces}</th>
                <th scope="col">{p.tasks}</th>
                <th scope="col">
                  <span className="visually-hidden">{p.action}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.userId}>
                  <th scope="row">
                    {item.displayName}
                    <span className="muted handover-email">{item.email}</span>
                  </th>
                  <td>{p.people(item.memberCount)}</td>
                  <td>{p.places(item.workplaceCount)}</td>
                  <td>{p.items(item.taskCount)}</td>
                  <td>
                    <button
                      type="button"
                      className="primary"
                      aria-label={p.actionLabel(item.displayName)}
                      aria-expanded={openId === item.userId}
                      ref={openId === item.userId ? opener : undefined}
                      onClick={(e) => {
                        opener.current = e.currentTarget;
                        setOpen(item.userId);
                      }}
                    >
                      {p.action}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      {open && (
        <HandoverForm
          key={open.userId}
          from={open}
          onCancel={() => {
            setOpen(null);
            requestAnimationFrame(() => opener.current?.focus());
          }}
        />
      )}
    </section>
  );
}
