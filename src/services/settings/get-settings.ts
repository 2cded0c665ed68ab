import { findSettingsView } from '../../db/queries/settings';
import type { ServiceContext } from '../context';

export async function getSettings(ctx: ServiceContext) {
  return findSettingsView(ctx.db);
}
