import { notFound } from '../../core/errors';
import { insertAuditEvents } from '../../db/queries/audit';
import { findAuditEntriesAbout, findMemberRecord, findMemberRecords } from '../../db/queries/member-data';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Everything recorded about one member, for an access request (個人情報の開示請求):
 * the record, notes, every case (sensitive ones included: the organization answers
 * the request, so this is for admins only) and their events, engagement history, linked demands,
 * tasks about them, handovers that moved them, their survey invitations (without links) and
 * identified survey answers, and the audit entries about them
 * and their notes, cases and tasks. One consistent read; the export is recorded
 * as a `data_export` event (counts only) and each sensitive case as a read.
 */
export async function exportMemberData(ctx: ServiceContext, memberId: string) {
  requirePermission(ctx, 'admin');
  return ctx.db.transaction(
    async (tx) => {
      const member = await findMemberRecord(tx, memberId);
      if (!member) throw notFound('Member');
      const records = await findMemberRecords(tx, memberId);
      const about = [
        memberId,
        ...records.notes.map((n) => n.id),
        ...records.cases.map((c) => c.id),
        ...records.tasks.map((t) => t.id),
      ];
      const auditEntries = await findAuditEntriesAbout(tx, about);
      const counts = {
        notes: records.notes.length,
        cases: records.cases.length,
        caseEvents: records.caseEvents.length,
        engagementHistory: records.history.length,
        demands: records.demandLinks.length,
        tasks: records.tasks.length,
        handovers: records.handovers.length,
        meetingsAttended: records.meetingsAttended.length,
        surveyInvitations: records.surveyInvitations.length,
        surveyAnswers: records.surveyAnswers.length,
        auditEntries: auditEntries.length,
      };
      const sensitive = records.cases.filter((c) => c.sensitive);
      await insertAuditEvents(tx, [
        {
          at: ctx.now,
          actorId: ctx.actor.id,
          action: 'data_export',
          tableName: 'members',
          recordId: memberId,
          subjectId: memberId,
          details: counts,
        },
        // As everywhere else, each sensitive case shown is a recorded read.
        ...sensitive.map((c) => ({
          at: ctx.now,
          actorId: ctx.actor.id,
          action: 'read_sensitive',
          tableName: 'member_cases',
          recordId: c.id,
          subjectId: memberId,
          details: { via: 'data_export' },
        })),
      ]);
      return {
        format: 'kumiai-member-data' as const,
        version: 1 as const,
        exportedAt: ctx.now,
        member,
        notes: records.notes,
        cases: records.cases,
        caseEvents: records.caseEvents,
        engagementHistory: records.history,
        demands: records.demandLinks,
        tasks: records.tasks,
        handovers: records.handovers,
        meetingsAttended: records.meetingsAttended,
        surveyInvitations: records.surveyInvitations,
        surveyAnswers: records.surveyAnswers,
        auditLog: auditEntries,
      };
    },
    { isolationLevel: 'repeatable read' },
  );
}
