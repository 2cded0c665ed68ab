import type { AppDeps } from '../env';
import { createRouter } from '../openapi';

export function taskRoutes(_deps: AppDeps) {
  return createRouter();
}
