import { storableText } from '../../core/common/schemas';
import type { DbOrTx } from '../../db/client';
import { insertAuditEvents } from '../../db/queries/audit';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export type Denial = {
  at: Date;
  actorId: string | null;
  method: string;
  /** The request path, without the query string (which may hold a searched name). */
  path: string;
  status: number;
};

/**
 * Records a refused request (a 403, or a 404 for a record outside the actor's
 * scope). The ids in the path name what was asked for: the last one is the
 * record, the first what it belongs to (`/members/:id/notes/:noteId`), so a
 * search by a member's id finds the attempts on them.
 */
export async function recordDenial(db: DbOrTx, denial: Denial) {
  const ids = denial.path.match(UUID)?.map((id) => id.toLowerCase()) ?? [];
  await insertAuditEvents(db, [
    {
      at: denial.at,
      actorId: denial.actorId,
      action: 'denied',
      recordId: ids.at(-1) ?? null,
      subjectId: ids[0] ?? null,
      // The path is decoded and the client's: what jsonb cannot hold (%00) becomes U+FFFD.
      details: { method: denial.method, path: storableText(denial.path), status: denial.status },
    },
  ]);
}
