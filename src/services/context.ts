import { todayIn } from '../core/common/dates';
import type { StaffRole } from '../core/enums';
import type { Db, DbOrTx } from '../db/client';
import { findSettings } from '../db/queries/settings';

export type Actor = {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  /** The workplaces set on the user (a rep's scope; empty for other roles). */
  workplaceIds: readonly string[];
};

export type ServiceContext = {
  db: Db;
  actor: Actor;
  now: Date;
};

/** Today in the organization's time zone (SPEC: dates are the organization's). */
export async function organizationToday(db: DbOrTx, now: Date): Promise<string> {
  const s = await findSettings(db);
  return todayIn(s.timezone, now);
}
