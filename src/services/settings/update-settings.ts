import { eq, sql } from 'drizzle-orm';
import { invalid, staleVersion } from '../../core/errors';
import type { UpdateSettingsInput } from '../../core/settings/schemas';
import { definedOnly } from '../../db/queries/records';
import { findSettingsView, lockSettings } from '../../db/queries/settings';
import { findAssignee } from '../../db/queries/tasks';
import { settings } from '../../db/schema';
import { findLastBackupRun, presentBackupRun } from '../backup/scheduled-backup';
import type { ServiceContext } from '../context';

/**
 * Changes the organization's settings (admin). Moving shuntoStartOn makes the
 * survey rule fire again for the new date; a new time zone moves every rule's
 * "today" from the next sweep on.
 */
export async function updateSettings(ctx: ServiceContext, input: UpdateSettingsInput) {
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const current = await lockSettings(tx);
    if (current.version !== version) throw staleVersion(current.version);
    const changes = definedOnly(patch);
    if (changes.secretaryGeneralUserId && changes.secretaryGeneralUserId !== current.secretaryGeneralUserId) {
      // The survey task goes to this user: an account that cannot sign in would never see it.
      const user = await findAssignee(tx, changes.secretaryGeneralUserId);
      if (!user) throw invalid({ secretaryGeneralUserId: 'does not exist' });
      if (user.disabled) throw invalid({ secretaryGeneralUserId: 'is a disabled account' });
    }
    await tx
      .update(settings)
      .set({ ...changes, version: sql`${settings.version} + 1`, updatedAt: ctx.now })
      .where(eq(settings.id, 1));
    return { ...(await findSettingsView(tx)), lastBackup: presentBackupRun(await findLastBackupRun(tx)) };
  });
}
