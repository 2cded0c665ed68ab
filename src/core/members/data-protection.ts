import { z } from 'zod';
import { timestampOut } from '../common/output';
import { text } from '../common/schemas';

/**
 * Data protection (個人情報の開示・消去): everything recorded about one member for an
 * access request, and the erasure of a member with all their personal data.
 */

/** Two spellings of one name match: NFKC (full-width ↔ half-width) and no spaces of either width. */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');
  return fold(a) === fold(b);
}

/** The erasure must name the member: it cannot happen by accident (a wrong id, a double click). */
export const erasureSchema = z
  .strictObject({
    confirmName: text('must be the member’s name')
      .trim()
      .min(1, { message: 'must be the member’s name' })
      .max(200, { message: 'must be the member’s name' })
      .meta({ description: 'The member’s name, as recorded (spaces and character width are ignored).' }),
  })
  .meta({ id: 'MemberErasure' });
export type ErasureInput = z.infer<typeof erasureSchema>;

const counts = z.object({
  notes: z.number().int(),
  cases: z.number().int(),
  caseEvents: z.number().int(),
  engagementHistory: z.number().int(),
  demandLinks: z.number().int(),
  handoverLinks: z.number().int(),
  meetingAttendance: z.number().int().meta({ description: 'Meetings the member was recorded attending' }),
  tasks: z.number().int(),
  workplacesUnlinked: z.number().int(),
});

export const erasureResultSchema = z
  .object({
    memberId: z.uuid(),
    erasedAt: timestampOut,
    removed: counts.meta({ description: 'Rows removed with the member (workplaces: rep cleared).' }),
    auditEntriesRedacted: z
      .number()
      .int()
      .meta({ description: 'Audit entries whose recorded values were replaced by {"erased": true}.' }),
  })
  .meta({ id: 'MemberErasureResult' });

const rows = z.array(z.record(z.string(), z.unknown()));

export const memberDataExportSchema = z
  .object({
    format: z.literal('kumiai-member-data'),
    version: z.literal(1),
    exportedAt: timestampOut,
    member: z.record(z.string(), z.unknown()),
    notes: rows,
    cases: rows.meta({ description: 'Every case, sensitive ones (要配慮) included.' }),
    caseEvents: rows.meta({
      description:
        'The story of those cases: opened, closed (with the outcome), reopened (with the reason), by whom.',
    }),
    engagementHistory: rows,
    demands: rows.meta({ description: 'The demands the member is linked to, with their titles.' }),
    tasks: rows.meta({ description: 'Tasks about the member.' }),
    handovers: rows.meta({ description: 'Handovers that moved the member to another officer.' }),
    meetingsAttended: rows.meta({ description: 'The workplace meetings (職場集会) the member attended.' }),
    surveyInvitations: rows.meta({
      description:
        'The surveys the member was invited to: when, whether answered or revoked (never the link or its token).',
    }),
    surveyAnswers: rows.meta({
      description:
        'The member’s answers to identified surveys. Anonymous answers are tied to no member and cannot be included.',
    }),
    auditLog: rows.meta({ description: 'Audit entries about the member and their notes, cases and tasks.' }),
  })
  .meta({ id: 'MemberDataExport' });
