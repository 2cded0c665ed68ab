import { z } from 'zod';
import { requiredText, text } from '../common/schemas';
import { email, password } from './schemas';

export const setupSchema = z
  .strictObject({
    email,
    displayName: requiredText(100),
    password,
    loadDemo: z.boolean({ message: 'must be true or false' }).default(false),
    // Optional here so that a missing code is the same 403 as a wrong one, not a 400.
    setupCode: text().max(64, { message: 'must be at most 64 characters' }).optional().meta({
      description:
        'The one-time setup code the server printed at start (セットアップコード); required, checked as a 403',
    }),
  })
  .meta({ id: 'Setup' });

export const setupStateSchema = z
  .object({
    needsSetup: z.boolean().meta({ description: 'true while no staff user exists (first run)' }),
    organizationName: z.string(),
    timezone: z.string(),
  })
  .meta({ id: 'SetupState' });
