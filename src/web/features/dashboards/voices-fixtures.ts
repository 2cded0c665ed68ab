import type { UnmatchedVoices, VoiceCluster } from './queries';

// 要求になっていない声 in the API's response shape, for component tests.

let seq = 0;
const id = () => `00000000-0000-4000-9500-${String(++seq).padStart(12, '0')}`;

export const PARKING_A = '00000000-0000-4000-9500-00000000aaaa';
export const PARKING_B = '00000000-0000-4000-9500-00000000bbbb';

export function buildCluster(over: Partial<VoiceCluster> = {}): VoiceCluster {
  const memberIds = over.memberIds ?? [id(), id(), id()];
  return {
    key: `key-${++seq}`,
    terms: ['駐車場', '満車'],
    memberCount: memberIds.length,
    anonymousCount: 0,
    memberIds,
    byWorkplace: [
      { workplaceId: PARKING_A, workplaceName: 'A 病棟', count: 2 },
      { workplaceId: PARKING_B, workplaceName: 'B 物流センター', count: 1 },
    ],
    sampleExcerpts: [
      { text: '駐車場が足りなくて毎朝路上で待たされる', source: 'concerns' },
      { text: '社員駐車場がいつも満車で困る', source: 'note' },
    ],
    ...over,
  };
}

export function buildVoices(over: Partial<UnmatchedVoices> = {}): UnmatchedVoices {
  return {
    items: [],
    seasonId: '00000000-0000-4000-9500-00000000cccc',
    unmatchedTexts: 0,
    pending: 0,
    ...over,
  };
}
