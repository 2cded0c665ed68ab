import type { AppDeps } from '../env';
import { createRouter } from '../openapi';

export function workplaceRoutes(_deps: AppDeps) {
  return createRouter();
}
