import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { AppError, type FieldErrors } from '../core/errors';
import type { AppEnv } from './env';

/** zod issues → `{ field: message }` (SPEC §6 error shape). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = 'is not a known field';
      continue;
    }
    const path = issue.path.join('.') || 'body';
    fields[path] ??=
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  }
  return fields;
}

/** One router per resource; every validation failure becomes the API's error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      // A malformed id in the path names no record: answer as for an unknown one.
      if (result.target === 'param') throw new AppError('not_found', 'Not found');
      throw new AppError('validation_failed', 'Some fields are invalid', fieldErrorsOf(result.error));
    },
  });
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      requestId: z.string().optional().meta({
        description: 'A 500 only: the id of the server log record (also the X-Request-Id header).',
      }),
    }),
  })
  .meta({ id: 'Error' });

const errorContent = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

export const errorResponses = {
  400: errorContent('Invalid input: `error.fields` names each problem. Nothing was written.'),
  401: errorContent('Not signed in'),
  403: errorContent('Signed in but not allowed'),
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  404: errorContent('No such record'),
  409: errorContent('Stale version or a unique value already in use. Nothing was written.'),
} as const;

export const jsonBody = <T extends ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const idParams = z.object({ id: z.uuid().meta({ param: { name: 'id', in: 'path' } }) });

export const listOf = <T extends ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().optional() }).meta({ id });

/** A list whose count stops at a cap (the member list: a federation is too large to count per request). */
export const cappedListOf = <T extends ZodType>(item: T, id: string, cap: number) =>
  z
    .object({
      items: z.array(item),
      total: z
        .number()
        .int()
        .meta({
          description: `The matches, counted up to ${cap.toLocaleString('en')} past the page's offset`,
        }),
      totalCapped: z.boolean().meta({ description: 'True when there are more matches than `total`' }),
      nextCursor: z.string().optional(),
    })
    .meta({ id });

export const versionQuery = z.object({
  version: z.coerce.number({ message: 'must be the version you read' }).int().min(1),
});

/** Every tag the routes use, declared with what it groups (the order Swagger UI shows them in). */
export const apiTags = [
  {
    name: 'Auth',
    description: 'Signing in and out, the signed-in user, and personal API tokens for scripts',
  },
  { name: 'System', description: 'Health check and the first-run set-up (no sign-in needed)' },
  { name: 'Users', description: 'Staff users, their roles and (for reps) their workplaces' },
  {
    name: 'Members 組合員',
    description: 'Union members: engagement, consultation notes, follow-up cases, history and timeline',
  },
  {
    name: 'Workplaces 職場',
    description: 'Workplaces: organization rates, atmosphere and workplace meetings',
  },
  {
    name: 'Demands 交渉・要求',
    description:
      'Demands, the members who hold them, the negotiation log, and bargaining seasons (交渉シーズン)',
  },
  {
    name: 'Matching 要求の提案',
    description:
      'What members said matched to demands: suggestions both ways, the voices no demand holds yet, the synonym table',
  },
  { name: 'Tasks タスク', description: 'Manual tasks and the ones the workflow rules create' },
  {
    name: 'Search 検索',
    description: 'The top bar’s search box: members, workplaces, demands and tasks in one request',
  },
  {
    name: 'Saved views 保存ビュー',
    description: 'A list’s filters, search, sort and columns under a name, private or shared with roles',
  },
  {
    name: 'Calendar feeds カレンダー連携',
    description: 'Secret iCal feeds of your tasks, negotiation dates and meetings; one-off .ics downloads',
  },
  {
    name: 'Dashboards ダッシュボード',
    description: 'Weekly and monthly figures, with the members behind each (drill-down)',
  },
  {
    name: 'Handover 引き継ぎ',
    description: "Handing over a staff user's members, workplaces and tasks; briefings",
  },
  {
    name: 'Import 取り込み',
    description: 'Member and workplace rosters from CSV, TSV or XLSX; saved column mappings',
  },
  { name: 'Export エクスポート', description: "Lists as CSV or XLSX files, with the list's filters" },
  {
    name: 'Data protection 個人情報',
    description: "A member's data on request, and erasure of a member's personal data",
  },
  { name: 'Audit 監査ログ', description: 'The audit trail of every write, sign-in and denial (admin only)' },
  { name: 'Settings 設定', description: "The organization's settings (admin only)" },
  {
    name: 'Custom fields 独自項目',
    description:
      'Fields the union defines for members and workplaces (admins define them, everyone reads them)',
  },
  {
    name: 'Workflows ワークフロー',
    description: 'The date rules that create tasks, their templates and runs',
  },
  {
    name: 'Surveys 要求アンケート',
    description:
      'Demand surveys: building one, personal links and slips, response tracking, paper answers, results, applying them to demands',
  },
  {
    name: 'Public survey 回答ページ',
    description:
      "A member's personal survey link (no sign-in): the questions and their answer. The token is the only credential",
  },
  {
    name: 'Sync オフライン同期',
    description:
      'The phone app: the workplace pack it keeps for working without signal, and its outbox applied exactly once',
  },
];

type ApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;
type ApiDocumentConfig = Parameters<OpenAPIHono<AppEnv>['getOpenAPI31Document']>[0];
type Operation = NonNullable<NonNullable<ApiDocument['paths']>[string]['get']>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const SCHEMA_REF = '#/components/schemas/';
const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `${SCHEMA_REF}Error` } } },
});

/**
 * The document `GET /openapi.json` serves: generated once from the routes' registry, then
 * made what generated clients (openapi-typescript + openapi-fetch) need.
 */
export function apiDocument(api: OpenAPIHono<AppEnv>, config: ApiDocumentConfig) {
  let document: ApiDocument | undefined;
  return () => {
    document ??= completeDocument(api.getOpenAPI31Document(config));
    return document;
  };
}

/**
 * - Every operation that takes a body may answer 413 (the body limit) and 415 (a body of
 *   another type than it accepts): app.ts checks both before any route.
 * - A request body's schema is written where it is used, not as a component: openapi-typescript
 *   types a component's property that has a `default` as always present, which would make
 *   fields a client may leave out (`engagement`, `status`…) required in requests.
 * - No empty `webhooks` (the generator always writes the key).
 */
export function completeDocument(document: ApiDocument): ApiDocument {
  const { webhooks, ...rest } = document;
  const complete: ApiDocument = webhooks && Object.keys(webhooks).length > 0 ? document : rest;
  const schemas = complete.components?.schemas ?? {};
  const uses = schemaUses(complete);
  for (const item of Object.values(complete.paths ?? {})) {
    for (const method of METHODS) {
      const operation: Operation | undefined = item[method];
      const body = operation?.requestBody;
      if (!operation || !body || '$ref' in body) continue;
      for (const media of Object.values(body.content)) {
        const ref = media.schema && '$ref' in media.schema ? media.schema.$ref : undefined;
        const name = ref?.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
        const schema = name === undefined ? undefined : schemas[name];
        if (name !== undefined && schema && uses.get(name) === 1) {
          media.schema = schema;
          delete schemas[name];
        }
      }
      const types = Object.keys(body.content).join(' or ');
      operation.responses ??= {};
      const responses = operation.responses;
      responses[413] ??= errorRef('The request body is larger than 1 MB. Nothing was written.');
      responses[415] ??= errorRef(`The request body is not ${types}. Nothing was written.`);
    }
  }
  return complete;
}

/** How many times each component schema is referenced anywhere in the document. */
function schemaUses(document: ApiDocument) {
  const uses = new Map<string, number>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === '$ref' && typeof item === 'string' && item.startsWith(SCHEMA_REF)) {
          const name = item.slice(SCHEMA_REF.length);
          uses.set(name, (uses.get(name) ?? 0) + 1);
        } else {
          visit(item);
        }
      }
    }
  };
  visit(document);
  return uses;
}
