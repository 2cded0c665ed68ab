// Constants the web app's member list needs without the input schemas (which carry the
// phone number metadata: libphonenumber's "max", kept out of the browser's bundle).

/** When a member's next action is due, relative to the organization's today and this week's Sunday. */
export const NEXT_ACTION_DUE = ['overdue', 'this_week', 'later'] as const;
export type NextActionDue = (typeof NEXT_ACTION_DUE)[number];
