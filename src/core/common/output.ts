import { z } from 'zod';

/** Fields every record carries (SPEC §3). */
export const recordOutput = {
  id: z.uuid(),
  createdAt: z.string().meta({ format: 'date-time' }),
  updatedAt: z.string().meta({ format: 'date-time' }),
  version: z.number().int(),
};

export const dateOut = z.string().meta({ format: 'date' });
export const timestampOut = z.string().meta({ format: 'date-time' });
