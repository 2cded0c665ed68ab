import { useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, patch, post } from '../../http/client';
import type { CustomField, CustomFieldEntity, CustomFieldOption, CustomFieldType } from '../../http/types';

export const customFieldKeys = {
  all: ['custom-fields'] as const,
  list: (entity: CustomFieldEntity, includeArchived: boolean) =>
    ['custom-fields', entity, includeArchived ? 'all' : 'active'] as const,
};

/**
 * The definitions of one entity's custom fields, in order: the active ones, or every one
 * (archived included) for the settings page. Every staff role reads them.
 */
export function useCustomFields(entity: CustomFieldEntity, includeArchived = false) {
  return useQuery({
    queryKey: customFieldKeys.list(entity, includeArchived),
    queryFn: async () =>
      (
        await get<{ items: CustomField[] }>('/custom-fields', {
          entity,
          includeArchived: includeArchived || undefined,
        })
      ).items,
    staleTime: 60_000,
  });
}

/** The active fields, or none while they load (or when they cannot be read). */
export function useActiveCustomFields(entity: CustomFieldEntity): CustomField[] {
  const fields = useCustomFields(entity);
  return Array.isArray(fields.data) ? fields.data.filter((f) => f.archivedAt === null) : [];
}

export type NewCustomField = {
  entity: CustomFieldEntity;
  key: string;
  labelJa: string;
  labelEn: string;
  type: CustomFieldType;
  options?: CustomFieldOption[];
  required: boolean;
  position?: number;
};

export type CustomFieldChanges = {
  version: number;
  labelJa?: string;
  labelEn?: string;
  options?: CustomFieldOption[];
  required?: boolean;
  position?: number;
};

export const createCustomField = (body: NewCustomField) => post<CustomField>('/custom-fields', body);
export const updateCustomField = (id: string, changes: CustomFieldChanges) =>
  patch<CustomField>(`/custom-fields/${id}`, changes);
export const archiveCustomField = (id: string) => del<CustomField>(`/custom-fields/${id}`);
export const restoreCustomField = (id: string) => post<CustomField>(`/custom-fields/${id}/restore`);

/**
 * After a definition changes: the definitions, and the records and lists showing its values
 * (an archived field's values leave them, a restored one's come back).
 */
export function useCustomFieldsChanged() {
  const queryClient = useQueryClient();
  return (entity: CustomFieldEntity) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: customFieldKeys.all }),
      queryClient.invalidateQueries({ queryKey: [entity === 'member' ? 'members' : 'workplaces'] }),
    ]);
}
