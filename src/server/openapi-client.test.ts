import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from '@kumiai/openapi-codegen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/app';
import { type Listening, listen } from '../../test/listen';

// What a developer of another client does: fetch /api/openapi.json from a running server,
// generate types with openapi-typescript (default options), write a client with
// openapi-fetch, type-check it, run it; and lint the document with Redocly CLI.

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

let t: TestApp;
let server: Listening;
let dir: string;
let document: string;

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t.app);
  dir = await mkdtemp(join(tmpdir(), 'kumiai-openapi-client-'));
  // The client's imports (openapi-fetch) resolve as in a project that installed them.
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const cookie = await t.signIn('admin@example.org');
  const res = await fetch(`${server.url}/api/openapi.json`, { headers: { cookie } });
  expect(res.status).toBe(200);
  document = await res.text();
});
afterAll(async () => {
  await server?.close();
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * The client, compiled against the generated types. It leaves out fields that have a default,
 * passes `offset`, and names operations by their operationId: each fails to compile against
 * a document without them.
 */
const CLIENT = `import createClient from 'openapi-fetch';
import type { operations, paths } from './api';

type MemberCreate = operations['createMember']['requestBody']['content']['application/json'];
type MemberListQuery = NonNullable<operations['listMembers']['parameters']['query']>;
type Member = operations['getMember']['responses'][200]['content']['application/json'];

// engagement, unionRole and status have defaults: a client may leave them out.
const newMember: MemberCreate = { name: '組合 花子', nameKana: 'くみあい はなこ' };
// offset is a number; null is not an offset.
// @ts-expect-error null is not an offset
export const nullOffset: MemberListQuery = { offset: null };

export async function signInCreateRead(baseUrl: string, email: string, password: string) {
  const anonymous = createClient<paths>({ baseUrl });
  const login = await anonymous.POST('/auth/login', { body: { email, password } });
  if (!login.data) throw new Error(\`sign-in failed: \${login.error?.error.code}\`);
  // Two-step sign-in would answer { totpRequired: true } without a session.
  if ('totpRequired' in login.data) throw new Error('a code is needed');
  const cookie = login.response.headers.get('set-cookie')?.split(';')[0] ?? '';
  const api = createClient<paths>({ baseUrl, headers: { cookie } });

  const workplace = await api.POST('/workplaces', { body: { name: '本社工場' } });
  if (!workplace.data) throw new Error(\`workplace: \${workplace.error?.error.code}\`);
  const created = await api.POST('/members', { body: { ...newMember, workplaceId: workplace.data.id } });
  if (!created.data) throw new Error(\`member: \${created.error?.error.code}\`);
  const read = await api.GET('/members/{id}', { params: { path: { id: created.data.id } } });
  if (!read.data) throw new Error(\`read: \${read.error?.error.code}\`);
  const member: Member = read.data;
  const query: MemberListQuery = { q: 'はなこ', limit: 10, offset: 0 };
  const list = await api.GET('/members', { params: { query } });
  if (!list.data) throw new Error(\`list: \${list.error?.error.code}\`);
  const stale = await api.PATCH('/members/{id}', {
    params: { path: { id: member.id } },
    body: { version: member.version + 1, engagement: 'regular' },
  });
  return {
    signedInAs: login.data.email,
    member: { name: member.name, workplaceName: member.workplaceName, engagement: member.engagement },
    listed: list.data.items.map((item) => item.id).includes(member.id),
    stale: { status: stale.response.status, code: stale.error?.error.code },
  };
}
`;

describe('a client generated from /api/openapi.json', () => {
  it('compiles, then signs in, creates a workplace and a member, and reads them back', async () => {
    const types = astToString(await openapiTS(JSON.parse(document)));
    await writeFile(join(dir, 'api.d.ts'), types);
    await writeFile(join(dir, 'client.ts'), CLIENT);
    const compilerOptions = {
      target: 'ES2023',
      lib: ['ES2023', 'DOM'],
      module: 'ESNext',
      moduleResolution: 'bundler',
      strict: true,
      noEmit: true,
      types: [],
    };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['client.ts'] }));
    const tsc = await run(join(root, 'node_modules/.bin/tsc'), ['-p', dir]).catch((e) => e);
    expect(`${tsc.stdout}${tsc.stderr}`.trim()).toBe('');

    const client = await import(pathToFileURL(join(dir, 'client.ts')).href);
    const result = await client.signInCreateRead(`${server.url}/api`, 'admin@example.org', TEST_PASSWORD);
    expect(result).toEqual({
      signedInAs: 'admin@example.org',
      member: { name: '組合 花子', workplaceName: '本社工場', engagement: 'occasional' },
      listed: true,
      stale: { status: 409, code: 'conflict' },
    });
  });

  it('passes Redocly lint with no error and no warning', async () => {
    await writeFile(join(dir, 'openapi.json'), document);
    for (const file of ['redocly.yaml', '.redocly.lint-ignore.yaml']) {
      await copyFile(join(root, file), join(dir, file));
    }
    const lint = await run(
      join(root, 'node_modules/.bin/redocly'),
      ['lint', 'openapi.json', '--format=json', '--lint-config=error'],
      {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((e) => e);
    const report = JSON.parse(lint.stdout);
    expect(report.problems).toEqual([]);
    // The two public checks that can answer no 4xx (.redocly.lint-ignore.yaml), and nothing else.
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 2 });
  });
});
