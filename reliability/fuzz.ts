// Part `fuzz`: property-based requests (fast-check) for every operation of the served OpenAPI
// document, as every staff role: bodies and parameters built from the operation's own schemas
// (valid-ish), the same with one field replaced by junk, and malformed bodies (any JSON, broken
// JSON). Invariants: no 5xx, and a refused request (4xx) writes nothing: the write counters of
// installWriteCounter (triggers on every checked table) are what they were, and — a cross-check
// on every CROSS_CHECK-th request — so is every table's row count.
import fc from 'fast-check';
import { STAFF_ROLES, type StaffRole } from '../src/core/enums';
import { type InProcess, installWriteCounter, rowCountsQuery } from './app';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
};
type Parameter = { name: string; in: string; required?: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

export type FuzzResult = {
  operations: number;
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  refusedButWritten: number;
  /** Requests whose row counts were also compared (every CROSS_CHECK-th). */
  crossChecked: number;
  /** Of those, refused requests whose row counts changed while the write counters did not (a hole in the triggers). */
  countersMissed: number;
  requestsPerSecond: number;
  examples: string[];
};

/** Every how many requests the row counts are compared as well (a cross-check of the triggers). */
const CROSS_CHECK = 50;

/** Ids of records the requests can name: some paths hit real rows, most do not. */
async function seed(app: InProcess): Promise<Record<string, string[]>> {
  const ids: Record<string, string[]> = {};
  const add = (key: string, id: unknown) => {
    if (typeof id === 'string') ids[key] = [...(ids[key] ?? []), id];
  };
  const made = async (key: string, path: string, body: unknown) => {
    const res = await app.json('admin', 'POST', path, body);
    if (res.status >= 300) throw new Error(`fuzz seed: POST ${path} answered ${res.status} ${res.text}`);
    add(key, res.body?.id);
    return res.body?.id as string;
  };
  const workplace = await made('workplaces', '/api/workplaces', {
    name: 'Fuzz workplace',
    employeeCount: 10,
  });
  for (let i = 0; i < 3; i++) {
    const member = await made('members', '/api/members', {
      name: `Fuzz Member ${i}`,
      workplaceId: workplace,
      ownerId: app.userIds.officer,
    });
    await made('notes', `/api/members/${member}/notes`, { body: 'A note' });
    await made('cases', `/api/members/${member}/cases`, { title: 'A case', sensitive: i === 0 });
  }
  await made('meetings', `/api/workplaces/${workplace}/meetings`, {
    heldOn: '2026-01-10',
    title: 'A meeting',
    attendeeCount: 0,
  });
  await made('demands', '/api/demands', { title: 'A demand' });
  await made('tasks', '/api/tasks', { title: 'A task' });
  await made('seasons', '/api/seasons', { name: 'A season', startsOn: '2026-02-01', endsOn: '2026-06-30' });
  await made('saved-views', '/api/saved-views', { name: 'A view', list: 'members', state: { params: {} } });
  await made('tokens', '/api/tokens', { name: 'A token' });
  for (const role of STAFF_ROLES) add('users', app.userIds[role]);
  add('workflow-rules', 'case_due_follow_up');
  add('workflow-rules', 'at_risk_follow_up');
  return ids;
}

export async function runFuzz(
  app: InProcess,
  options: { requests: number; seed: number; log: (m: string) => void },
): Promise<FuzzResult> {
  const docRes = await app.json('admin', 'GET', '/api/openapi.json');
  const doc = docRes.body as Document;
  const ids = await seed(app);
  const allIds = Object.values(ids).flat();
  const counts = await rowCountsQuery(app.database);
  const writes = await installWriteCounter(app.database);

  const deref = (s: Schema | undefined): Schema | undefined =>
    s?.$ref ? doc.components.schemas[s.$ref.split('/').pop() ?? ''] : s;

  const junk = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', '\u0000', 'x\uD800', 'z'.repeat(10_001), '<script>', "'; drop table members; --"),
    fc.integer({ min: -2_147_483_649, max: 2_147_483_649 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
  );
  const uuidish = fc.oneof(
    { weight: 3, arbitrary: allIds.length ? fc.constantFrom(...allIds) : fc.uuid() },
    { weight: 1, arbitrary: fc.uuid() },
  );
  const dateish = fc
    .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  /** A value the schema describes (within depth), now and then junk. */
  function schemaValue(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = deref(schema);
    if (!s || depth > 4) return junk;
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((a) => schemaValue(a, depth + 1)));
    if (s.allOf?.length) return schemaValue(s.allOf[0], depth + 1);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const nullable = types.includes('null');
    const type = types.find((t) => t && t !== 'null');
    let arb: fc.Arbitrary<unknown>;
    if (type === 'string' && s.format === 'uuid') arb = uuidish;
    else if (type === 'string' && s.format === 'date') arb = dateish;
    else if (type === 'string' && s.format === 'date-time') arb = dateish.map((d) => `${d}T09:00:00Z`);
    else if (type === 'string' && s.format === 'email') arb = fc.emailAddress().map((e) => e.slice(0, 60));
    else if (type === 'string') arb = fc.string({ minLength: 1, maxLength: 24 });
    else if (type === 'integer')
      arb = fc.integer({ min: s.minimum ?? -3, max: Math.min(s.maximum ?? 1000, 1_000_000) });
    else if (type === 'number') arb = fc.double({ min: -10, max: 1000, noNaN: true });
    else if (type === 'boolean') arb = fc.boolean();
    else if (type === 'array') arb = fc.array(schemaValue(s.items, depth + 1), { maxLength: 3 });
    else if (type === 'object' || s.properties) {
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      arb = fc.record(Object.fromEntries(props.map(([k, v]) => [k, schemaValue(v, depth + 1)])), {
        requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)),
      });
    } else arb = junk;
    return nullable ? fc.option(arb, { nil: null }) : arb;
  }

  /** A body as the schema says, the same with one field junk, or a malformed one. */
  function bodyOf(schema: Schema | undefined): fc.Arbitrary<{ body?: unknown; raw?: string }> {
    const valid = schemaValue(schema).map((body) => ({ body }));
    const broken = fc
      .tuple(schemaValue(schema), fc.string({ maxLength: 12 }), junk)
      .map(([body, key, value]) => ({
        body:
          typeof body === 'object' && body !== null && !Array.isArray(body)
            ? { ...body, [Object.keys(body)[0] ?? key]: value }
            : value,
      }));
    const malformed = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).map((body) => ({ body })),
      fc
        .constantFrom('{', '{"a":', 'null', '[]', '\u0000', '{"version":"1"}', 'x'.repeat(2000))
        .map((raw) => ({ raw })),
    );
    return fc.oneof(
      { weight: 5, arbitrary: valid },
      { weight: 3, arbitrary: broken },
      { weight: 2, arbitrary: malformed },
    );
  }

  const idsFor = (template: string, name: string): fc.Arbitrary<string> => {
    const resource = template.split('/')[1] ?? '';
    const key =
      name === 'noteId'
        ? 'notes'
        : name === 'caseId'
          ? 'cases'
          : name === 'meetingId'
            ? 'meetings'
            : name === 'memberId'
              ? 'members'
              : resource;
    const known = ids[key] ?? [];
    return fc.oneof(
      { weight: 6, arbitrary: known.length ? fc.constantFrom(...known) : fc.uuid() },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
    );
  };

  const operations = Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ template, method: method.toUpperCase(), op })),
  );

  const requestArb = fc
    .tuple(fc.constantFrom(...operations), fc.constantFrom(...STAFF_ROLES))
    .chain(([{ template, method, op }, role]) => {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const pathArb = fc.tuple(...names.map((n) => idsFor(template, n))).map((values) => {
        let path = template;
        names.forEach((n, i) => {
          path = path.replace(`{${n}}`, encodeURIComponent(values[i]!));
        });
        return path;
      });
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const queryArb = fc
        .tuple(...query.map((p) => fc.option(schemaValue(p.schema), { nil: undefined, freq: 2 })))
        .map((values) =>
          query
            .map((p, i) =>
              values[i] === undefined ? '' : `${p.name}=${encodeURIComponent(String(values[i]))}`,
            )
            .filter(Boolean)
            .join('&'),
        );
      const json = deref(op.requestBody?.content['application/json']?.schema);
      const body: fc.Arbitrary<{ body?: unknown; raw?: string }> = op.requestBody
        ? bodyOf(json)
        : fc.constant({});
      return fc.record({
        role: fc.constant(role as StaffRole),
        method: fc.constant(method),
        template: fc.constant(template),
        path: pathArb,
        query: queryArb,
        body,
      });
    });

  const result: FuzzResult = {
    operations: operations.length,
    requests: 0,
    byStatus: {},
    serverErrors: 0,
    refusedButWritten: 0,
    crossChecked: 0,
    countersMissed: 0,
    requestsPerSecond: 0,
    examples: [],
  };
  let before = await writes.read();
  const started = Date.now();
  const slow = new Map<string, number>();
  let countMs = 0;
  // In chunks (each its own seed): 100,000 requests are never held in memory at once.
  const CHUNK = 500;
  for (let chunk = 0; result.requests < options.requests; chunk++) {
    const n = Math.min(CHUNK, options.requests - result.requests);
    for (const r of fc.sample(requestArb, { numRuns: n, seed: options.seed + chunk })) {
      const url = `/api${r.path}${r.query ? `?${r.query}` : ''}`;
      const crossCheck = result.requests % CROSS_CHECK === 0;
      const rowsBefore = crossCheck ? await counts.read() : '';
      // A 401's counters are read before the role signs in again (see InProcess.onSessionEnded).
      let atSessionEnd: { writes: string; rows: string } | undefined;
      app.onSessionEnded = async () => {
        atSessionEnd = { writes: await writes.read(), rows: crossCheck ? await counts.read() : '' };
      };
      const t0 = performance.now();
      const sent = await app.send(r.role, r.method, url, r.body.body, r.body.raw);
      const key = `${r.method} ${r.template}`;
      slow.set(key, (slow.get(key) ?? 0) + performance.now() - t0);
      result.requests++;
      const bucket = `${Math.floor(sent.status / 100)}xx`;
      result.byStatus[bucket] = (result.byStatus[bucket] ?? 0) + 1;
      const t2 = performance.now();
      const next = await writes.read();
      const after = atSessionEnd?.writes ?? next;
      const rowsAfter = atSessionEnd?.rows ?? (crossCheck ? await counts.read() : '');
      countMs += performance.now() - t2;
      const label = `${r.role} ${r.method} ${r.template} → ${sent.status}`;
      if (sent.status >= 500) {
        result.serverErrors++;
        if (result.examples.length < 10) result.examples.push(`${label}: ${sent.text.slice(0, 200)}`);
      } else if (sent.status >= 400 && after !== before) {
        result.refusedButWritten++;
        if (result.examples.length < 10) result.examples.push(`${label} wrote: ${diff(before, after)}`);
      }
      if (crossCheck) {
        result.crossChecked++;
        if (sent.status >= 400 && sent.status < 500 && rowsAfter !== rowsBefore && after === before) {
          result.countersMissed++;
          result.refusedButWritten++;
          if (result.examples.length < 10)
            result.examples.push(
              `${label} changed row counts unseen by the counters: ${diff(rowsBefore, rowsAfter)}`,
            );
        }
      }
      before = next;
      if (result.requests % 1000 === 0)
        options.log(
          `fuzz: ${result.requests}/${options.requests} requests (${Math.round((result.requests * 1000) / (Date.now() - started))}/s), ${result.serverErrors} 5xx, ${result.refusedButWritten} refused but written`,
        );
    }
  }
  if (process.env.RELIABILITY_PROFILE)
    options.log(
      `fuzz profile: counting ${Math.round(countMs)} ms; slowest: ${[...slow]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', ')}`,
    );
  result.requestsPerSecond = Math.round((result.requests * 10_000) / (Date.now() - started)) / 10;
  return result;
}

function diff(before: string, after: string): string {
  const a = new Map(before.split(' ').map((p) => p.split(':') as [string, string]));
  return after
    .split(' ')
    .map((p) => p.split(':') as [string, string])
    .filter(([name, n]) => a.get(name) !== n)
    .map(([name, n]) => `${name} ${a.get(name)}→${n}`)
    .join(', ');
}
