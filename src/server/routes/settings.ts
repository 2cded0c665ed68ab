import { createRoute } from '@hono/zod-openapi';
import { settingsSchema, updateSettingsSchema } from '../../core/settings/schemas';
import { getSettings } from '../../services/settings/get-settings';
import { updateSettings } from '../../services/settings/update-settings';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requireRole } from '../middleware/auth';
import { createRouter, errorResponses, jsonBody, jsonResponse, writeErrorResponses } from '../openapi';
import { present } from '../present';

const tags = ['Settings 設定'];

export function settingRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use('/settings', requireRole('admin'));
  return router
    .openapi(
      createRoute({
        method: 'get',
        path: '/settings',
        operationId: 'getSettings',
        tags,
        summary: "The organization's settings (admin only)",
        responses: { 200: jsonResponse(settingsSchema, 'The settings'), ...errorResponses },
      }),
      async (c) => c.json(present(await getSettings(serviceContext(c, deps))), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/settings',
        operationId: 'updateSettings',
        tags,
        summary: 'Change the settings (admin only; send the `version` you read)',
        description:
          '`timezone` is an IANA zone (every workflow rule counts days there); `shuntoStartOn` is 春闘開始日 (moving it makes the survey task fire again for the new date); `milestoneYears` are distinct positive years; `secretaryGeneralUserId` (書記長) receives the survey task.',
        request: { body: jsonBody(updateSettingsSchema) },
        responses: { 200: jsonResponse(settingsSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await updateSettings(serviceContext(c, deps), c.req.valid('json'))), 200),
    );
}
