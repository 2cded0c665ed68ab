import type { ServiceContext } from '../context';
import { setArchived } from './archive-custom-field';

/** Brings an archived field back with the values records kept (`admin`). */
export function restoreCustomField(ctx: ServiceContext, id: string) {
  return setArchived(ctx, id, false);
}
