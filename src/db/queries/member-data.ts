import { and, asc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import {
  auditLog,
  caseEvents,
  demandMembers,
  demands,
  engagementHistory,
  handoverMembers,
  handovers,
  meetingAttendees,
  memberCases,
  memberNotes,
  members,
  tasks,
  users,
  workplaces,
} from '../schema';
import { rowsOf } from './records';

// Data protection: everything recorded about one member (an access request), and
// its erasure. The services check the permission first (admins only); these take
// the member as given. A fixed number of set-based statements, whatever the volume.

/** A text[] parameter (one bind value). Ids are uuids: no quoting is needed. */
function sqlTextArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::text[]`;
}

const { searchText: _searchText, ...memberColumns } = getTableColumns(members);

/** The member's record as stored, with the names of their workplace and owner. */
export async function findMemberRecord(db: DbOrTx, memberId: string) {
  const [row] = await db
    .select({ ...memberColumns, workplaceName: workplaces.name, ownerName: users.displayName })
    .from(members)
    .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
    .leftJoin(users, eq(users.id, members.ownerId))
    .where(eq(members.id, memberId));
  return row;
}

/** Every note, case (sensitive ones included) and its events, history row, demand link, task and handover of a member. */
export async function findMemberRecords(db: DbOrTx, memberId: string) {
  const linkedBy = alias(users, 'linked_by');
  const fromUser = alias(users, 'from_user');
  const toUser = alias(users, 'to_user');
  // One after the other: inside a transaction they share one connection.
  const notes = await db
    .select({ ...getTableColumns(memberNotes), authorName: users.displayName })
    .from(memberNotes)
    .leftJoin(users, eq(users.id, memberNotes.authorId))
    .where(eq(memberNotes.memberId, memberId))
    .orderBy(asc(memberNotes.occurredOn), asc(memberNotes.createdAt), asc(memberNotes.id));
  const cases = await db
    .select()
    .from(memberCases)
    .where(eq(memberCases.memberId, memberId))
    .orderBy(asc(memberCases.openedOn), asc(memberCases.createdAt), asc(memberCases.id));
  const events = await db
    .select({ ...getTableColumns(caseEvents), byName: users.displayName })
    .from(caseEvents)
    .innerJoin(memberCases, eq(memberCases.id, caseEvents.caseId))
    .leftJoin(users, eq(users.id, caseEvents.by))
    .where(eq(memberCases.memberId, memberId))
    .orderBy(asc(caseEvents.at), asc(caseEvents.kind), asc(caseEvents.id));
  const history = await db
    .select({ ...getTableColumns(engagementHistory), changedByName: users.displayName })
    .from(engagementHistory)
    .leftJoin(users, eq(users.id, engagementHistory.changedBy))
    .where(eq(engagementHistory.memberId, memberId))
    .orderBy(asc(engagementHistory.changedAt), asc(engagementHistory.seq));
  const demandLinks = await db
    .select({
      demandId: demands.id,
      title: demands.title,
      priority: demands.priority,
      status: demands.status,
      linkedAt: demandMembers.createdAt,
      linkedBy: demandMembers.createdBy,
      linkedByName: linkedBy.displayName,
    })
    .from(demandMembers)
    .innerJoin(demands, eq(demands.id, demandMembers.demandId))
    .leftJoin(linkedBy, eq(linkedBy.id, demandMembers.createdBy))
    .where(eq(demandMembers.memberId, memberId))
    .orderBy(asc(demandMembers.createdAt), asc(demands.id));
  const memberTasks = await db
    .select({ ...getTableColumns(tasks), assigneeName: users.displayName })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(eq(tasks.subjectType, 'member'), eq(tasks.subjectId, memberId)))
    .orderBy(asc(tasks.createdAt), asc(tasks.id));
  const moved = await db
    .select({
      id: handovers.id,
      createdAt: handovers.createdAt,
      fromUserId: handovers.fromUserId,
      fromUserName: fromUser.displayName,
      toUserId: handovers.toUserId,
      toUserName: toUser.displayName,
      note: handovers.note,
    })
    .from(handoverMembers)
    .innerJoin(handovers, eq(handovers.id, handoverMembers.handoverId))
    .leftJoin(fromUser, eq(fromUser.id, handovers.fromUserId))
    .leftJoin(toUser, eq(toUser.id, handovers.toUserId))
    .where(eq(handoverMembers.memberId, memberId))
    .orderBy(asc(handovers.createdAt), asc(handovers.id));
  // The meetings attended (issue 19), with their workplace.
  const meetingsAttended = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select mt.id as "meetingId", mt.workplace_id as "workplaceId", w.name as "workplaceName",
        to_char(mt.held_on, 'YYYY-MM-DD') as "heldOn", mt.title
      from meeting_attendees ma join workplace_meetings mt on mt.id = ma.meeting_id
      join workplaces w on w.id = mt.workplace_id
      where ma.member_id = ${memberId} order by mt.held_on, mt.created_at, mt.id`),
  );
  // Survey invitations without their nonce or token hash (a link is a credential), and the
  // answers to identified surveys (anonymous ones name no member).
  const surveyInvitations = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select s.id as "surveyId", s.title, s.anonymous, i.created_at as "invitedAt",
        i.answered_at as "answeredAt", i.revoked_at as "revokedAt"
      from survey_invitations i join surveys s on s.id = i.survey_id
      where i.member_id = ${memberId} order by i.created_at, s.id`),
  );
  const surveyAnswers = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select s.id as "surveyId", s.title, r.channel, r.free_text as "freeText", r.answers,
        coalesce((select json_agg(json_build_object('demandId', d.id, 'title', d.title, 'rank', rd.rank)
                                  order by rd.rank nulls last, d.title)
                    from survey_response_demands rd join demands d on d.id = rd.demand_id
                   where rd.response_id = r.id), '[]'::json) as demands
      from survey_responses r join surveys s on s.id = r.survey_id
      where r.member_id = ${memberId} order by s.closes_on, s.id`),
  );
  return {
    notes,
    cases,
    caseEvents: events,
    history,
    demandLinks,
    tasks: memberTasks,
    handovers: moved,
    meetingsAttended,
    surveyInvitations,
    surveyAnswers,
  };
}

/**
 * The audit entries about any of `ids` (a member and their notes, cases and tasks):
 * `record_id` or `subject_id` is one of them. Oldest first, with the actor's name.
 */
export async function findAuditEntriesAbout(db: DbOrTx, ids: readonly string[]) {
  const list = sqlTextArray(ids);
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      action: auditLog.action,
      tableName: auditLog.tableName,
      recordId: auditLog.recordId,
      subjectId: auditLog.subjectId,
      before: auditLog.before,
      after: auditLog.after,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(sql`(${auditLog.recordId} = any(${list}) or ${auditLog.subjectId} = any(${list}))`)
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}

// ---------------------------------------------------------------- erasure

/** Locks the member for the erasure; undefined when there is no such member. */
export async function lockMemberForErasure(db: DbOrTx, memberId: string) {
  const [row] = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(eq(members.id, memberId))
    .for('update');
  return row;
}

/**
 * Hard-deletes a member and every row of their personal data: notes, cases and their events,
 * engagement history, demand links, handover links, meeting attendance and the tasks about them;
 * workplaces they represented lose their rep (the record's version is bumped).
 * Each statement is audited by the triggers (erased from the log afterwards by
 * `redactAuditEntries`). Returns the counts and the ids whose audit entries hold
 * the member's data.
 */
export async function deleteMemberData(db: DbOrTx, memberId: string, now: Date) {
  const notes = await db
    .delete(memberNotes)
    .where(eq(memberNotes.memberId, memberId))
    .returning({ id: memberNotes.id });
  // Before the cases (the FK would cascade too): counted, and audited as their own rows.
  const events = await db
    .delete(caseEvents)
    .where(sql`${caseEvents.caseId} in (select id from member_cases where member_id = ${memberId})`)
    .returning({ id: caseEvents.id });
  const cases = await db
    .delete(memberCases)
    .where(eq(memberCases.memberId, memberId))
    .returning({ id: memberCases.id });
  const history = await db
    .delete(engagementHistory)
    .where(eq(engagementHistory.memberId, memberId))
    .returning({ id: engagementHistory.id });
  const demandLinks = await db
    .delete(demandMembers)
    .where(eq(demandMembers.memberId, memberId))
    .returning({ id: demandMembers.demandId });
  const handoverLinks = await db
    .delete(handoverMembers)
    .where(eq(handoverMembers.memberId, memberId))
    .returning({ id: handoverMembers.handoverId });
  const attendance = await db
    .delete(meetingAttendees)
    .where(eq(meetingAttendees.memberId, memberId))
    .returning({ id: meetingAttendees.meetingId });
  const memberTasks = await db
    .delete(tasks)
    .where(and(eq(tasks.subjectType, 'member'), eq(tasks.subjectId, memberId)))
    .returning({ id: tasks.id });
  const represented = await db
    .update(workplaces)
    .set({ repMemberId: null, version: sql`${workplaces.version} + 1`, updatedAt: now })
    .where(eq(workplaces.repMemberId, memberId))
    .returning({ id: workplaces.id });
  await db.delete(members).where(eq(members.id, memberId));
  return {
    counts: {
      notes: notes.length,
      cases: cases.length,
      caseEvents: events.length,
      engagementHistory: history.length,
      demandLinks: demandLinks.length,
      handoverLinks: handoverLinks.length,
      meetingAttendance: attendance.length,
      tasks: memberTasks.length,
      workplacesUnlinked: represented.length,
    },
    recordIds: [...notes, ...cases, ...memberTasks].map((r) => r.id),
  };
}

/**
 * Replaces the recorded values (before, after, details) of every audit entry about
 * `subjects` with `{"erased": true}` through `kumiai_redact_audit` (migration 0011,
 * SECURITY DEFINER: the only way to change audit rows, open to a server role that
 * may not UPDATE the log). Returns how many distinct entries were redacted.
 */
export async function redactAuditEntries(db: DbOrTx, subjects: readonly string[]): Promise<number> {
  if (!subjects.length) return 0;
  const list = sqlTextArray(subjects);
  await db.execute(sql`select kumiai_redact_audit(s) from unnest(${list}) as s`);
  const [row] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from audit_log where record_id = any(${list}) or subject_id = any(${list})`,
    ),
  );
  return row?.n ?? 0;
}
