// Part `races`: for every versioned resource (each PATCH whose body carries `version`), two
// updates sent at once with the same version and different values. Invariant: exactly one
// answers 200 and the other 409, and the stored record holds the winner's value.
import type { InProcess } from './app';

type Target = {
  /** The PATCH path template of the OpenAPI document. */
  template: string;
  /** Makes a record; answers its concrete path. */
  make: (app: InProcess, n: number) => Promise<string>;
  field: string;
};

export type RaceResult = {
  resources: string[];
  /** Versioned PATCH operations of the document this part has no target for. */
  notCovered: string[];
  pairs: number;
  oneWinner: number;
  lostUpdates: number;
  examples: string[];
};

async function post(app: InProcess, path: string, body: unknown): Promise<string> {
  const res = await app.json('admin', 'POST', `/api${path}`, body);
  if (res.status >= 300) throw new Error(`races: POST ${path} answered ${res.status} ${res.text}`);
  return res.body.id as string;
}

let memberForChildren: string | undefined;
let workplaceForChildren: string | undefined;
let demandForChildren: string | undefined;
const member = async (app: InProcess) =>
  (memberForChildren ??= await post(app, '/members', { name: 'Race Member' }));
const workplace = async (app: InProcess) =>
  (workplaceForChildren ??= await post(app, '/workplaces', { name: `Race workplace ${Date.now()}` }));
const demand = async (app: InProcess) =>
  (demandForChildren ??= await post(app, '/demands', { title: 'Race demand' }));

const TARGETS: Target[] = [
  {
    template: '/members/{id}',
    field: 'name',
    make: async (app, n) => `/members/${await post(app, '/members', { name: `Race ${n}` })}`,
  },
  {
    template: '/workplaces/{id}',
    field: 'name',
    make: async (app, n) =>
      `/workplaces/${await post(app, '/workplaces', { name: `Race workplace ${n} ${Date.now()}` })}`,
  },
  {
    template: '/tasks/{id}',
    field: 'title',
    make: async (app, n) => `/tasks/${await post(app, '/tasks', { title: `Race ${n}` })}`,
  },
  {
    template: '/demands/{id}',
    field: 'title',
    make: async (app, n) => `/demands/${await post(app, '/demands', { title: `Race ${n}` })}`,
  },
  {
    template: '/demands/{id}/notes/{noteId}',
    field: 'body',
    make: async (app) => {
      const d = await demand(app);
      return `/demands/${d}/notes/${await post(app, `/demands/${d}/notes`, { kind: 'negotiation', body: 'A note' })}`;
    },
  },
  {
    template: '/members/{id}/notes/{noteId}',
    field: 'body',
    make: async (app) => {
      const m = await member(app);
      return `/members/${m}/notes/${await post(app, `/members/${m}/notes`, { body: 'A note' })}`;
    },
  },
  {
    template: '/members/{id}/cases/{caseId}',
    field: 'title',
    make: async (app) => {
      const m = await member(app);
      return `/members/${m}/cases/${await post(app, `/members/${m}/cases`, { title: 'A case' })}`;
    },
  },
  {
    template: '/workplaces/{id}/meetings/{meetingId}',
    field: 'title',
    make: async (app) => {
      const w = await workplace(app);
      return `/workplaces/${w}/meetings/${await post(app, `/workplaces/${w}/meetings`, { heldOn: '2026-01-10', title: 'A meeting', attendeeCount: 0 })}`;
    },
  },
  {
    template: '/custom-fields/{id}',
    field: 'labelEn',
    make: async (app, n) =>
      `/custom-fields/${await post(app, '/custom-fields', { entity: 'workplace', key: `race_${n}_${Date.now() % 100000}`, labelJa: '項目', labelEn: 'Field', type: 'text' })}`,
  },
  {
    template: '/saved-views/{id}',
    field: 'name',
    make: async (app, n) =>
      `/saved-views/${await post(app, '/saved-views', { name: `Race ${n}`, list: 'members', state: { params: {} } })}`,
  },
  {
    template: '/seasons/{id}',
    field: 'name',
    make: async (app, n) =>
      `/seasons/${await post(app, '/seasons', { name: `Race season ${n} ${Date.now()}`, startsOn: '2026-02-01', endsOn: '2026-06-30' })}`,
  },
  {
    template: '/surveys/{id}',
    field: 'title',
    make: async (app, n) =>
      `/surveys/${await post(app, '/surveys', { title: `Race ${n}`, anonymous: false, demandIds: [await demand(app)], freeText: true, questions: [], closesOn: '2099-12-31' })}`,
  },
  {
    template: '/import/mappings/{id}',
    field: 'name',
    make: async (app, n) =>
      `/import/mappings/${await post(app, '/import/mappings', { kind: 'members', name: `Race mapping ${n} ${Date.now()}`, columns: { 氏名: 'name' } })}`,
  },
  {
    template: '/users/{id}',
    field: 'displayName',
    make: async (app, n) =>
      `/users/${await post(app, '/users', { email: `race-${n}-${Date.now()}@reliability.example`, displayName: 'Race user', role: 'officer', password: 'a long enough password' })}`,
  },
  {
    template: '/workflow-rules/{id}',
    field: 'titleTemplate',
    make: async () => '/workflow-rules/case_due_follow_up',
  },
  { template: '/settings', field: 'organizationName', make: async () => '/settings' },
];

/** The record as stored: its own GET, or its entry in the list it belongs to. */
async function read(app: InProcess, path: string): Promise<Record<string, unknown>> {
  const own = await app.json('admin', 'GET', `/api${path}`);
  if (own.status === 200 && typeof own.body?.version === 'number') return own.body;
  const id = path.split('/').pop();
  const list = await app.json('admin', 'GET', `/api${path.slice(0, path.lastIndexOf('/'))}?limit=200`);
  const items: Record<string, unknown>[] = Array.isArray(list.body) ? list.body : (list.body?.items ?? []);
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`races: cannot read ${path} (${own.status}, list ${list.status})`);
  return item;
}

export async function runRaces(
  app: InProcess,
  options: { rounds: number; log: (m: string) => void },
): Promise<RaceResult> {
  memberForChildren = workplaceForChildren = demandForChildren = undefined;
  const doc = (await app.json('admin', 'GET', '/api/openapi.json')).body as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>
    >;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  const versioned = Object.entries(doc.paths)
    .filter(([, methods]) => {
      const schema = methods.patch?.requestBody?.content['application/json']?.schema;
      const s = schema?.$ref
        ? doc.components.schemas[schema.$ref.split('/').pop()!]
        : (schema as { properties?: object });
      return Boolean(s?.properties && 'version' in s.properties);
    })
    .map(([path]) => path);
  const covered = TARGETS.filter((t) => versioned.includes(t.template));
  const result: RaceResult = {
    resources: covered.map((t) => t.template),
    notCovered: versioned.filter((p) => !TARGETS.some((t) => t.template === p)),
    pairs: 0,
    oneWinner: 0,
    lostUpdates: 0,
    examples: [],
  };
  for (const target of covered) {
    for (let round = 0; round < options.rounds; round++) {
      const path = await target.make(app, round);
      const before = await read(app, path);
      const version = before.version as number;
      const values = [`Race A ${round} ${Date.now()}`, `Race B ${round} ${Date.now()}`];
      const answers = await Promise.all(
        values.map((value) => app.json('admin', 'PATCH', `/api${path}`, { [target.field]: value, version })),
      );
      result.pairs++;
      const statuses = answers.map((a) => a.status).sort();
      const winner = answers.findIndex((a) => a.status === 200);
      const after = await read(app, path);
      const ok =
        statuses[0] === 200 &&
        statuses[1] === 409 &&
        after[target.field] === values[winner] &&
        after.version === version + 1;
      if (ok) result.oneWinner++;
      else {
        result.lostUpdates++;
        if (result.examples.length < 10)
          result.examples.push(
            `${target.template}: answers ${statuses.join('/')}, stored ${JSON.stringify(after[target.field])} v${after.version as number} (sent v${version}): ${answers.map((a) => a.text.slice(0, 120)).join(' | ')}`,
          );
      }
    }
    options.log(`races: ${target.template} done`);
  }
  return result;
}
