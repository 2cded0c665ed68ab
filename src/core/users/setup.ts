import { z } from 'zod';
import { requiredText } from '../common/schemas';
import { email, password } from './schemas';

export const setupSchema = z
  .strictObject({
    email,
    displayName: requiredText(100),
    password,
    loadDemo: z.boolean({ message: 'must be true or false' }).default(false),
  })
  .meta({ id: 'Setup' });

export const setupStateSchema = z
  .object({
    needsSetup: z.boolean().meta({ description: 'true while no staff user exists (first run)' }),
    organizationName: z.string(),
    timezone: z.string(),
  })
  .meta({ id: 'SetupState' });
