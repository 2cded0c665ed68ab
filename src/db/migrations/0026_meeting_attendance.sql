ALTER TABLE "workplace_meetings" ADD COLUMN "attendance_recorded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE "meeting_attendees" (
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "meeting_attendees_meeting_id_member_id_pk" PRIMARY KEY("meeting_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_meeting_id_workplace_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."workplace_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_attendees_member_idx" ON "meeting_attendees" USING btree ("member_id","meeting_id");--> statement-breakpoint
CREATE INDEX "workplace_meetings_attendance_idx" ON "workplace_meetings" USING btree ("workplace_id","held_on" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "workplace_meetings"."attendance_recorded";--> statement-breakpoint
-- Attendance is audited on insert and delete like the other link tables (demand_members):
-- the member is the record, the meeting the subject, so erasing a member redacts its rows.
CREATE TRIGGER meeting_attendees_audit_insert AFTER INSERT ON meeting_attendees REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('member_id', 'meeting_id');
--> statement-breakpoint
CREATE TRIGGER meeting_attendees_audit_delete AFTER DELETE ON meeting_attendees REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kumiai_audit_rows('member_id', 'meeting_id');
