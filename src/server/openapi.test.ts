import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';

type Schema = {
  $ref?: string;
  type?: string | string[];
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
};
type Operation = {
  operationId?: string;
  tags?: string[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  parameters?: { name: string; in: string; schema: Schema }[];
  responses: Record<string, unknown>;
};

let t: TestApp;
let doc: {
  paths: Record<string, Record<string, Operation>>;
  tags?: { name: string; description?: string }[];
  components: { schemas: Record<string, Schema> };
  webhooks?: unknown;
};
let operations: { method: string; path: string; operation: Operation }[];

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.api('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  );
});
afterAll(() => t.close());

describe('the OpenAPI document, as generated clients need it', () => {
  it('names every operation with a unique, readable operationId', () => {
    expect(operations.length).toBeGreaterThanOrEqual(90);
    const ids = operations.map(({ method, path, operation }) => {
      expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
      return operation.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
    const idOf = (method: string, path: string) => doc.paths[path]?.[method]?.operationId;
    expect(idOf('get', '/members')).toBe('listMembers');
    expect(idOf('patch', '/members/{id}/cases/{caseId}')).toBe('updateMemberCase');
    expect(idOf('put', '/demands/{id}/members/{memberId}')).toBe('linkDemandMember');
    expect(idOf('delete', '/demands/{id}/members/{memberId}')).toBe('unlinkDemandMember');
    expect(idOf('put', '/demands/{id}/members')).toBe('linkDemandMembers');
    expect(idOf('delete', '/demands/{id}/members')).toBe('unlinkDemandMembers');
    expect(idOf('post', '/auth/login')).toBe('login');
    expect(idOf('get', '/setup')).toBe('getSetupState');
    expect(idOf('get', '/export/members.xlsx')).toBe('exportMembersXlsx');
  });

  it('declares every tag an operation uses, with a description', () => {
    const declared = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]));
    const used = new Set(operations.flatMap(({ operation }) => operation.tags ?? []));
    expect(used.size).toBeGreaterThan(10);
    for (const tag of used) expect(declared.get(tag), tag).toMatch(/\w/);
    // Nor a declared tag without operations.
    expect([...declared.keys()].sort()).toEqual([...used].sort());
  });

  it('has no empty webhooks', () => {
    expect(doc).not.toHaveProperty('webhooks');
  });

  it('types offset as a plain integer, not integer | null', () => {
    const offsets = operations.flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((p) => p.name === 'offset'),
    );
    expect(offsets.length).toBeGreaterThan(10);
    for (const offset of offsets) {
      expect(offset.in).toBe('query');
      expect(offset.schema).toEqual({ type: 'integer', minimum: 0, default: 0 });
    }
  });

  it('writes request bodies in place, where a field with a default is not required', () => {
    const withDefaults: string[] = [];
    for (const { method, path, operation } of operations) {
      for (const { schema } of Object.values(operation.requestBody?.content ?? {})) {
        // A component's defaulted field is typed as always present by openapi-typescript.
        expect(schema.$ref, `${method} ${path}`).toBeUndefined();
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          if (property.default === undefined) continue;
          withDefaults.push(`${method} ${path} ${name}`);
          expect(schema.required ?? [], `${method} ${path} ${name}`).not.toContain(name);
        }
      }
    }
    expect(withDefaults).toContain('post /members engagement');
    expect(withDefaults).toContain('post /tasks status');
    // Components are what responses share.
    expect(doc.components.schemas).toHaveProperty('Member');
    expect(doc.components.schemas).not.toHaveProperty('MemberCreate');
  });

  it('declares 413 and 415 on every operation that takes a body, and the server answers them', async () => {
    const withBody = operations.filter(({ operation }) => operation.requestBody);
    expect(withBody.length).toBeGreaterThan(30);
    const tooLarge = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    for (const { method, path, operation } of withBody) {
      const at = `${method.toUpperCase()} ${path}`;
      expect(Object.keys(operation.responses), at).toEqual(expect.arrayContaining(['413', '415']));
      const url = `/api${path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')}`;
      const text = await t.api(method.toUpperCase(), url, 'name=x', { 'content-type': 'text/plain' });
      expect([text.status, text.body?.error?.code], at).toEqual([415, 'unsupported_media_type']);
      const large = await t.api(method.toUpperCase(), url, tooLarge);
      expect([large.status, large.body?.error?.code], at).toEqual([413, 'payload_too_large']);
    }
  });
});
