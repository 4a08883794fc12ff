import type { TaskType } from '../../../domain/messages';
import type { TaskStatus } from '../../../db/schema';
import type { TaskListQuery } from '../../../services/list-tasks';
import type { FieldErrors } from '../form';
import { TASK_STATUS_LABELS, TASK_TYPE_LABELS } from '../format';

/** The list filters as given in the URL, kept to fill the filter form again. */
export interface TaskFilterValues { status: string; type: string; unit: string; from: string; to: string }

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function isValidDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Reads the GET filters. An unknown value is ignored (and a bad date is reported) rather than failing the page. */
export function parseTaskFilters(query: Record<string, unknown>, unitIds: string[]): { values: TaskFilterValues; query: TaskListQuery; errors: FieldErrors } {
  const values: TaskFilterValues = { status: str(query.status), type: str(query.type), unit: str(query.unit), from: str(query.from), to: str(query.to) };
  const errors: FieldErrors = {};
  for (const f of ['from', 'to'] as const) {
    if (values[f] && !isValidDay(values[f])) errors[f] = 'Ugyldig dato (åååå-mm-dd).';
  }
  const page = Number(str(query.page));
  return {
    values,
    errors,
    query: {
      status: values.status in TASK_STATUS_LABELS ? (values.status as TaskStatus) : undefined,
      type: values.type in TASK_TYPE_LABELS ? (values.type as TaskType) : undefined,
      unitId: unitIds.includes(values.unit) ? values.unit : undefined,
      fromDay: values.from && !errors.from ? values.from : undefined,
      toDay: values.to && !errors.to ? values.to : undefined,
      page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    },
  };
}

/** The list URL with these filters and another page. */
export function listUrl(values: TaskFilterValues, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return `/admin/tasks${qs ? `?${qs}` : ''}`;
}
