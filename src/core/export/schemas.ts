import type { z } from 'zod';
import { enumOf } from '../common/schemas';
import { listDemandsQuery } from '../demands/schemas';
import { listMembersQuery } from '../members/schemas';
import { listTasksQuery } from '../tasks/schemas';
import { listWorkplacesQuery } from '../workplaces/schemas';
import { EXPORT_LANGS, type ExportKind } from './columns';

/** Paging has no meaning for an export: every matching row is written. */
const withoutPaging = { limit: true, offset: true, cursor: true } as const;

const exportOptions = {
  lang: enumOf(EXPORT_LANGS).default('ja').meta({
    description:
      '`ja`: Japanese headers (SPEC §3 labels) and Japanese enum labels; `en`: English headers and API enum values.',
  }),
};

/** The list filters of each kind (the same schemas as the list routes), minus paging, plus `lang`. */
export const exportMembersQuery = listMembersQuery.omit(withoutPaging).extend(exportOptions);
export const exportWorkplacesQuery = listWorkplacesQuery.omit(withoutPaging).extend(exportOptions);
export const exportDemandsQuery = listDemandsQuery.omit(withoutPaging).extend(exportOptions);
export const exportTasksQuery = listTasksQuery.omit(withoutPaging).extend(exportOptions);

export const EXPORT_QUERIES = {
  members: exportMembersQuery,
  workplaces: exportWorkplacesQuery,
  demands: exportDemandsQuery,
  tasks: exportTasksQuery,
} as const satisfies Record<ExportKind, z.ZodType>;

export type ExportQueryOf = { [K in ExportKind]: z.infer<(typeof EXPORT_QUERIES)[K]> };
export type ExportQuery = ExportQueryOf[ExportKind];
