import { z } from 'zod';
import { recordOutput } from '../common/output';
import { enumOf, requiredText, text, uuid, versionField } from '../common/schemas';
import { IMPORT_KINDS, MAPPING_KINDS, ROW_WARNING_KINDS } from './types';

/** The longest header a mapping may name, and the most columns it may have. */
const MAX_HEADER = 200;
const MAX_COLUMNS = 1000;

/** File header → field (null: ignore the column). */
export const columnMappingSchema = z
  .record(
    text().max(MAX_HEADER, { message: `headers must be at most ${MAX_HEADER} characters` }),
    text().max(100).nullable(),
  )
  .refine((m) => Object.keys(m).length <= MAX_COLUMNS, {
    message: `must have at most ${MAX_COLUMNS} columns`,
  })
  .meta({
    id: 'ColumnMapping',
    description: 'File header → the field it fills (null: the column is ignored).',
    example: { 社員番号: 'employeeNumber', 氏名: 'name', 備考: null },
  });

// ---------------------------------------------------------------- saved mappings

export const importMappingSchema = z
  .object({
    ...recordOutput,
    kind: z.enum(MAPPING_KINDS),
    name: z.string(),
    columns: z.record(z.string(), z.string().nullable()),
    createdBy: z.uuid().nullable(),
  })
  .meta({ id: 'ImportMapping' });

export const createImportMappingSchema = z
  .strictObject({
    kind: enumOf(MAPPING_KINDS),
    name: requiredText(100),
    columns: columnMappingSchema,
  })
  .meta({ id: 'ImportMappingCreate' });
export type CreateImportMappingInput = z.infer<typeof createImportMappingSchema>;

export const updateImportMappingSchema = z
  .strictObject({
    name: requiredText(100).optional(),
    columns: columnMappingSchema.optional(),
    version: versionField,
  })
  .meta({ id: 'ImportMappingUpdate' });
export type UpdateImportMappingInput = z.infer<typeof updateImportMappingSchema>;

export const listImportMappingsQuery = z.object({ kind: enumOf(MAPPING_KINDS).optional() });

// ---------------------------------------------------------------- running an import

const booleanField = (fallback: boolean, description: string) =>
  z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true'))
    .meta({ description });

/** The multipart form of POST /api/import/{kind} (the file is checked by the route). */
export const importFormSchema = z.object({
  dryRun: booleanField(
    true,
    'Compute and report without writing anything (default true: check first, then apply).',
  ),
  createWorkplaces: booleanField(false, 'Members: create the workplaces the file names that do not exist.'),
  skipInvalid: booleanField(
    false,
    'Apply the valid rows and skip the rows with errors (by default one error stops the whole import).',
  ),
  mapping: text()
    .max(200_000)
    .optional()
    .meta({ description: 'The column mapping as a JSON object (file header → field or null).' }),
  mappingId: uuid.optional().meta({ description: 'A saved mapping to use instead.' }),
});

export const rowErrorSchema = z
  .object({
    row: z.number().int().meta({ description: "The file's row number (the header is row 1)." }),
    column: z.string().nullable().meta({ description: 'The file column (header), null for the whole row.' }),
    message: z.string(),
  })
  .meta({ id: 'ImportRowError' });

export const rowChangeSchema = z
  .object({
    row: z.number().int().meta({ description: "The file's row number (the header is row 1)." }),
    name: z.string().meta({ description: "The member's name as stored (before the change)." }),
    fields: z.array(
      z.object({
        field: z.string(),
        column: z.string().meta({ description: 'The file column (header).' }),
        before: z.string().nullable(),
        after: z.string().nullable().meta({
          description: 'Workplaces by name, owners by display name, enums as their API values.',
        }),
      }),
    ),
  })
  .meta({ id: 'ImportRowChange' });

export const rowWarningSchema = z
  .object({
    row: z.number().int().meta({ description: "The file's row number (the header is row 1)." }),
    column: z.string().nullable().meta({ description: 'The file column (header).' }),
    kind: z.enum(ROW_WARNING_KINDS).meta({
      description:
        '`same_name`: a new member with the same name and reading as an existing one (or the same name, when either has no reading); `same_name_in_file`: as an earlier new row; `employee_number_zeros`: a new member whose employee number is an existing one’s but for leading zeros (00123 vs 123, as a spreadsheet leaves it); `employee_number_zeros_in_file`: as an earlier new row’s; `employee_number_zeros_change`: an update that changes an employee number only in its leading zeros; `link_in_file`: a demand-link row naming the same member and demand as an earlier row (`otherRow`; linked once).',
    }),
    message: z.string(),
    memberId: z.uuid().nullable(),
    memberName: z.string().nullable(),
    memberEmployeeNumber: z.string().nullable(),
    otherRow: z.number().int().nullable(),
  })
  .meta({ id: 'ImportRowWarning' });

/** The most errors a response lists (`errorCount` has them all). */
export const MAX_LISTED_ERRORS = 1_000;

export const demandLinkCountSchema = z
  .object({
    demandId: z.uuid(),
    title: z.string(),
    seasonName: z.string().nullable(),
    linked: z.number().int().meta({ description: 'Members linked (or to link, when not applied).' }),
    alreadyLinked: z
      .number()
      .int()
      .meta({ description: 'Members of the file already linked (left as they are).' }),
  })
  .meta({ id: 'ImportDemandLinkCount' });

export const importResultSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    fileName: z.string(),
    format: z.enum(['csv', 'tsv', 'xlsx']),
    encoding: z.enum(['utf-8', 'shift_jis']).nullable(),
    headers: z.array(z.string()),
    mapping: z.record(z.string(), z.string().nullable()),
    dryRun: z.boolean(),
    applied: z.boolean().meta({
      description:
        'Whether the changes were committed: false for a dry run and when errors stopped the import.',
    }),
    total: z.number().int().meta({ description: 'Data rows in the file.' }),
    created: z.number().int().meta({ description: 'Rows created (or to create, when not applied).' }),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z
      .number()
      .int()
      .meta({ description: 'Rows with errors (skipped with skipInvalid, else they stop the import).' }),
    createdWorkplaces: z.array(z.string()),
    followUpTasks: z.number().int().meta({ description: 'at_risk_follow_up tasks created.' }),
    errors: z.array(rowErrorSchema).meta({ description: `The first ${MAX_LISTED_ERRORS} errors, by row.` }),
    errorCount: z.number().int(),
    warnings: z.array(rowWarningSchema).meta({
      description: `Members: rows that would likely create a duplicate (the first ${MAX_LISTED_ERRORS}, by row). They are imported as they are (a new member is created, an update applied): fix the file (the employee number, or the export's ID column) to update the existing member instead.`,
    }),
    warningCount: z.number().int(),
    changes: z.array(rowChangeSchema).meta({
      description: 'Members: the changed fields (before → after) of the first 200 rows that update a member.',
    }),
    changesNotListed: z.number().int().meta({ description: 'Updated rows beyond those in `changes`.' }),
    byDemand: z.array(demandLinkCountSchema).meta({
      description:
        'Demand links: per demand of the valid rows, the members linked (`created` in all) and those already linked (`unchanged`, with repeated rows), by season and title. Empty for the other kinds.',
    }),
  })
  .meta({ id: 'ImportResult' });
export type ImportResultOutput = z.infer<typeof importResultSchema>;

export const IMPORT_PHASES = ['reading', 'validating', 'writing'] as const;
