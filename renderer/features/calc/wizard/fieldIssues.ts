import { set, type FieldErrors, type FieldValues, type ResolverResult } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldIssue } from './wizardTypes';

/** zod issues of a form schema as field issues; `label` names the field the way the screen does. */
export function zodFieldIssues<T>(schema: z.ZodType<T>, values: unknown, label: (field: string) => string): FieldIssue[] {
  const parsed = schema.safeParse(values);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return { field, label: label(field), message: issue.message };
  });
}

/** The resolver of one step: the form's issues that the step owns, as react-hook-form errors. */
export function stepResolution<V extends FieldValues>(values: V, issues: readonly FieldIssue[]): ResolverResult<V> {
  if (issues.length === 0) return { values, errors: {} };
  const errors: FieldErrors<V> = {};
  // The first issue of a field wins: it is the one the schema checks first.
  for (const issue of [...issues].reverse()) set(errors, issue.field, { type: 'validate', message: issue.message });
  return { values: {}, errors };
}
