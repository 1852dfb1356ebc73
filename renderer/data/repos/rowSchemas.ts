import type { z } from 'zod';
import { caseRecordSchema } from '../../../shared/casework/caseRecord.js';
import { consultationSchema } from '../../../shared/casework/consultation.js';
import type { Unstamped } from '../outbox.js';
import type { HouseholdTable, TableRows } from '../schema.js';
import { deviceToday, validRecord } from '../validation.js';

/**
 * The entity schema (shared/casework, the one its form uses) of each household table written through the generic
 * `householdRecords` save. Tables not listed are written only by rule-bearing repositories that check their rows.
 */
const rowSchemas: Partial<Record<HouseholdTable, (today: string) => z.ZodType>> = {
  consultations: consultationSchema,
  caseRecords: caseRecordSchema,
};

/** InvalidRecordError naming the field when the row breaks its table's schema; tables without one pass. */
export function assertValidRow<K extends HouseholdTable>(table: K, row: Unstamped<TableRows[K]>): void {
  const schema = rowSchemas[table];
  if (schema) validRecord(schema(deviceToday()), row);
}
