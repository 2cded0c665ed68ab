import { describe, expect, it } from 'vitest';
import { meetingParticipationRate, nonMemberCount, organizationRate, participationRate } from './rates';

describe('organizationRate', () => {
  it.each([
    { memberCount: 0, employeeCount: null, expected: null },
    { memberCount: 5, employeeCount: null, expected: null },
    { memberCount: 0, employeeCount: 0, expected: null },
    { memberCount: 3, employeeCount: 0, expected: null },
    { memberCount: 0, employeeCount: 10, expected: 0 },
    { memberCount: 3, employeeCount: 4, expected: 0.75 },
    { memberCount: 1, employeeCount: 3, expected: 1 / 3 },
    { memberCount: 10, employeeCount: 10, expected: 1 },
    // A stale headcount: reported as is so the UI can flag it.
    { memberCount: 12, employeeCount: 10, expected: 1.2 },
  ])('$memberCount of $employeeCount → $expected', ({ memberCount, employeeCount, expected }) => {
    expect(organizationRate(memberCount, employeeCount)).toBe(expected);
  });
});

describe('nonMemberCount', () => {
  it.each([
    { memberCount: 0, employeeCount: null, expected: null },
    { memberCount: 0, employeeCount: 0, expected: 0 },
    { memberCount: 0, employeeCount: 10, expected: 10 },
    { memberCount: 3, employeeCount: 10, expected: 7 },
    { memberCount: 10, employeeCount: 10, expected: 0 },
    { memberCount: 12, employeeCount: 10, expected: 0 },
  ])('$memberCount of $employeeCount → $expected', ({ memberCount, employeeCount, expected }) => {
    expect(nonMemberCount(memberCount, employeeCount)).toBe(expected);
  });
});

describe('participationRate', () => {
  it.each([
    { attendeeCount: 0, invitedCount: 0, expected: null },
    { attendeeCount: 0, invitedCount: 8, expected: 0 },
    { attendeeCount: 6, invitedCount: 8, expected: 0.75 },
    { attendeeCount: 8, invitedCount: 8, expected: 1 },
  ])('$attendeeCount of $invitedCount → $expected', ({ attendeeCount, invitedCount, expected }) => {
    expect(participationRate(attendeeCount, invitedCount)).toBe(expected);
  });
});

describe('meetingParticipationRate', () => {
  it('counts the recorded attendees when attendance was recorded, the entered count otherwise', () => {
    const ids = ['a', 'b'];
    expect(
      meetingParticipationRate({
        attendeeCount: 3,
        invitedCount: 4,
        attendanceRecorded: true,
        attendeeIds: ids,
      }),
    ).toBe(0.5);
    expect(
      meetingParticipationRate({
        attendeeCount: 3,
        invitedCount: 4,
        attendanceRecorded: false,
        attendeeIds: [],
      }),
    ).toBe(0.75);
    expect(
      meetingParticipationRate({
        attendeeCount: 0,
        invitedCount: 0,
        attendanceRecorded: true,
        attendeeIds: [],
      }),
    ).toBeNull();
  });
});
