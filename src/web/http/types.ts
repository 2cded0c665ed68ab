import type { z } from 'zod';
import type { customFieldSchema } from '../../core/custom-fields/schemas';
import type { demandMemberSchema, demandNoteSchema, demandSchema } from '../../core/demands/schemas';
import type {
  caseSchema,
  engagementChangeSchema,
  memberDetailSchema,
  memberSchema,
  noteSchema,
  timelineItemSchema,
} from '../../core/members/schemas';
import type { taskSchema } from '../../core/tasks/schemas';
import type { meSchema, sessionSchema, userSchema } from '../../core/users/schemas';
import type { atmosphereChangeSchema, meetingSchema, workplaceSchema } from '../../core/workplaces/schemas';

// What the API sends: the same zod output schemas that document /api/openapi.json
// (type-only imports: no schema code reaches the browser bundle).
export type User = z.infer<typeof userSchema>;
/** `/auth/me`: the signed-in user with their role's permissions. */
export type Me = z.infer<typeof meSchema>;
/** `/auth/session`: the signed-in user, or null. */
export type Session = z.infer<typeof sessionSchema>;
export type Member = z.infer<typeof memberSchema>;
/** GET /members/{id}: the member with the engagement review (関与度の見直し) its attendance suggests. */
export type MemberDetail = z.infer<typeof memberDetailSchema>;
export type MemberNote = z.infer<typeof noteSchema>;
export type MemberCase = z.infer<typeof caseSchema>;
export type EngagementChange = z.infer<typeof engagementChangeSchema>;
export type TimelineItem = z.infer<typeof timelineItemSchema>;
export type Workplace = z.infer<typeof workplaceSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type AtmosphereChange = z.infer<typeof atmosphereChangeSchema>;
export type Demand = z.infer<typeof demandSchema>;
export type DemandMember = z.infer<typeof demandMemberSchema>;
export type DemandNote = z.infer<typeof demandNoteSchema>;
export type Task = z.infer<typeof taskSchema>;

/** A custom field definition (issue 17). */
export type CustomField = z.infer<typeof customFieldSchema>;
export type CustomFieldEntity = CustomField['entity'];
export type CustomFieldType = CustomField['type'];
export type CustomFieldOption = CustomField['options'][number];
/** A record's values of the active custom fields, by key. */
export type CustomFieldValues = Record<string, unknown>;
