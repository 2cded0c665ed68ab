import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, type Page, patch, post } from '../../http/client';
import type { Task } from '../../http/types';
import { demandKeys } from '../demands/queries';
import { memberKeys } from '../members/queries';
import { workplaceKeys } from '../workplaces/queries';
import { type TaskListParams, taskKeys } from './count';

export { type TaskListParams, taskKeys } from './count';

export const SUBJECT_LIMIT = 20;

export function useTasks(params: TaskListParams, enabled = true) {
  return useQuery({
    queryKey: taskKeys.list(params),
    enabled,
    queryFn: () => get<Page<Task>>('/tasks', params),
    placeholderData: keepPreviousData,
  });
}

/** The open tasks about one member, workplace or demand (for the record's own page). */
export function useSubjectTasks(subjectType: 'member' | 'workplace' | 'demand', subjectId: string) {
  return useQuery({
    queryKey: taskKeys.subject(subjectType, subjectId),
    queryFn: () =>
      get<Page<Task>>('/tasks', {
        subjectType,
        subjectId,
        status: 'open',
        sort: 'dueOn',
        limit: SUBJECT_LIMIT,
      }),
  });
}

type Subject = Pick<Task, 'subjectType' | 'subjectId'>;

/**
 * After a task changes: every task query (the inbox, record sections, the nav
 * badge) and the record it is about (a member's timeline shows its tasks).
 */
export function useInvalidateTasks() {
  const queryClient = useQueryClient();
  return (subject?: Subject) => {
    const id = subject?.subjectId;
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: taskKeys.all }),
      id && subject.subjectType === 'member'
        ? queryClient.invalidateQueries({ queryKey: memberKeys.detail(id) })
        : undefined,
      id && subject.subjectType === 'workplace'
        ? queryClient.invalidateQueries({ queryKey: workplaceKeys.all })
        : undefined,
      id && subject.subjectType === 'demand'
        ? queryClient.invalidateQueries({ queryKey: demandKeys.detail(id) })
        : undefined,
    ]);
  };
}

export type TaskChanges = Partial<{
  title: string;
  body: string | null;
  dueOn: string | null;
  status: 'open' | 'done';
  assigneeId: string | null;
}>;

const isPage = (data: unknown): data is Page<Task> =>
  typeof data === 'object' && data !== null && Array.isArray((data as Page<Task>).items);

/**
 * PATCH a task with the version read. The change shows at once in every
 * cached list (optimistic); whatever the answer, the lists are read again, so
 * a refused change (409: someone else was first) reverts to the server's truth.
 */
export function useUpdateTask() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: ({ task, changes }: { task: Task; changes: TaskChanges }) =>
      patch<Task>(`/tasks/${task.id}`, { version: task.version, ...changes }),
    onMutate: async ({ task, changes }) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.all });
      queryClient.setQueriesData({ queryKey: taskKeys.all }, (data: unknown) =>
        isPage(data)
          ? { ...data, items: data.items.map((t) => (t.id === task.id ? { ...t, ...changes } : t)) }
          : data,
      );
    },
    onSettled: (_data, _error, { task }) => invalidate(task),
  });
}

export function useDeleteTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: (task: Task) => del(`/tasks/${task.id}`, { version: task.version }),
    onSettled: (_data, _error, task) => invalidate(task),
  });
}

export type NewTask = {
  title: string;
  body: string | null;
  dueOn: string | null;
  assigneeId: string | null;
};

export function useCreateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: (input: NewTask) => post<Task>('/tasks', input),
    onSuccess: (created) => invalidate(created),
  });
}
