import type { Atmosphere, Engagement } from '../../../core/enums';

// The field app's wire types: the sync contract of issue 19 (GET /api/sync/pack, POST /api/sync).

export type PackWorkplace = {
  id: string;
  name: string;
  atmosphere: Atmosphere | null;
  version: number;
  memberCount: number;
  nextAction?: { title: string; due: string | null } | null;
};
export type PackMember = {
  id: string;
  workplaceId: string | null;
  name: string;
  nameKana: string | null;
  employeeNumber: string | null;
  engagement: Engagement;
  version: number;
  nextAction: { title: string; due: string | null } | null;
  openCases: { id: string; title: string; status: string }[];
};
export type PackTask = {
  id: string;
  title: string;
  dueOn: string | null;
  memberId: string | null;
  workplaceId: string | null;
  version: number;
};
export type PackNote = {
  id: string;
  memberId: string;
  body: string;
  createdAt: string;
  authorName: string | null;
};
export type PackMeeting = {
  id: string;
  workplaceId: string;
  heldOn: string;
  title: string;
  attendeeIds: string[];
  invitedCount: number | null;
  attendeeCount: number | null;
};
export type Pack = {
  generatedAt: string;
  user: { id: string; displayName: string; role: string };
  workplaces: PackWorkplace[];
  members: PackMember[];
  tasks: PackTask[];
  notes: PackNote[];
  meetings: PackMeeting[];
  truncated: boolean;
};

type ItemBase = { clientId: string; deviceTime: string };
export type NoteItem = ItemBase & { kind: 'note'; memberId: string; body: string };
export type EngagementItem = ItemBase & {
  kind: 'engagement';
  memberId: string;
  level: Engagement;
  reason: string;
  baseLevel: Engagement;
};
export type MeetingItem = ItemBase & {
  kind: 'meeting';
  workplaceId: string;
  heldOn: string;
  title: string;
  attendeeIds: string[];
  invitedCount?: number;
  notes?: string;
};
export type AtmosphereItem = ItemBase & {
  kind: 'atmosphere';
  workplaceId: string;
  level: Atmosphere;
  reason?: string;
  baseLevel: Atmosphere | null;
};
export type TaskDoneItem = ItemBase & { kind: 'task_done'; taskId: string };
export type SyncItem = NoteItem | EngagementItem | MeetingItem | AtmosphereItem | TaskDoneItem;
/** What a capture form makes: the item without its id and device time (added when stored). */
export type Capture =
  | Omit<NoteItem, keyof ItemBase>
  | Omit<EngagementItem, keyof ItemBase>
  | Omit<MeetingItem, keyof ItemBase>
  | Omit<AtmosphereItem, keyof ItemBase>
  | Omit<TaskDoneItem, keyof ItemBase>;

export type SyncResult =
  | { clientId: string; status: 'applied'; recordId?: string }
  | { clientId: string; status: 'duplicate' }
  | {
      clientId: string;
      status: 'conflict';
      current: { level: string | null; version?: number; changedAt?: string | null };
    }
  | {
      clientId: string;
      status: 'rejected';
      error: { code: string; message: string; fields?: Record<string, string> };
    };

/** One captured item on the device: waiting, or come back as a conflict or a rejection. */
export type OutboxEntry = {
  clientId: string;
  /** Capture order: the outbox is sent in it. */
  seq: number;
  /** Whose item it is: another user signing in on the device never sends it. */
  userId: string;
  item: SyncItem;
  state: 'pending' | 'conflict' | 'rejected';
  current?: { level: string | null; version?: number; changedAt?: string | null };
  error?: { code: string; message: string };
};
