import { findSettingsView } from '../../db/queries/settings';
import { findLastBackupRun, presentBackupRun } from '../backup/scheduled-backup';
import type { ServiceContext } from '../context';

export async function getSettings(ctx: ServiceContext) {
  const [view, lastBackup] = [await findSettingsView(ctx.db), await findLastBackupRun(ctx.db)];
  return { ...view, lastBackup: presentBackupRun(lastBackup) };
}
