import type { AppDeps } from '../env';
import { createRouter } from '../openapi';

export function demandRoutes(_deps: AppDeps) {
  return createRouter();
}
