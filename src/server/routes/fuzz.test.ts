import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { installWriteCounter } from '../../../test/write-counter';
import { NOT_STORABLE_TEXT } from '../../core/common/schemas';
import { DEMAND_NOTE_KINDS } from '../../core/enums';
import { rowsOf } from '../../db/queries/records';

// Every operation of the OpenAPI document, each string body field and query parameter in turn
// carrying NUL, half a surrogate pair, control characters or 10,001 characters, with the rest
// of the request valid, sent as an admin: never a 5xx, and a refused request writes nothing.

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  propertyNames?: Schema;
  items?: Schema;
  required?: string[];
};
type Parameter = { name: string; in: string; required?: boolean; schema: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** A string a body or query may hold: its place (`rules.0.titleTemplate`; `*` a record value, `<key>` a record key). */
type StringInput = { path: string[]; schema: Schema };

let t: TestApp;
let doc: Document;
const ids: Record<string, string> = {};
const RULE_ID = 'case_due_follow_up';

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.api('GET', '/api/openapi.json')).body;
  const made = async (method: string, path: string, body: unknown) => {
    const res = await t.api(method, path, body);
    expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
    return res.body?.id as string;
  };
  ids.officer = (await t.addUser('officer')).user.id;
  ids.workplace = await made('POST', '/api/workplaces', { name: 'Fuzz workplace', employeeCount: 10 });
  ids.member = await made('POST', '/api/members', {
    name: 'Fuzz Member',
    workplaceId: ids.workplace,
    ownerId: ids.officer,
  });
  ids.note = await made('POST', `/api/members/${ids.member}/notes`, { body: 'A note' });
  ids.case = await made('POST', `/api/members/${ids.member}/cases`, { title: 'A case', sensitive: true });
  ids.meeting = await made('POST', `/api/workplaces/${ids.workplace}/meetings`, {
    heldOn: '2026-01-10',
    title: 'A meeting',
    attendeeCount: 1,
  });
  ids.demand = await made('POST', '/api/demands', { title: 'A demand' });
  await made('PUT', `/api/demands/${ids.demand}/members/${ids.member}`, undefined);
  ids.demandNote = await made('POST', `/api/demands/${ids.demand}/notes`, {
    kind: DEMAND_NOTE_KINDS[0],
    body: 'A negotiation note',
  });
  ids.task = await made('POST', '/api/tasks', { title: 'A task' });
  ids.token = await made('POST', '/api/tokens', { name: 'A token' });
  ids.mapping = await made('POST', '/api/import/mappings', {
    kind: 'members',
    name: 'A mapping',
    columns: { 氏名: 'name' },
  });
  ids.handover = await made('POST', '/api/handover', { fromUserId: ids.officer, toUserId: t.admin.id });
  ids.season = await made('POST', '/api/seasons', {
    name: 'A season',
    startsOn: '2026-02-01',
    endsOn: '2026-06-30',
  });
  ids.savedView = await made('POST', '/api/saved-views', {
    name: 'A view',
    list: 'members',
    state: { params: { q: 'x' } },
  });
  ids.calendarFeed = await made('POST', '/api/calendar-feeds', { kind: 'tasks' });
  ids.customField = await made('POST', '/api/custom-fields', {
    entity: 'member',
    key: 'fuzz_choice',
    labelJa: '選択',
    labelEn: 'Choice',
    type: 'choices',
    options: [
      { value: 'a', labelJa: 'エー', labelEn: 'A' },
      { value: 'b', labelJa: 'ビー', labelEn: 'B' },
    ],
  });
  ids.survey = await made('POST', '/api/surveys', surveyBody());
  await made('POST', `/api/surveys/${ids.survey}/invitations`, {});
  const invitations = await t.api('GET', `/api/surveys/${ids.survey}/invitations`);
  ids.surveyToken = (invitations.body.items[0].link as string).split('/s/')[1]!;
}, 60_000);

function surveyBody() {
  return {
    title: 'A survey',
    anonymous: false,
    demandIds: [ids.demand],
    freeText: true,
    questions: [{ kind: 'text', label: 'A question' }],
    closesOn: '2099-12-31',
  };
}

afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------- the document

function deref(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return doc.components.schemas[schema.$ref.split('/').pop() ?? ''];
}

function isString(schema: Schema): boolean {
  return schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
}

/** Every string a schema holds, with its place. */
function stringInputs(schema: Schema | undefined, path: string[] = []): StringInput[] {
  const s = deref(schema);
  if (!s) return [];
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.flatMap((a) => stringInputs(a, path));
  if (s.properties || s.additionalProperties || s.propertyNames) {
    const found = Object.entries(s.properties ?? {}).flatMap(([key, value]) =>
      stringInputs(value, [...path, key]),
    );
    if (typeof s.additionalProperties === 'object')
      found.push(...stringInputs(s.additionalProperties, [...path, '*']));
    if (s.propertyNames) found.push(...stringInputs(s.propertyNames, [...path, '<key>']));
    return found;
  }
  if (s.type === 'array') return stringInputs(s.items, [...path, '0']);
  return isString(s) ? [{ path, schema: s }] : [];
}

function operations() {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
}

const jsonBodyOf = (op: Operation) => deref(op.requestBody?.content['application/json']?.schema);
const formOf = (op: Operation) => deref(op.requestBody?.content['multipart/form-data']?.schema);

// ---------------------------------------------------------------- valid requests

/** A path of the document with ids of the seeded records. */
function concretePath(template: string): string {
  const [, resource] = template.split('/');
  const idOf: Record<string, string | undefined> = {
    users: ids.officer,
    tokens: ids.token,
    members: ids.member,
    workplaces: ids.workplace,
    demands: ids.demand,
    seasons: ids.season,
    tasks: ids.task,
    handovers: ids.handover,
    import: ids.mapping,
    'workflow-rules': RULE_ID,
    surveys: ids.survey,
    'saved-views': ids.savedView,
    'custom-fields': ids.customField,
    'calendar-feeds': ids.calendarFeed,
  };
  return template
    .replace('{id}', idOf[resource ?? ''] ?? '')
    .replace('{noteId}', resource === 'demands' ? ids.demandNote! : ids.note!)
    .replace('{caseId}', ids.case!)
    .replace('{meetingId}', ids.meeting!)
    .replace('{memberId}', ids.member!)
    .replace('{token}', ids.surveyToken!)
    .replace('{file}', 'x.ics');
}

/** The version a PATCH must name: from a GET of the record, or of the list it is in. */
async function currentVersion(path: string): Promise<number> {
  const own = await t.api('GET', `/api${path}`);
  if (own.status === 200 && typeof own.body?.version === 'number') return own.body.version;
  const id = path.split('/').pop();
  const list = await t.api('GET', `/api${path.slice(0, path.lastIndexOf('/'))}`);
  const items: { id: string; version: number }[] = Array.isArray(list.body)
    ? list.body
    : (list.body?.items ?? []);
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`no version found for ${path}`);
  return item.version;
}

// Unique names and emails: an accepted value (a control character) must not make the next request a 409.
let serial = 0;
const unique = (text: string) => `${text} ${++serial}`;

const POST_BODIES: Record<string, () => Record<string, unknown>> = {
  '/auth/login': () => ({ email: 'admin@example.org', password: TEST_PASSWORD }),
  '/setup': () => ({ email: 'setup@example.org', displayName: 'Setup', password: 'a long enough password' }),
  '/tokens': () => ({ name: 'Fuzz token' }),
  '/users': () => ({
    email: `fuzz-user-${++serial}@example.org`,
    displayName: 'Fuzz user',
    role: 'officer',
    password: 'a long enough password',
  }),
  '/members': () => ({ name: 'Fuzz member' }),
  '/members/duplicates': () => ({ name: 'Fuzz Member', nameKana: 'ふぁず', employeeNumber: '007' }),
  // The member itself as the other record: a valid body the service refuses (400), so an
  // accepted value never merges away the member the other requests use.
  '/members/{id}/merge': () => ({ otherId: ids.member, version: 1, otherVersion: 1 }),
  '/members/{id}/notes': () => ({ body: 'A note' }),
  '/members/{id}/cases': () => ({ title: 'A case' }),
  // Never the member's name: an accepted value must not erase the member others use.
  '/members/{id}/erasure': () => ({ confirmName: 'Not the name' }),
  '/workplaces': () => ({ name: unique('Fuzz workplace') }),
  '/workplaces/{id}/meetings': () => ({ heldOn: '2026-01-11', title: 'A meeting', attendeeCount: 1 }),
  '/demands': () => ({ title: 'A demand' }),
  '/demands/{id}/notes': () => ({ kind: DEMAND_NOTE_KINDS[0], body: 'A note' }),
  '/seasons': () => ({ name: unique('Fuzz season'), startsOn: '2025-02-01', endsOn: '2025-06-30' }),
  '/tasks': () => ({ title: 'A task' }),
  '/saved-views': () => ({
    name: 'A view',
    list: 'members',
    state: { params: { q: 'x' } },
    sharedRoles: ['rep'],
  }),
  '/custom-fields': () => ({
    entity: 'workplace',
    key: `fuzz_${++serial}`,
    labelJa: '項目',
    labelEn: 'Field',
    type: 'choice',
    options: [{ value: 'x', labelJa: 'エックス', labelEn: 'X' }],
  }),
  '/custom-fields/{id}/restore': () => ({}),
  '/calendar-feeds': () => ({ kind: 'meetings', includeNames: false }),
  '/workflow-rules/{id}/preview': () => ({}),
  '/workflows/run': () => ({}),
  '/digests/run': () => ({ asOf: '2026-01-01T00:00:00Z' }),
  // Offline sync (issue 19): a note on the fuzz member, with a new clientId each time.
  '/sync': () => ({
    items: [
      {
        clientId: crypto.randomUUID(),
        kind: 'note',
        deviceTime: '2026-01-01T09:00:00+09:00',
        memberId: ids.member,
        body: 'A note',
      },
    ],
  }),
  '/dashboards/snapshots': () => ({ month: '2026-01' }),
  '/import/mappings': () => ({ kind: 'members', name: unique('Fuzz mapping'), columns: { 氏名: 'name' } }),
  '/handover': () => ({ fromUserId: ids.officer, toUserId: t.admin.id }),
  '/handover/preview': () => ({ fromUserId: ids.officer, toUserId: t.admin.id }),
  '/surveys': () => surveyBody(),
  '/surveys/{id}/invitations': () => ({}),
  // Concern matching: the member is linked already and a rejection of them writes one row at most.
  '/demands/{id}/suggestions/accept': () => ({ memberIds: [ids.member] }),
  '/demands/{id}/suggestions/reject': () => ({ memberIds: [ids.member] }),
  '/voices/unmatched/demand': () => ({ demand: { title: unique('Fuzz voice') }, memberIds: [] }),
  '/settings/synonyms/candidates/dismiss': () => ({ term: '仮眠', demandTerm: '夜勤手当' }),
  // Own account: a wrong current password (400, counted with sign-ins: login_failures is not
  // fingerprinted), so an accepted value never changes the admin's password; enabling needs a
  // set-up that does not exist (409); disabling finds two-step sign-in off (409).
  '/auth/password': () => ({ currentPassword: 'not the password', newPassword: 'a long enough password' }),
  '/auth/totp/enable': () => ({ code: '123456' }),
  '/auth/totp/disable': () => ({ password: 'not the password' }),
  // Bulk actions: filters that match nobody (twice over, as for bulk linking), so an accepted
  // value changes no member or task (the request's own audit event is not fingerprinted).
  '/members/bulk': () => ({
    action: 'add_note',
    filter: { q: 'no such member zzz', ownerId: '00000000-0000-4000-8000-000000000000' },
    note: { body: 'A note' },
  }),
  '/workplaces/bulk': () => ({
    action: 'create_task',
    filter: { q: 'no such workplace zzz', ownerId: '00000000-0000-4000-8000-000000000000' },
    task: { title: 'A task' },
  }),
  '/tasks/bulk': () => ({
    action: 'set_due',
    filter: { q: 'no such task zzz', assignee: '00000000-0000-4000-8000-000000000000' },
    dueOn: '2026-01-01',
  }),
};

/** A valid body for the operation, to carry one invalid field. */
async function validBody(method: string, template: string, path: string): Promise<Record<string, unknown>> {
  if (method === 'POST') {
    const make = POST_BODIES[template];
    if (!make) throw new Error(`Add a valid body for POST ${template} to POST_BODIES`);
    return make();
  }
  if (method === 'PATCH' && template === '/workflow-rules') {
    return { rules: [{ id: RULE_ID, version: await currentVersion(`/workflow-rules/${RULE_ID}`) }] };
  }
  // Bulk linking: a filter that matches nobody (twice over: the value under test replaces one
  // of the two), so an accepted value links or unlinks no one.
  if ((method === 'PUT' || method === 'DELETE') && template === '/demands/{id}/members') {
    return { filter: { q: 'no such member zzz', ownerId: '00000000-0000-4000-8000-000000000000' } };
  }
  // The synonym table with a stale version: an accepted value is refused with 409, nothing saved.
  if (method === 'PUT' && template === '/settings/synonyms') {
    return { groups: [{ kind: 'equal', terms: ['ベア', '賃上げ'] }], version: 999 };
  }
  // A survey answer (a member's link, or a paper answer): choosing nothing is an answer.
  if (method === 'PUT' && template.endsWith('/answer')) return { demandIds: [] };
  if (method === 'PATCH' && template === '/auth/me/notifications') return { digest: 'none' };
  if (method === 'PATCH') return { version: await currentVersion(path) };
  throw new Error(`Add a valid body for ${method} ${template}`);
}

/** A valid value for a query parameter that is not the one under test. */
function validParam(param: Parameter): string {
  const s = deref(param.schema) ?? {};
  if (param.name === 'figure') return 'rated';
  if (param.name === 'month') return '2026-01';
  if (param.name === 'version') return '999'; // stale: a DELETE must not go through
  if (s.enum) return String(s.enum[0]);
  if (s.format === 'uuid') return ids.member!;
  if (s.format === 'date') return '2026-01-01';
  return '1';
}

/** Puts `value` at `path` in a copy of `body` (`*`: a record's value, `<key>`: a record's key). */
function withValue(body: unknown, path: string[], value: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (head === '*') return { ヘッダー: withValue(undefined, rest, value) };
  if (head === '<key>') return { [value]: 'name' };
  if (head === '0') {
    const list = Array.isArray(body) ? [...body] : [];
    list[0] = withValue(list[0], rest, value);
    return list;
  }
  const object = typeof body === 'object' && body !== null ? { ...(body as Record<string, unknown>) } : {};
  object[head] = withValue(object[head], rest, value);
  return object;
}

/** Percent-encoding that keeps half a surrogate pair (as WTF-8 bytes, which encodeURIComponent refuses). */
function encodeQueryValue(value: string): string {
  let out = '';
  for (const unit of value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) ?? []) {
    const code = unit.charCodeAt(0);
    if (unit.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(unit);
    }
  }
  return out;
}

// ---------------------------------------------------------------- the values

const LONG = 'z'.repeat(10_001);
const FIXED = [
  'a\u0000b',
  '\u0000',
  'x\uD800',
  '\uDC00y',
  LONG,
  '\u0001\u001b[31m\u007f\u0085\u2028',
  ' \t\r\n\u000b ',
];

const badCharacter = fc.oneof(
  fc.constant('\u0000'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x01, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '\ufeff'),
);
const badValue = fc.oneof(
  fc
    .tuple(fc.string({ maxLength: 6 }), badCharacter, fc.string({ maxLength: 6 }))
    .map(([a, b, c]) => a + b + c),
  fc.constant(LONG),
);

/** Whether a string has half a surrogate pair (encodeURIComponent refuses those). */
function hasUnpairedSurrogate(value: string): boolean {
  try {
    encodeURIComponent(value);
    return false;
  } catch {
    return true;
  }
}
/** A value every input must refuse with 400: no field stores NUL, half a pair, or 10,001 characters. */
const mustRefuse = (value: string, inQuery: boolean) =>
  value.length > 10_000 || value.includes('\u0000') || (!inQuery && hasUnpairedSurrogate(value));

// ---------------------------------------------------------------- what was written

// Rows a refused request may legitimately leave: sessions' last-seen stamps, failed sign-ins
// (a wrong password is counted), the audit log's reads and refusals, and the public pages' rate
// limits (on PostgreSQL every request to them is counted, refused or not).
const UNCHECKED = /^(sessions|login_failures|audit_log|kumiai_rate_limits)$/;
let writes: Awaited<ReturnType<typeof installWriteCounter>> | undefined;

/** One text that changes when any row of any other table is inserted, changed or deleted. */
async function fingerprint(): Promise<string> {
  writes ??= await installWriteCounter(t.db, UNCHECKED);
  return writes.read();
}

// ---------------------------------------------------------------- sending

type Sent = { status: number; fields: Record<string, string> | undefined; text: string };

async function send(method: string, url: string, init: { json?: unknown; form?: FormData }): Promise<Sent> {
  const cookie = await adminCookie();
  const res = await t.app.request(url, {
    method,
    headers: { cookie, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
  });
  // Reading the whole body also catches a streamed export that fails half-way.
  const text = await res.text();
  let fields: Record<string, string> | undefined;
  try {
    fields = JSON.parse(text)?.error?.fields;
  } catch {
    fields = undefined;
  }
  return { status: res.status, fields, text };
}

let cookie: string | undefined;
async function adminCookie() {
  cookie ??= await t.signIn('admin@example.org');
  return cookie;
}

/**
 * Sends the value and checks the answer: never a 5xx; a value no input accepts is a 400 that
 * names the field and writes nothing; any other refusal writes nothing either.
 */
async function check(
  what: string,
  field: string,
  value: string,
  inQuery: boolean,
  request: () => Promise<Sent>,
) {
  const before = unchanged ?? (await fingerprint());
  unchanged = undefined;
  const sent = await request();
  const label = `${what} ${field}=${JSON.stringify(value.slice(0, 40))}: ${sent.status} ${sent.text.slice(0, 300)}`;
  expect(sent.status, label).toBeLessThan(500);
  if (mustRefuse(value, inQuery)) {
    expect(sent.status, label).toBe(400);
    expect(
      Object.keys(sent.fields ?? {}).some((k) => k === field || k.startsWith(`${field}.`)),
      label,
    ).toBe(true);
  }
  if (sent.status >= 400) {
    const after = await fingerprint();
    expect(after, label).toBe(before);
    unchanged = after;
  }
}

/**
 * The fingerprint after a refused request, shown to equal the one before it: the next check's
 * "before" without reading every table again (half the reads). Only check() sends requests
 * between two checks; an accepted request clears it. A stale value could only fail a check.
 */
let unchanged: string | undefined;

// fast-check counts the examples in numRuns: each given value, then 2 random ones.
const runs = (examples: string[]) => ({
  numRuns: examples.length + 2,
  examples: examples.map((v) => [v] as [string]),
});

describe('every operation, every string input', () => {
  it('answers NUL, half a surrogate pair, control characters and 10,001 characters without a 5xx, and writes nothing when it refuses', async () => {
    let exercised = 0;
    for (const { path: template, method, op } of operations()) {
      const path = concretePath(template);
      // Query parameters, each in turn.
      const params = (op.parameters ?? []).filter((p) => p.in === 'query');
      for (const param of params) {
        const query = (value: string) =>
          params
            .filter((p) => p.name !== param.name && p.required)
            .map((p) => `${p.name}=${encodeURIComponent(validParam(p))}`)
            .concat(`${param.name}=${encodeQueryValue(value)}`)
            .join('&');
        await fc.assert(
          fc.asyncProperty(badValue, (value) =>
            check(`${method} ${template}`, param.name, value, true, () =>
              send(method, `/api${path}?${query(value)}`, {}),
            ),
          ),
          runs(FIXED),
        );
        exercised++;
      }
      // JSON body fields, each in turn, in an otherwise valid body.
      for (const input of stringInputs(jsonBodyOf(op))) {
        await fc.assert(
          fc.asyncProperty(badValue, async (value) =>
            check(`${method} ${template}`, input.path[0]!, value, false, async () =>
              send(method, `/api${path}`, {
                json: withValue(await validBody(method, template, path), input.path, value),
              }),
            ),
          ),
          runs(FIXED),
        );
        exercised++;
      }
      // Form fields of an upload (a dry run: nothing is applied even when accepted).
      const form = formOf(op);
      for (const input of stringInputs(form).filter((i) => i.schema.format !== 'binary')) {
        const name = input.path[0]!;
        await fc.assert(
          fc.asyncProperty(badValue, (value) =>
            check(`${method} ${template}`, name, value, false, () => {
              const data = new FormData();
              data.set(
                'file',
                new File(['氏名,社員番号\n山田 花子,E1\n'], 'roster.csv', { type: 'text/csv' }),
              );
              data.set('dryRun', 'true');
              data.set(name, value);
              return send(method, `/api${path}`, { form: data });
            }),
          ),
          // FormData carries text as Unicode: half a pair arrives as U+FFFD.
          runs(FIXED.filter((v) => !/[\uD800-\uDFFF]/.test(v))),
        );
        exercised++;
      }
    }
    // The issue counted 40 body fields and 19 query parameters that gave a 500; all are in here.
    expect(exercised).toBeGreaterThan(150);
  }, 300_000);

  it('states the rule in the OpenAPI document for every string input', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations()) {
      const inputs = [
        ...(op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .flatMap((p) => stringInputs(p.schema, [`?${p.name}`])),
        ...stringInputs(jsonBodyOf(op)),
        ...stringInputs(formOf(op)),
      ];
      for (const { path: where, schema } of inputs) {
        if (schema.enum || ['uuid', 'date', 'binary'].includes(schema.format ?? '')) continue;
        const patterns = [schema.pattern, ...(schema.allOf ?? []).map((s) => s.pattern)].filter(
          (p): p is string => typeof p === 'string',
        );
        const refuses = (value: string) => patterns.some((p) => !new RegExp(p, 'u').test(value));
        if (!refuses('a\u0000b') || !refuses('a\uD800b'))
          missing.push(`${method} ${path} ${where.join('.')}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names the rule in the field error, for the web app to translate', async () => {
    const res = await t.api('POST', '/api/members', { name: 'Yamada\u0000Hanako' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ name: NOT_STORABLE_TEXT });
  });
});

describe('strings that reach the database without a schema', () => {
  it('imports a file whose cells hold NUL as row errors, and records a file name holding NUL', async () => {
    const upload = async (content: BlobPart, fileName: string) => {
      const data = new FormData();
      data.set('file', new File([content], fileName));
      data.set('dryRun', 'false');
      return send('POST', '/api/import/members', { form: data });
    };
    const before = await fingerprint();
    // A CSV with NUL bytes is not text: the file is refused.
    const csv = await upload('氏名,社員番号\n山田\u0000花子,E9\n', 'roster.csv');
    expect(csv.status, csv.text).toBe(400);
    // XLSX writes a control character as _x0000_, which the reader turns back into NUL.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名簿');
    sheet.addRow(['氏名', '社員番号', '部署']);
    sheet.addRow(['山田_x0000_花子', 'E9', '総務']);
    sheet.addRow(['鈴木 一郎', 'E10', '経理_x0000_']);
    const xlsx = await upload(new Uint8Array(await workbook.xlsx.writeBuffer()), 'roster.xlsx');
    expect(xlsx.status, xlsx.text).toBe(200);
    expect(JSON.parse(xlsx.text)).toMatchObject({
      applied: false,
      errors: [
        { row: 2, column: '氏名', message: NOT_STORABLE_TEXT },
        { row: 3, column: '部署', message: NOT_STORABLE_TEXT },
      ],
    });
    expect(await fingerprint()).toBe(before);

    // The file name is the client's and only recorded: what jsonb cannot hold becomes U+FFFD.
    const named = await upload('氏名\n鈴木 一郎\n', 'roster\u0000\uD800.csv');
    expect(named.status, named.text).toBe(200);
    const audit = rowsOf<{ details: { fileName: string } }>(
      await t.db.execute(sql`select details from audit_log where action = 'import' order by at desc limit 1`),
    );
    expect(audit[0]?.details.fileName).toMatch(/^roster\uFFFD/);
  });

  it('audits a refusal whose path holds %00', async () => {
    const rep = await t.addUser('rep');
    const res = await t.as(rep.cookie)('GET', '/api/users/%00');
    expect(res.status).toBe(403);
    const rows = rowsOf<{ details: { path: string } }>(
      await t.db.execute(
        sql`select details from audit_log where action = 'denied' and actor_id = ${rep.user.id} order by at desc limit 1`,
      ),
    );
    expect(rows[0]?.details.path).toBe('/api/users/\uFFFD');
  });
});

describe('the calendar feed URL (issue 18)', () => {
  it('answers a malformed token (NUL, surrogates, 10,000 characters, path tricks) with 404 or 400, never a 5xx', async () => {
    const created = await t.api('POST', '/api/calendar-feeds', { kind: 'meetings' });
    const real = new URL(created.body.url).pathname.split('/').pop()!.replace('.ics', '');
    const tokens = fc.oneof(
      fc.constantFrom(
        '%00',
        `${real.slice(0, 42)}%00`,
        `${real}%00`,
        '%ED%A0%80',
        '%F0%9F%8E%8C',
        'x'.repeat(10_000),
        `${real}%20`,
        '..%2F..%2Fapi%2Fusers',
        '%',
        "' or 1=1 --",
      ),
      fc.string({ maxLength: 60 }).map((raw) => encodeQueryValue(raw)),
    );
    await fc.assert(
      fc.asyncProperty(tokens, fc.constantFrom('', '.ics'), async (token, suffix) => {
        const res = await t.app.request(`/api/public/calendar/${token}${suffix}`, {
          headers: { 'user-agent': 'x'.repeat(5000) },
        });
        expect(res.status, token.slice(0, 40)).toBeLessThan(500);
        expect([400, 404]).toContain(res.status);
      }),
      { numRuns: 60 },
    );
    // The real one still answers, whatever its User-Agent holds.
    const ok = await t.app.request(`/api/public/calendar/${real}.ics`, {
      // Header values are bytes: control characters and Latin-1 (lone surrogates cannot be sent).
      headers: { 'user-agent': 'Cal\u0001endar\u007f \u0085\u00e9 '.repeat(100) },
    });
    expect(ok.status).toBe(200);
  });

  it('answers any create body with 201 or a 400, never a 5xx', async () => {
    const bodies = fc.oneof(
      fc.record({ kind: fc.string({ maxLength: 20 }), includeNames: fc.anything() }, { requiredKeys: [] }),
      fc.record({ kind: fc.constantFrom('tasks', 'negotiations', 'meetings'), includeNames: fc.boolean() }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await t.api('POST', '/api/calendar-feeds', body);
        expect([201, 400]).toContain(res.status);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the public survey link', () => {
  it('answers a malformed token (NUL, surrogates, 10,000 characters, path tricks) with 404 or 400, never a 5xx', async () => {
    const tokens = fc.oneof(
      fc.constantFrom(
        '%00',
        `${ids.surveyToken!.slice(0, 31)}%00`,
        '%ED%A0%80',
        '%F0%9F%8E%8C',
        'x'.repeat(10_000),
        `${ids.surveyToken}%20`,
        '..%2F..%2Fapi%2Fusers',
        '%',
        "' or 1=1 --",
      ),
      fc.string({ maxLength: 60 }).map((raw) => encodeQueryValue(raw)),
    );
    await fc.assert(
      fc.asyncProperty(tokens, async (token) => {
        const before = await fingerprint();
        for (const [method, suffix, body] of [
          ['GET', '', undefined],
          ['PUT', '/answer', { demandIds: [] }],
        ] as const) {
          const res = await t.app.request(`/api/public/surveys/${token}${suffix}`, {
            method,
            headers: body ? { 'content-type': 'application/json' } : {},
            body: body ? JSON.stringify(body) : undefined,
          });
          expect(res.status, `${method} ${token.slice(0, 40)}`).toBeLessThan(500);
          expect([400, 404]).toContain(res.status);
        }
        expect(await fingerprint()).toBe(before);
      }),
      { numRuns: 40 },
    );
  });

  it('answers any body without a 5xx; after the survey closes, no answer changes anything', async () => {
    // A survey and member of its own (the requests above may have left the shared ones changed).
    const member = (await t.api('POST', '/api/members', { name: 'Closing member' })).body;
    const survey0 = (await t.api('POST', '/api/surveys', surveyBody())).body;
    await t.api('POST', `/api/surveys/${survey0.id}/invitations`, {});
    const invitation = (await t.api('GET', `/api/surveys/${survey0.id}/invitations`)).body.items.find(
      (i: { memberId: string }) => i.memberId === member.id,
    );
    const url = `/api/public/surveys/${invitation.link.split('/s/')[1]}/answer`;
    const put = (body: string) =>
      t.app.request(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    const bodies = fc.oneof(
      fc.json().map((j) => j),
      fc
        .record({
          demandIds: fc.array(fc.oneof(fc.uuid(), fc.constant(ids.demand!), fc.string()), { maxLength: 4 }),
          freeText: fc.oneof(fc.string({ maxLength: 50 }), badValue, fc.constant(null)),
          answers: fc.dictionary(
            fc.oneof(fc.constant('q1'), fc.string({ maxLength: 5 })),
            fc.oneof(fc.string(), fc.integer(), badValue),
          ),
        })
        .map((b) => JSON.stringify(b)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await put(body);
        expect(res.status, body.slice(0, 80)).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    // Closed: every answer, valid or not, is refused and nothing changes.
    const survey = await t.api('GET', `/api/surveys/${survey0.id}`);
    const closed = await t.api('PATCH', `/api/surveys/${survey0.id}`, {
      closed: true,
      version: survey.body.version,
    });
    expect(closed.status).toBe(200);
    try {
      const before = await fingerprint();
      for (const body of [
        { demandIds: [ids.demand] },
        { demandIds: [] },
        { demandIds: [ids.demand], freeText: '締切後' },
      ]) {
        const res = await put(JSON.stringify(body));
        expect(res.status).toBe(409);
        expect((await res.json()).error.code).toBe('survey_closed');
      }
      const paper = await t.api('PUT', `/api/surveys/${survey0.id}/members/${member.id}/answer`, {
        demandIds: [],
      });
      expect(paper.status, paper.text).toBe(409);
      expect(await fingerprint()).toBe(before);
    } finally {
      const again = await t.api('GET', `/api/surveys/${survey0.id}`);
      await t.api('PATCH', `/api/surveys/${survey0.id}`, { closed: false, version: again.body.version });
    }
  });
});

describe('the search box', () => {
  it('answers any text (every script, wildcards, half a surrogate pair) with 200 or a 400 on q, groups of at most `limit`', async () => {
    const before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 110 }),
          fc.string({
            unit: fc.constantFrom('%', '_', '\\', ' ', 'や', 'ヤ', 'ﾔ', '山', '0', '-', '@'),
            maxLength: 8,
          }),
        ),
        fc.integer({ min: 1, max: 20 }),
        async (q, limit) => {
          const res = await t.api('GET', `/api/search?q=${encodeQueryValue(q)}&limit=${limit}`);
          expect(res.status, JSON.stringify(q)).toBeLessThan(500);
          if (res.status === 400) {
            expect(Object.keys(res.body.error.fields)).toEqual(['q']);
            return;
          }
          expect(res.status, JSON.stringify(q)).toBe(200);
          for (const group of ['members', 'workplaces', 'demands', 'tasks']) {
            expect(res.body[group].length).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(await fingerprint()).toBe(before);
  });
});

describe('saved views (issue 17)', () => {
  it('answers any state (NUL, lone surrogates, odd names, huge values, many params) with 201 or a 400 on state, never a 5xx', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(
        '\u0000',
        '\ud800',
        'cf.shift',
        'columns',
        'page',
        'cursor',
        '__proto__',
        'a'.repeat(70),
      ),
      fc.string({ unit: 'binary', minLength: 1990, maxLength: 2010 }),
    );
    const params = fc.dictionary(text, fc.oneof(text, fc.integer(), fc.constant(null)), { maxKeys: 45 });
    const state = fc.oneof(
      fc.record({ params }),
      fc.record({
        params: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 400 }), { maxKeys: 50 }),
      }),
      fc.constantFrom(null, [], 'x', { params: [] }, { params: {}, extra: 1 }),
    );
    const views = async () =>
      rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from saved_views`))[0]!.n;
    const before = await views();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(state, async (value) => {
        const res = await t.api('POST', '/api/saved-views', {
          name: 'Fuzz view',
          list: 'members',
          state: value,
        });
        expect(res.status, res.text.slice(0, 200)).toBeLessThan(500);
        if (res.status === 400) {
          for (const field of Object.keys(res.body.error.fields)) expect(field).toMatch(/^state(\.|$)/);
          return;
        }
        expect(res.status, res.text.slice(0, 200)).toBe(201);
        created++;
        expect(Object.keys(res.body.state.params)).not.toContain('page');
        expect(JSON.stringify(res.body.state.params).length).toBeLessThanOrEqual(10_000);
        expect((await t.api('DELETE', `/api/saved-views/${res.body.id}?version=1`)).status).toBe(204);
      }),
      { numRuns: 120 },
    );
    expect(created).toBeGreaterThan(0);
    // Saved and deleted again: none remains.
    expect(await views()).toBe(before);
  });
});

describe('members’ contact details (issue 17)', () => {
  it('answers any phones, e-mails, address and channel with 201/200 or a 400 naming the item, never a 5xx; stores only normalized forms', async () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({
        unit: fc.constantFrom(
          '0',
          '1',
          '9',
          '０',
          '９',
          '-',
          'ー',
          '－',
          '(',
          ')',
          ' ',
          '+',
          '８',
          '@',
          '.',
          'a',
          'Ａ',
        ),
        maxLength: 16,
      }),
      fc.constantFrom('090-1234-5678', '+81 3-1234-5678', '0120-123-456', '+1 415 555 2671', 'a@B.jp'),
    );
    const phone = fc.record(
      { label: fc.option(piece, { nil: undefined }), number: piece },
      { requiredKeys: ['number'] },
    );
    const email = fc.record(
      { label: fc.option(piece, { nil: undefined }), address: piece },
      { requiredKeys: ['address'] },
    );
    const body = fc.record(
      {
        phones: fc.array(phone, { maxLength: 6 }),
        emails: fc.array(email, { maxLength: 6 }),
        postalAddress: fc.option(piece, { nil: undefined }),
        preferredChannel: fc.option(fc.constantFrom('phone', 'email', 'line', 'in_person', 'fax', ''), {
          nil: undefined,
        }),
      },
      { requiredKeys: [] },
    );
    const member = (await t.api('POST', '/api/members', { name: 'Contact fuzz' })).body;
    let version = member.version as number;
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (contacts, create) => {
        const before = await fingerprint();
        const res = create
          ? await t.api('POST', '/api/members', { name: 'Contact fuzz', ...contacts })
          : await t.api('PATCH', `/api/members/${member.id}`, { version, ...contacts });
        expect(res.status, JSON.stringify(contacts)).toBeLessThan(500);
        if (res.status === 400) {
          for (const field of Object.keys(res.body.error.fields)) {
            expect(field).toMatch(
              /^(phones|emails)(\.\d+(\.(label|number|address))?)?$|^postalAddress$|^preferredChannel$/,
            );
          }
          expect(await fingerprint()).toBe(before);
          return;
        }
        expect(res.status, `${JSON.stringify(contacts)} ${res.text}`).toBe(create ? 201 : 200);
        if (!create) version = res.body.version;
        for (const p of res.body.phones) expect(p.number).toMatch(/^(0\d{8,12}|\+[1-9]\d{5,14})$/);
        for (const e of res.body.emails) expect(e.address).toBe(e.address.trim());
      }),
      { numRuns: 60 },
    );
  });
});

describe('custom fields (issue 17)', () => {
  it('answers any definition body with 201 or a 400 on its fields, never a 5xx', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('\u0000', '\ud800', 'a,b', '日勤', 'x'.repeat(101), ' ', 'shift'),
    );
    const option = fc.record({ value: text, labelJa: text, labelEn: text });
    const body = fc.record(
      {
        entity: fc.constantFrom('member', 'workplace', 'demand', 1),
        key: fc.oneof(
          fc.constantFrom('Bad', '1x', 'a'.repeat(41), '\u0000', '__proto__'),
          fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/),
        ),
        labelJa: text,
        labelEn: text,
        type: fc.constantFrom('text', 'long_text', 'number', 'date', 'boolean', 'choice', 'choices', 'x'),
        options: fc.oneof(fc.array(option, { maxLength: 4 }), fc.constant('x')),
        required: fc.oneof(fc.boolean(), fc.constant('yes')),
        position: fc.oneof(fc.integer(), fc.double(), fc.constant(1e12)),
      },
      { requiredKeys: [] },
    );
    let created = 0;
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const res = await t.api('POST', '/api/custom-fields', value);
        expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
        if (res.status === 201) {
          created++;
          // Archived at once: later definitions with the same key answer 409, not 201.
          expect((await t.api('DELETE', `/api/custom-fields/${res.body.id}`)).status).toBe(200);
          return;
        }
        expect([400, 409], res.text.slice(0, 300)).toContain(res.status);
      }),
      { numRuns: 150 },
    );
    expect(created).toBeGreaterThanOrEqual(0);
  });

  it('answers any PATCH of a definition with 200 or a 400/409, never a 5xx', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('\u0000', '\udc00', 'a;b'),
    );
    const patch = fc.record(
      {
        labelJa: text,
        labelEn: text,
        options: fc.array(fc.record({ value: text, labelJa: text, labelEn: text }), { maxLength: 3 }),
        required: fc.oneof(fc.boolean(), fc.constant(null)),
        position: fc.oneof(fc.integer(), fc.constant(-1)),
        extra: text,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(patch, async (value) => {
        const list = await t.api('GET', '/api/custom-fields?entity=member');
        const field = list.body.items.find((f: { id: string }) => f.id === ids.customField);
        const res = await t.api('PATCH', `/api/custom-fields/${ids.customField}`, {
          ...value,
          version: field.version,
        });
        expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
        expect([200, 400], res.text.slice(0, 300)).toContain(res.status);
      }),
      { numRuns: 100 },
    );
  });

  it('answers any customFields on a member PATCH with 200 or a 400 on customFields.<key>, never a 5xx; nothing written when refused', async () => {
    const weird = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('\u0000', '\ud800', 'x'.repeat(10_001), '__proto__', 'constructor'),
    );
    const value = fc.oneof(
      weird,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.oneof(weird, fc.constantFrom('a', 'b')), { maxLength: 4 }),
      fc.dictionary(weird, weird, { maxKeys: 2 }),
    );
    const customFields = fc.oneof(
      fc.dictionary(fc.oneof(weird, fc.constant('fuzz_choice')), value, { maxKeys: 4 }),
      fc.constantFrom(null, [], 'x', 1),
    );
    // The sweep above may have made a member field required or archived this one: undo both.
    const fields = await t.api('GET', '/api/custom-fields?entity=member&includeArchived=true');
    for (const f of fields.body.items as {
      id: string;
      key: string;
      version: number;
      required: boolean;
      archivedAt: string | null;
    }[]) {
      let version = f.version;
      if (f.key === 'fuzz_choice' && f.archivedAt) {
        const restored = await t.api('POST', `/api/custom-fields/${f.id}/restore`, {});
        expect(restored.status, restored.text).toBe(200);
        version = restored.body.version;
      }
      if (f.required) {
        const res = await t.api('PATCH', `/api/custom-fields/${f.id}`, { version, required: false });
        expect(res.status, res.text).toBe(200);
      }
    }
    // A member of its own: the operations above may have changed (or merged away) the shared one.
    const own = await t.api('POST', '/api/members', { name: 'Fuzz custom fields' });
    expect(own.status, own.text).toBe(201);
    await fc.assert(
      fc.asyncProperty(customFields, async (cf) => {
        const current = await t.api('GET', `/api/members/${own.body.id}`);
        const before = await fingerprint();
        const res = await t.api('PATCH', `/api/members/${own.body.id}`, {
          customFields: cf,
          version: current.body.version,
        });
        expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
        if (res.status === 200) {
          const stored = res.body.customFields.fuzz_choice;
          if (stored !== undefined) expect(['a', 'b']).toEqual(expect.arrayContaining(stored));
          return;
        }
        expect(res.status, res.text.slice(0, 300)).toBe(400);
        for (const field of Object.keys(res.body.error.fields)) expect(field).toMatch(/^customFields(\.|$)/);
        expect(await fingerprint()).toBe(before);
      }),
      { numRuns: 120 },
    );
  });
});

describe('e-mail digests (issue 18)', () => {
  it('answers any notifications body and any run asOf with 200 or a 400 on its fields, never a 5xx', async () => {
    const weird = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\u0000', '\uD800', '07:00\u0000', '23:59', '24:00', 'x'.repeat(10_001), '０７:００'),
    );
    const value = fc.oneof(
      weird,
      fc.integer(),
      fc.constant(null),
      fc.constantFrom('daily', 'weekly', 'none'),
    );
    await fc.assert(
      fc.asyncProperty(value, fc.option(value, { nil: undefined }), async (digest, digestTime) => {
        const res = await t.api('PATCH', '/api/auth/me/notifications', { digest, digestTime });
        expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
        if (res.status === 200) {
          expect(['daily', 'weekly', 'none']).toContain(res.body.digest);
          expect(res.body.digestTime).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
          return;
        }
        expect(res.status).toBe(400);
        for (const field of Object.keys(res.body.error.fields))
          expect(['digest', 'digestTime']).toContain(field);
      }),
      { numRuns: 80 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          weird,
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        async (asOf) => {
          const res = await t.api('POST', '/api/digests/run', { asOf });
          expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
          if (res.status === 400) expect(Object.keys(res.body.error.fields)).toEqual(['asOf']);
        },
      ),
      { numRuns: 40 },
    );
    await t.api('PATCH', '/api/auth/me/notifications', { digest: 'none' });
  });
});
